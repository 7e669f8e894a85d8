package townhall.delivery;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Orders of questions by votes, each frozen when made, so paging through one meets every question exactly once
 * however votes move meanwhile (a live order would skip a question that rose past the cursor and repeat one that
 * fell behind it). A page names its order by generation; orders are shared by every pager that starts within
 * {@link #REUSE_NANOS} of each other and dropped after a while.
 *
 * <p>Threading: confined to the hub context.
 */
final class PopularOrders {
  /** A new first page within this long of the newest order reuses it: a join storm makes one order, not many. */
  private static final long REUSE_NANOS = 10_000_000_000L;
  private static final int KEPT = 16;

  /** One frozen order: {@code key} says what it orders (the public questions, or one status for moderators). */
  record Order(long generation, String key, long madeAt, List<String> ids) {
  }

  private final ArrayDeque<Order> kept = new ArrayDeque<>();
  private long generations;

  /** The newest order of {@code key}, made by {@code make} when there is none recent enough. */
  Order fresh(String key, long now, java.util.function.Supplier<List<String>> make) {
    for (Order order : kept) {
      if (order.key().equals(key) && now - order.madeAt() < REUSE_NANOS) {
        return order;
      }
    }
    Order order = new Order(++generations, key, now, List.copyOf(make.get()));
    kept.addFirst(order);
    if (kept.size() > KEPT) {
      kept.removeLast();
    }
    return order;
  }

  /** The order of this generation, or null when it is no longer kept. */
  Order find(long generation) {
    for (Order order : kept) {
      if (order.generation() == generation) {
        return order;
      }
    }
    return null;
  }
}

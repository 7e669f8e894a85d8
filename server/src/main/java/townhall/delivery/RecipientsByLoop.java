package townhall.delivery;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A room's recipients, kept grouped by the event loop that owns each, so a broadcast needs no regrouping. */
final class RecipientsByLoop {
  private final Map<Context, Set<Recipient>> byLoop = new HashMap<>(4);
  private int size;
  /** Every recipient, by loop, in lists that never change; null until asked for and after each add or remove. */
  private Map<Context, List<Recipient>> everyone;

  boolean add(Recipient socket) {
    boolean added = byLoop.computeIfAbsent(socket.context(), loop -> new LinkedHashSet<>()).add(socket);
    if (added) {
      size++;
      everyone = null;
    }
    return added;
  }

  boolean remove(Recipient socket) {
    Set<Recipient> group = byLoop.get(socket.context());
    if (group == null || !group.remove(socket)) {
      return false;
    }
    size--;
    everyone = null;
    if (group.isEmpty()) {
      byLoop.remove(socket.context());
    }
    return true;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void forEach(Consumer<Recipient> action) {
    byLoop.values().forEach(group -> group.forEach(action));
  }

  /** A copy, safe to use while sockets come and go. */
  List<Recipient> snapshot() {
    List<Recipient> all = new ArrayList<>(size);
    forEach(all::add);
    return all;
  }

  Map<Context, Set<Recipient>> groups() {
    return byLoop;
  }

  /**
   * Every recipient grouped by loop, as unmodifiable lists kept until the next add or remove: the broadcasts to
   * everyone of a tick (votes, presence) share them instead of copying the room once per broadcast, and the loops
   * may read them while the hub goes on.
   */
  Map<Context, List<Recipient>> everyoneByLoop() {
    if (everyone == null) {
      Map<Context, List<Recipient>> lists = new HashMap<>(byLoop.size() * 2);
      byLoop.forEach((loop, group) -> lists.put(loop, List.copyOf(group)));
      everyone = Collections.unmodifiableMap(lists);
    }
    return everyone;
  }
}

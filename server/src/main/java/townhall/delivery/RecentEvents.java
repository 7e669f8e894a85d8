package townhall.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.SessionEvent;

/**
 * The last events a room delivered, in seq order: they bring a late joiner up to date without Redis, and tell a
 * rewritten past (an event under a seq already delivered that is not the event delivered then). Confined to the
 * hub context.
 */
final class RecentEvents {
  private final int capacity;
  private final ArrayDeque<SessionEvent.Sequenced> events = new ArrayDeque<>();

  RecentEvents(int capacity) {
    this.capacity = capacity;
  }

  void add(SessionEvent.Sequenced event) {
    events.addLast(event);
    if (events.size() > capacity) {
      events.removeFirst();
    }
  }

  void clear() {
    events.clear();
  }

  /** Whether every event after {@code seq} up to the newest is held here. */
  boolean covers(long seq) {
    return !events.isEmpty() && events.peekFirst().seq() <= seq + 1;
  }

  /** The held events after {@code seq}, in order. */
  List<SessionEvent.Sequenced> after(long seq) {
    List<SessionEvent.Sequenced> after = new ArrayList<>();
    for (SessionEvent.Sequenced event : events) {
      if (event.seq() > seq) {
        after.add(event);
      }
    }
    return after;
  }

  /** An event with a seq already delivered that is not the event delivered then (a repeat is the same event). */
  boolean rewritten(SessionEvent.Sequenced event) {
    var older = events.descendingIterator();
    while (older.hasNext()) {
      SessionEvent.Sequenced delivered = older.next();
      if (delivered.seq() == event.seq()) {
        return !delivered.equals(event);
      }
      if (delivered.seq() < event.seq()) {
        return false;
      }
    }
    return false;
  }
}

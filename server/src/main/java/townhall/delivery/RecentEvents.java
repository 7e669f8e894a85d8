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
  /** The view's vote version when each event was delivered (-1: not known, for events read with a snapshot). */
  private final ArrayDeque<Long> voteVersions = new ArrayDeque<>();

  RecentEvents(int capacity) {
    this.capacity = capacity;
  }

  void add(SessionEvent.Sequenced event, long voteVersion) {
    events.addLast(event);
    voteVersions.addLast(voteVersion);
    if (events.size() > capacity) {
      events.removeFirst();
      voteVersions.removeFirst();
    }
  }

  void clear() {
    events.clear();
    voteVersions.clear();
  }

  /**
   * The vote version a screen that saw every event up to {@code seq} has at least seen the counts of (so it needs
   * only counts newer than that), or -1 when not known.
   */
  long voteVersionAt(long seq) {
    var versions = voteVersions.iterator();
    for (SessionEvent.Sequenced event : events) {
      long version = versions.next();
      if (event.seq() == seq) {
        return version;
      }
    }
    return -1;
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

package townhall.delivery;

import townhall.domain.SessionEvent;

/** The session's connection count across nodes, the newest by Redis time. Confined to the hub context. */
final class PresenceTally {
  private int count = -1;
  private long at;

  /** Answers whether the count changed. */
  boolean note(SessionEvent.PresenceChanged change) {
    if (change.at() < at) {
      return false;
    }
    at = change.at();
    if (change.count() == count) {
      return false;
    }
    count = change.count();
    return true;
  }

  /** The count, or -1 before any was heard. */
  int count() {
    return count;
  }
}

package townhall.delivery;

import java.util.HashMap;
import java.util.Map;
import townhall.domain.SessionEvent;

/**
 * The newest vote count of each question a room has heard of, whatever order counts from several nodes and
 * events arrive in, and those changed since the last flush. Confined to the hub context.
 */
final class VoteTally {
  private final Map<String, SessionEvent.VoteCount> latest = new HashMap<>();
  private final Map<String, SessionEvent.VoteCount> changed = new HashMap<>();

  /** Keeps the count when it is newer than any seen; answers whether it was. */
  boolean note(String questionId, SessionEvent.VoteCount count) {
    SessionEvent.VoteCount known = latest.get(questionId);
    if (known != null && count.version() <= known.version()) {
      return false;
    }
    latest.put(questionId, count);
    changed.put(questionId, count);
    return true;
  }

  /** A count that goes out with a question event needs no votes frame of its own. */
  void delivered(String questionId) {
    changed.remove(questionId);
  }

  boolean hasChanges() {
    return !changed.isEmpty();
  }

  /** The counts changed since the last call. */
  Map<String, SessionEvent.VoteCount> takeChanges() {
    Map<String, SessionEvent.VoteCount> taken = Map.copyOf(changed);
    changed.clear();
    return taken;
  }

  void clear() {
    latest.clear();
    changed.clear();
  }
}

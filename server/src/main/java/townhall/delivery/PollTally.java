package townhall.delivery;

import java.util.HashMap;
import java.util.Map;
import townhall.domain.PollResults;

/**
 * The newest results of each poll a room has heard of (by results version, whatever order results from several
 * nodes and events arrive in), and those changed since the last flush. Kept apart from the view, so results that
 * arrive while the view is read again are not lost. Confined to the hub context.
 */
final class PollTally {
  private final Map<String, PollResults> latest = new HashMap<>();
  private final Map<String, PollResults> changed = new HashMap<>();

  /** Keeps the results when they are newer than any seen; answers whether they were. */
  boolean note(String pollId, PollResults results) {
    PollResults known = latest.get(pollId);
    if (results == null || (known != null && results.version() <= known.version())) {
      return false;
    }
    latest.put(pollId, results);
    changed.put(pollId, results);
    return true;
  }

  /** Results that went out with a poll event need no poll state frame of their own. */
  void delivered(String pollId) {
    changed.remove(pollId);
  }

  /** Results taken that could not go out yet (the view does not know the poll): they go with the next changes. */
  void waitFor(String pollId, PollResults results) {
    changed.putIfAbsent(pollId, results);
  }

  /** The newest results known of the poll, or {@code null}. */
  PollResults latest(String pollId) {
    return latest.get(pollId);
  }

  boolean hasChanges() {
    return !changed.isEmpty();
  }

  /** The results changed since the last call. */
  Map<String, PollResults> takeChanges() {
    Map<String, PollResults> taken = Map.copyOf(changed);
    changed.clear();
    return taken;
  }

  void clear() {
    latest.clear();
    changed.clear();
  }
}

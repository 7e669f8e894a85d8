package townhall.store;

import io.vertx.core.Future;
import townhall.domain.VoteSignals;

/**
 * What the vote signals are computed from: when each resident identity was made and from which address (as a
 * keyed hash, never the address), and when each standing upvote was cast (kept by the vote itself).
 */
public interface SignalStore {

  /**
   * Records a new resident identity of the session, at the store's time. Fails {@code not_found} (writing nothing)
   * when the session does not exist.
   */
  Future<Void> recordIdentity(String sessionId, String participantId, String addressHash);

  /**
   * Every recorded identity and standing upvote of the session, with the store's time when the read began. Read in
   * bounded steps (a big session must not hold the store for long), so not at one instant: what changes during the
   * read may or may not be in it.
   */
  Future<VoteSignals.Input> read(String sessionId);
}

package townhall.bus;

import io.vertx.core.Future;
import townhall.domain.SessionEvent;

/**
 * The one delivery path between nodes: every event of a session is published once to the session's channel, and
 * every node following that session, the sender included, receives it. State events (those with a {@code seq})
 * are published by the store in the same atomic step that logs them; vote counts are published here.
 *
 * <p>Threading: received events are handed to the listener given at construction on the node's hub context.
 * Delivery is at most once; receivers detect gaps by {@code seq} and read them from the event log.
 */
public interface SessionFeed {

  /** Starts receiving the session's events; completes once the subscription is active. */
  Future<Void> follow(String sessionId);

  /** Stops receiving the session's events. */
  Future<Void> unfollow(String sessionId);

  /** Publishes coalesced absolute vote counts to every node. */
  Future<Void> publishVotes(SessionEvent.VoteCounts counts);

  /** Publishes coalesced poll results to every node. */
  Future<Void> publishPollResults(SessionEvent.PollResultsChanged results);
}

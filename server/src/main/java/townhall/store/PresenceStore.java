package townhall.store;

import io.vertx.core.Future;

/** Connection counts per node, summed over the nodes that reported recently, published to the session. */
public interface PresenceStore {

  /**
   * Records that {@code nodeId} holds {@code count} sockets of the session (valid for {@code ttlMs}) and publishes
   * the new total; answers the total.
   */
  Future<Integer> report(String sessionId, String nodeId, int count, long ttlMs);
}

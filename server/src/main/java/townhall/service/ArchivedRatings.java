package townhall.service;

import io.vertx.core.Future;
import townhall.store.ActionResult;

/**
 * Where an asker's rating goes once Redis no longer holds the session: a {@code rated} entry appended to the
 * archived chain as {@link ArchivedFollowUps} appends steps (one chain whatever the number of nodes, never
 * rewritten, a {@code ref} applied once), and the question's {@code satisfaction} in both archived copies counted.
 * Implemented where records are built ({@code export}).
 */
public interface ArchivedRatings {

  /**
   * Fails {@code not_found} when nothing of the session is archived or it has no such question, {@code conflict}
   * when the question has no answer or was rated already.
   */
  Future<ActionResult> rate(String sessionId, String ref, String questionId, String rating, String reason);
}

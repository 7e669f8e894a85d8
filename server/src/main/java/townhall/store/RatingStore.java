package townhall.store;

import io.vertx.core.Future;

/**
 * The asker's rating of an answer while the store holds the session: one atomic step that checks the question has
 * an answer and no rating yet, appends a {@code rated} entry to the session's record chain and remembers the
 * {@code ref} (a repeated ref is applied once and answers the first answer with {@code duplicate}). Fails
 * {@code not_found} when the store no longer holds the session (its chain then lives in the archive) or has no such
 * question, {@code forbidden} when {@code authorId} is not the question's author, and {@code conflict} when there is
 * no answer yet or it was rated already.
 */
public interface RatingStore {

  /**
   * @param actorId  who rated, for the audit stream and the ref ({@code participant:<id>} or {@code link})
   * @param rating   {@code satisfied} or {@code notSatisfied}
   * @param reason   the checked reason, or {@code null}
   * @param authorId the participant id that must be the question's author, or {@code null} when the asker was
   *                 identified by the signed link of their answer mail
   */
  Future<ActionResult> rate(String sessionId, String actorId, String ref, String questionId, String rating,
      String reason, String authorId);
}

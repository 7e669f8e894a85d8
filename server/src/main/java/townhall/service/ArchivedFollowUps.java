package townhall.service;

import io.vertx.core.Future;
import townhall.domain.FollowUp;
import townhall.store.ActionResult;

/**
 * Where follow-up steps go once Redis no longer holds the session: appended to the session's chain as the archive
 * keeps it (PostgreSQL), and the archived record brought up to date. Implemented where records are built
 * ({@code export}).
 */
public interface ArchivedFollowUps {

  /**
   * Appends the step to the archived chain: one chain whatever the number of nodes appending at once (each append
   * takes the chain's head under a lock), never rewritten. {@code ref}: a step already appended with it is not
   * appended again (the answer says {@code duplicate}). Fails {@code not_found} when nothing of the session is
   * archived or the record has no such question, {@code conflict} when the question cannot be followed up.
   */
  Future<ActionResult> append(String sessionId, String ref, String questionId, FollowUp step, String role);

  /**
   * Appends a written answer (step {@code answered}) as {@link townhall.store.FollowUpStore#answer} does in Redis:
   * with {@code requiredAgency}, the question must stand referred to that agency, else {@code forbidden}.
   */
  default Future<ActionResult> answer(String sessionId, String ref, String questionId, String text, String role,
      String requiredAgency) {
    return answer(sessionId, ref, questionId, text, role, requiredAgency, java.util.List.of());
  }

  /** As above, the answer carrying {@code files} (the entry commits to each one's name and SHA-256). */
  Future<ActionResult> answer(String sessionId, String ref, String questionId, String text, String role,
      String requiredAgency, java.util.List<townhall.domain.Attachment> files);

  /** The agency of the question's latest referral in the archived record; {@code not_found} as above. */
  Future<java.util.Optional<String>> referredAgency(String sessionId, String questionId);

  /** The question's text (full copy) and follow-up code in the archived record; {@code not_found} as above. */
  Future<townhall.store.FollowUpStore.Brief> brief(String sessionId, String questionId);
}

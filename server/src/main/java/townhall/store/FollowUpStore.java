package townhall.store;

import io.vertx.core.Future;
import townhall.domain.FollowUp;

/**
 * Follow-up steps on a session's questions while the store holds the session (during it and after, until
 * retention lets it go): each one atomic step that appends the step to the session's record chain and remembers the
 * {@code ref} (a repeated ref is applied once and answers the first answer with {@code duplicate}).
 * Fails with {@code not_found} when the store no longer holds the session (its chain then lives in the archive) or
 * has no such question, and {@code conflict} when the question cannot be followed up (pending, rejected, withdrawn
 * or merged).
 */
public interface FollowUpStore {

  /**
   * Appends the step.
   *
   * @param actorId who took it, for the audit stream and the ref (a participant id, {@code organizer} or
   *                {@code account:<id>}); never in the record
   * @param role    who took it as the record says it: {@code organizer} or {@code moderator}
   */
  Future<ActionResult> followUp(String sessionId, String actorId, String ref, String questionId, FollowUp step,
      String role);

  /**
   * Publishes a written answer after the session (step {@code answered}): the question's written answer from then
   * on, its status unchanged. {@code requiredAgency}: when not null, the question must stand referred to that agency
   * (its latest referral), else {@code forbidden}.
   */
  default Future<ActionResult> answer(String sessionId, String actorId, String ref, String questionId, String text,
      String role, String requiredAgency) {
    return answer(sessionId, actorId, ref, questionId, text, role, requiredAgency, java.util.List.of());
  }

  /** As above, the answer carrying {@code files}: the chain's entry commits to each one's name and SHA-256. */
  Future<ActionResult> answer(String sessionId, String actorId, String ref, String questionId, String text,
      String role, String requiredAgency, java.util.List<townhall.domain.Attachment> files);

  /** The agency of the question's latest referral, empty when it was never referred; as above for no session. */
  Future<java.util.Optional<String>> referredAgency(String sessionId, String questionId);

  /** What an agency's inbox shows of a question: its text as it stands and its follow-up code (may be null). */
  record Brief(String text, String followCode) {
  }

  /** The question's text and follow-up code; {@code not_found} as above. */
  Future<Brief> brief(String sessionId, String questionId);
}

package townhall.store;

import io.vertx.core.Future;
import townhall.domain.ModerationAction;
import townhall.domain.Participant;
import townhall.domain.Screening;
import townhall.domain.SessionStatus;

/**
 * Moderators' writes: each one atomic step that checks the question's state, applies the action, logs and
 * announces the events, keeps the step for the record and remembers the moderator's {@code ref}. When the action
 * no longer applies (another moderator acted first) it fails with {@code conflict} and changes nothing.
 */
public interface ModerationStore {

  /**
   * Applies an action to a question.
   *
   * @param text      the new text (edit) or the written answer (answer, may be empty), already checked
   * @param reason    the rejection reason (reject), already checked
   * @param into      the target question (merge)
   * @param screening what the content rules found in the new text (edit; its flags replace the old text's, a
   *                  {@code repeat} flag stays); {@code null} for other actions
   */
  Future<ActionResult> moderate(Participant moderator, String ref, String questionId, ModerationAction action,
      String text, String reason, String into, Screening screening);

  /** Opens, pauses or closes the session. */
  Future<ActionResult> changeStatus(Participant moderator, String ref, SessionStatus status);
}

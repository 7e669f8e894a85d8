package townhall.store;

import io.vertx.core.Future;
import townhall.domain.ModerationAction;
import townhall.domain.Participant;
import townhall.domain.Screening;
import townhall.domain.SessionStatus;
import townhall.domain.TextCategory;

/**
 * Moderators' writes: each one atomic step that checks the question's state, applies the action, logs and
 * announces the events, keeps the step for the record and remembers the moderator's {@code ref}. When the action
 * no longer applies (another moderator acted first) it fails with {@code conflict} and changes nothing.
 */
public interface ModerationStore {

  /**
   * One moderation action, its inputs already checked.
   *
   * @param text            the new text (edit) or the written answer (answer, may be empty), else {@code null}
   * @param reason          the rejection reason (reject), the withholding's reason (withhold, may be {@code null})
   * @param into            the target question (merge)
   * @param category        why it is rejected or withheld (reject, withhold), else {@code null}
   * @param publishOriginal whether the wording an edit replaces may be public in the record (edit)
   * @param screening       what the content rules found in the new text (edit; its flags replace the old text's, a
   *                        {@code repeat} flag stays); {@code null} for other actions
   */
  record Change(ModerationAction action, String text, String reason, String into, TextCategory category,
      boolean publishOriginal, Screening screening) {
  }

  /** Applies an action to a question. */
  Future<ActionResult> moderate(Participant moderator, String ref, String questionId, Change change);

  /** Opens, pauses or closes the session. */
  Future<ActionResult> changeStatus(Participant moderator, String ref, SessionStatus status);
}

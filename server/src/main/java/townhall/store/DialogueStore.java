package townhall.store;

import io.vertx.core.Future;
import townhall.domain.NewQuestion;
import townhall.domain.Participant;
import townhall.domain.SessionEvent;

/**
 * The residents' writes. Each is one atomic step in the store that also remembers the participant's {@code ref}:
 * a repeated ref is not applied again and answers the first answer with {@code duplicate} set. Refused actions
 * fail with a {@link townhall.domain.DomainException} and change nothing.
 */
public interface DialogueStore {

  /**
   * Stores a question (text and author already checked, text screened) and announces it. A question the
   * participant asked before (same fingerprint) is flagged {@code repeat}; a flagged question is held
   * ({@code pending}) when {@link NewQuestion#holdIfFlagged()}, whatever the session's moderation.
   */
  Future<ActionResult> ask(Participant author, String ref, NewQuestion question);

  /** Adds or removes the participant's upvote. */
  Future<ActionResult> vote(Participant voter, String ref, String questionId, boolean up);

  /** The question's current vote count with its vote version. */
  Future<SessionEvent.VoteCount> voteCount(String sessionId, String questionId);

  /** The author takes back a pending or live question. */
  Future<ActionResult> withdraw(Participant author, String ref, String questionId);
}

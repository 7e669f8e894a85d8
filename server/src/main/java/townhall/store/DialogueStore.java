package townhall.store;

import io.vertx.core.Future;
import townhall.domain.Participant;

/**
 * The residents' writes. Each is one atomic step in the store that also remembers the participant's {@code ref}:
 * a repeated ref is not applied again and answers the first answer with {@code duplicate} set. Refused actions
 * fail with a {@link townhall.domain.DomainException} and change nothing.
 */
public interface DialogueStore {

  /** Stores a question (text and author already checked) and announces it. */
  Future<AskResult> ask(Participant author, String ref, String text, String authorName);

  /** Adds or removes the participant's upvote. */
  Future<VoteResult> vote(Participant voter, String ref, String questionId, boolean up);

  /** The author takes back a pending or live question. */
  Future<AskResult> withdraw(Participant author, String ref, String questionId);

  /** The outcome of an ask or withdraw. */
  record AskResult(String questionId, boolean duplicate) {
  }

  /**
   * The outcome of a vote: the question's count as of the session's vote {@code version}, whether the
   * participant's upvote now stands, and whether this call changed anything.
   */
  record VoteResult(String questionId, int votes, boolean voted, long version, boolean changed,
      boolean duplicate) {
  }
}

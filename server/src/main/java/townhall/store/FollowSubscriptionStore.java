package townhall.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Askers' email addresses for the follow-up of their question, kept apart from everything public (PostgreSQL only).
 * Every method is safe with several nodes at once.
 */
public interface FollowSubscriptionStore {

  /** A confirmed subscriber of a question. */
  record Subscriber(long id, String email, String language, String code) {
    @Override
    public String toString() {
      return "Subscriber[id=" + id + ", code=" + code + "]";
    }
  }

  /**
   * Records a wish to be told, awaiting confirmation by the token whose hash is {@code confirmHash}. Answers the
   * row's id when a confirmation should be sent (a new row, or one still unconfirmed: its token is replaced), empty
   * when the address is already confirmed for the question (nothing to send; the caller answers alike).
   */
  Future<Optional<Long>> subscribe(String sessionId, String questionId, String code, String email, String language,
      String confirmHash);

  /** Confirms the row of this token hash if it was created after {@code notBefore}; answers whether it did. */
  Future<Boolean> confirm(String code, String confirmHash, Instant notBefore);

  /** Deletes a row (unsubscribing); answers whether there was one. */
  Future<Boolean> unsubscribe(long id);

  /** The confirmed subscribers of a question. */
  Future<List<Subscriber>> confirmed(String sessionId, String questionId);

  /** Claims the message of step {@code stepKey} to subscriber {@code id}; answers whether this call claimed it. */
  Future<Boolean> claim(long id, String stepKey);

  /** Gives a claim back (its message could not be sent), so that a retry of the step may send it. */
  Future<Void> release(long id, String stepKey);

  /** Deletes every address of a question (its follow-up ended); answers how many. */
  Future<Integer> end(String sessionId, String questionId);

  /**
   * Deletes the rows never confirmed and created before {@code unconfirmedBefore}, and those confirmed before
   * {@code confirmedBefore} (a follow-up that never ended, e.g. of a session deleted unpublished); answers how many.
   */
  Future<Integer> sweep(Instant unconfirmedBefore, Instant confirmedBefore);
}

package townhall.store;

import io.vertx.core.Future;
import java.util.Optional;
import townhall.domain.FollowedQuestion;

/**
 * Finds a question by its follow-up code while Redis holds its session. Answers the question whatever its state
 * (the caller decides what the public may see: {@link FollowedQuestion#shownToPublic}); empty for an unknown code or
 * a session Redis no longer holds.
 */
public interface FollowCodeStore {

  /** The question, whether its text is withheld and it was merged, and its session ({@code null} if unknown). */
  record Found(FollowedQuestion question, boolean withheld, boolean merged, String sessionId) {
    public Found(FollowedQuestion question, boolean withheld, boolean merged) {
      this(question, withheld, merged, null);
    }
  }

  Future<Optional<Found>> find(String code);

  /** A question with its follow-up code. */
  record Coded(String code, Found found) {
  }

  /**
   * The session's questions on which a follow-up step was taken, whatever their state, for the carry-over into the
   * next session of a series; empty (not an empty list) when Redis no longer holds the session.
   */
  Future<Optional<java.util.List<Coded>>> followedIn(String sessionId);
}

package townhall.store;

import io.vertx.core.Future;

/**
 * The stage side of a series' carry-over in the new session's live state: an earlier session's question (named by
 * its follow-up code) put on stage, taken off, or marked answered on stage, each one atomic step that appends a
 * {@code carried} fact to the new session's chain and tells every screen the stage ({@code stage} with
 * {@code carriedOver}); a repeated {@code ref} is applied once. Fails {@code not_found} without the session,
 * {@code closed} once it is closed, {@code conflict} when the item is already on stage (stage) or is not (unstage).
 */
public interface CarryOverStore {

  /** What a moderator does with a carried-over question. */
  enum Action {
    STAGE("stage"), UNSTAGE("unstage"), ANSWERED("answered");

    private final String wireName;

    Action(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /**
   * @param moderatorId      the participant id of the moderator (or {@code organizer}); the record names a pseudonym
   * @param earlierSessionId the session the question was asked in
   */
  Future<ActionResult> change(String sessionId, String moderatorId, String ref, Action action, String code,
      String earlierSessionId, String questionId);

  /** The follow-up code of the carried-over question on stage now, or {@code null}. */
  Future<String> onStage(String sessionId);
}

package townhall.store;

/**
 * What a write answered. A repeated {@code ref} answers the first answer whatever the action now asked for, so
 * every field but {@code duplicate} may be absent ({@code null}, 0, false).
 *
 * @param votes       the question's count after a vote
 * @param voted       whether the participant's upvote stands after a vote
 * @param voteVersion the session's vote version at which {@code votes} was read
 * @param changed     whether a vote changed the count
 * @param status      the session's status after a status change
 * @param duplicate   whether this is the repeated answer to a ref already applied
 * @param followCode  the follow-up code of the question an ask created
 */
public record ActionResult(String questionId, Integer votes, Boolean voted, long voteVersion, boolean changed,
    String status, boolean duplicate, String followCode) {

  public ActionResult(String questionId, Integer votes, Boolean voted, long voteVersion, boolean changed,
      String status, boolean duplicate) {
    this(questionId, votes, voted, voteVersion, changed, status, duplicate, null);
  }
}

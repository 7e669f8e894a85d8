package townhall.load;

/**
 * The session a run loads.
 *
 * @param id the session id
 * @param moderatorToken its moderator token, or {@code null} when this run does not know it
 * @param created whether this run created it
 */
public record SessionInfo(String id, String moderatorToken, boolean created) {
}

package townhall.domain;

/**
 * A town-hall dialogue: its settings and where it stands.
 *
 * @param maxLength the question length limit in grapheme clusters, fixed when the session was created
 * @param createdAt milliseconds since the epoch
 */
public record Session(String id, String code, String title, SessionStatus status, Moderation moderation,
    boolean anonymousAllowed, Language language, int maxLength, long createdAt) {

  /** The status a new question gets in this session. */
  public QuestionStatus initialQuestionStatus() {
    return moderation == Moderation.PRE ? QuestionStatus.PENDING : QuestionStatus.LIVE;
  }
}

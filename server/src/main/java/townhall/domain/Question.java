package townhall.domain;

/**
 * A question as every screen shows it.
 *
 * @param author          the display name, or {@code null} when anonymous
 * @param authorId        the participant who asked; never shown to other residents
 * @param answer          {@code null} until answered in writing
 * @param mergedInto      the id of the question this one was merged into, or {@code null}
 * @param edited          whether a moderator changed the text
 * @param rejectionReason why it was rejected, for the author and moderators only; {@code null} otherwise
 * @param voteVersion     the session's vote version at which {@code votes} was read: of two counts of one
 *                        question, the one with the higher version is the newer
 * @param frozen          whether a moderator froze its votes (no upvote or take-back is accepted)
 * @param screening       what the content rules found in it, for moderators only; {@link Screening#NONE} if nothing
 * @param rejectionCategory why it was rejected (with {@code rejectionReason}), else {@code null}
 * @param withheld        why a moderator keeps its text out of the public record, else {@code null}
 * @param authorBanned    whether moderators banned its author for asking it (for moderators and the author only)
 * @param followCode      its public follow-up code ({@link FollowCodes}), {@code null} for a question asked before
 *                        codes existed
 * @param intake          how a question a clerk entered on behalf of someone came in, {@code null} for a resident's own
 * @param followUp        its follow-up steps, oldest first (empty when none was taken)
 * @param topic           the key of its topic (issue 17), {@code null} while it has none
 * @param area            the key of its area (issue 17; on the wire {@code areaKey}: a clerk's entry's free-text
 *                        {@code area} is the intake's), {@code null} while it has none
 */
public record Question(String id, String text, String author, String authorId, QuestionStatus status, int votes,
    long createdAt, Answer answer, String mergedInto, boolean edited, String rejectionReason, long voteVersion,
    boolean frozen, Screening screening, TextCategory rejectionCategory, TextCategory withheld,
    boolean authorBanned, String followCode, Intake intake, java.util.List<FollowUpTaken> followUp, String topic,
    String area) {

  public Question {
    screening = screening == null ? Screening.NONE : screening;
    followUp = followUp == null ? java.util.List.of() : java.util.List.copyOf(followUp);
  }

  /** A question without a topic or an area. */
  public Question(String id, String text, String author, String authorId, QuestionStatus status, int votes,
      long createdAt, Answer answer, String mergedInto, boolean edited, String rejectionReason, long voteVersion,
      boolean frozen, Screening screening, TextCategory rejectionCategory, TextCategory withheld,
      boolean authorBanned, String followCode, Intake intake, java.util.List<FollowUpTaken> followUp) {
    this(id, text, author, authorId, status, votes, createdAt, answer, mergedInto, edited, rejectionReason,
        voteVersion, frozen, screening, rejectionCategory, withheld, authorBanned, followCode, intake, followUp,
        null, null);
  }

  /** A question on which no follow-up step was taken. */
  public Question(String id, String text, String author, String authorId, QuestionStatus status, int votes,
      long createdAt, Answer answer, String mergedInto, boolean edited, String rejectionReason, long voteVersion,
      boolean frozen, Screening screening, TextCategory rejectionCategory, TextCategory withheld,
      boolean authorBanned, String followCode, Intake intake) {
    this(id, text, author, authorId, status, votes, createdAt, answer, mergedInto, edited, rejectionReason,
        voteVersion, frozen, screening, rejectionCategory, withheld, authorBanned, followCode, intake,
        java.util.List.of());
  }

  /** A resident's own question (not entered by a clerk). */
  public Question(String id, String text, String author, String authorId, QuestionStatus status, int votes,
      long createdAt, Answer answer, String mergedInto, boolean edited, String rejectionReason, long voteVersion,
      boolean frozen, Screening screening, TextCategory rejectionCategory, TextCategory withheld,
      boolean authorBanned, String followCode) {
    this(id, text, author, authorId, status, votes, createdAt, answer, mergedInto, edited, rejectionReason,
        voteVersion, frozen, screening, rejectionCategory, withheld, authorBanned, followCode, (Intake) null);
  }

  /** How it came in: {@link Channel#APP} for a resident's own. */
  public Channel channel() {
    return intake == null ? Channel.APP : intake.channel();
  }

  /** A question without a follow-up code. */
  public Question(String id, String text, String author, String authorId, QuestionStatus status, int votes,
      long createdAt, Answer answer, String mergedInto, boolean edited, String rejectionReason, long voteVersion,
      boolean frozen, Screening screening, TextCategory rejectionCategory, TextCategory withheld,
      boolean authorBanned) {
    this(id, text, author, authorId, status, votes, createdAt, answer, mergedInto, edited, rejectionReason,
        voteVersion, frozen, screening, rejectionCategory, withheld, authorBanned, null, (Intake) null);
  }

  /** A question neither rejected with a category nor withheld. */
  public Question(String id, String text, String author, String authorId, QuestionStatus status, int votes,
      long createdAt, Answer answer, String mergedInto, boolean edited, String rejectionReason, long voteVersion,
      boolean frozen, Screening screening) {
    this(id, text, author, authorId, status, votes, createdAt, answer, mergedInto, edited, rejectionReason,
        voteVersion, frozen, screening, null, null, false, null, (Intake) null);
  }

  private static final int TAG_LENGTH = 6;

  /** Whether this participant may see the question (moderators see every question). */
  public boolean visibleTo(Participant participant) {
    return participant.role() == Role.MODERATOR || status.visibleToResidents() || isAuthor(participant);
  }

  /** Whether this participant may see its private details (the rejection reason, the author's tag). */
  public boolean privateDetailsVisibleTo(Participant participant) {
    return participant.role() == Role.MODERATOR || isAuthor(participant);
  }

  private boolean isAuthor(Participant participant) {
    return participant.id().equals(authorId);
  }

  /**
   * A short pseudonym of the author for moderators: the start of the random participant id, so several questions
   * of one participant are recognisable without saying who it is.
   */
  public String authorTag() {
    return authorId == null ? null
        : authorId.substring(0, Math.min(TAG_LENGTH, authorId.length())).toUpperCase(java.util.Locale.ROOT);
  }
}

package townhall.domain;

/**
 * A question as every screen shows it.
 *
 * @param author   the display name, or {@code null} when anonymous
 * @param authorId the participant who asked; never shown to other residents
 * @param answer   {@code null} until answered in writing
 * @param mergedInto the id of the question this one was merged into, or {@code null}
 */
public record Question(String id, String text, String author, String authorId, QuestionStatus status, int votes,
    long createdAt, Answer answer, String mergedInto) {

  /** Whether this participant may see the question (moderators see every question). */
  public boolean visibleTo(Participant participant) {
    return participant.role() == Role.MODERATOR || status.visibleToResidents()
        || participant.id().equals(authorId);
  }
}

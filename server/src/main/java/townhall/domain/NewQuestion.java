package townhall.domain;

/**
 * A question about to be stored: its checked text and display name ({@code null}: anonymous), what the content
 * rules found in the text, the text's fingerprint (to tell a repeated question), whether a flagged question
 * waits for a moderator even where questions otherwise go live at once, and, for a question a clerk entered on
 * behalf of someone, how it came in ({@code null} for a resident's own).
 */
public record NewQuestion(String text, String authorName, Screening screening, String fingerprint,
    boolean holdIfFlagged, Intake intake) {

  /** A resident's own question. */
  public NewQuestion(String text, String authorName, Screening screening, String fingerprint,
      boolean holdIfFlagged) {
    this(text, authorName, screening, fingerprint, holdIfFlagged, null);
  }
}

package townhall.domain;

/**
 * A question about to be stored: its checked text and display name ({@code null}: anonymous), what the content
 * rules found in the text, the text's fingerprint (to tell a repeated question), and whether a flagged question
 * waits for a moderator even where questions otherwise go live at once.
 */
public record NewQuestion(String text, String authorName, Screening screening, String fingerprint,
    boolean holdIfFlagged) {
}

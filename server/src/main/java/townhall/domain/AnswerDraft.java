package townhall.domain;

/**
 * A written answer an agency's responder is preparing: private, editable, never in a record until published.
 *
 * @param updatedBy the account that saved it last, {@code null} for the admin bearer
 * @param updatedAt when (ms)
 */
public record AnswerDraft(String sessionId, String questionId, String agency, String text, Long updatedBy,
    long updatedAt) {
}

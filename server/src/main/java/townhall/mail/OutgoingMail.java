package townhall.mail;

/**
 * One message to one recipient, as plain text and as simple HTML (the same words; mail clients pick one).
 *
 * @param to      the recipient's address
 * @param subject the subject line
 * @param text    the plain-text body
 * @param html    the HTML body: built from escaped text only
 */
public record OutgoingMail(String to, String subject, String text, String html) {
  public OutgoingMail {
    if (to == null || to.isBlank() || subject == null || text == null || html == null) {
      throw new IllegalArgumentException("A mail needs a recipient, a subject and both bodies");
    }
  }
}

package townhall.mail;

import io.vertx.core.Future;

/**
 * Sends email: invitations and password resets now, follow-up notices later. One implementation speaks SMTP
 * ({@code mail.*} settings); another sender (SMS, Zalo) would be another implementation of a port of its own kind.
 *
 * <p>Thread-safe; {@link #send} may be called from any event loop and never blocks it. Delivery is at most once per
 * call: a failed future means the server refused or could not be reached, and the caller decides whether to retry.
 * A succeeded future means the SMTP server accepted the message, not that it reached the inbox.
 */
public interface Mailer {

  /** Whether messages go anywhere; false when no {@code mail.host} is configured. */
  boolean sends();

  /** Hands one message to the mail server; fails {@code unavailable} when it cannot. */
  Future<Void> send(OutgoingMail mail);

  /** Lets go of the connections to the mail server (when the node stops). */
  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** The mailer of a node without {@code mail.host}: sends nothing, and says so by {@link #sends()}. */
  static Mailer none() {
    return NoMail.INSTANCE;
  }
}

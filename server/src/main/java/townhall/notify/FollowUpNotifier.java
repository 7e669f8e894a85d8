package townhall.notify;

import io.vertx.core.Future;

/**
 * Tells an asker about their question's follow-up: the confirmation of their address, then one message per step and
 * per published answer. The port behind every channel: email now ({@link townhall.notify.email.EmailFollowUpNotifier}
 * over the node's {@link townhall.mail.Mailer}); an SMS or Zalo (ZNS) sender would be another implementation, whose
 * {@link #channel()} names the kind of address it takes (docs/operations.md, "Telling askers").
 *
 * <p>Thread-safe; {@link #send} may be called from any event loop and never blocks it. At most once per call: a
 * failed future means the message was not handed over, and the caller decides what to do (it gives its claim back,
 * so a retry of the step may send it). The notice carries everything the message says, links included; the sender
 * only words it, in the notice's language.
 */
public interface FollowUpNotifier {

  /** The kind of address this sender takes: {@code email} (an SMS sender would say {@code phone}). */
  String channel();

  /** Whether messages go anywhere (false for email without {@code mail.host}). */
  boolean sends();

  /** Hands one message over; fails {@code unavailable} when it cannot. */
  Future<Void> send(FollowNotice notice);
}

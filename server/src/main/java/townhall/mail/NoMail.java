package townhall.mail;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;

/** {@link Mailer#none()}: callers check {@link #sends()} first; a send anyway is refused, never silently dropped. */
enum NoMail implements Mailer {
  INSTANCE;

  @Override
  public boolean sends() {
    return false;
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    return Future.failedFuture(new DomainException(ErrorCode.UNAVAILABLE, "This server sends no email (mail.host)"));
  }
}

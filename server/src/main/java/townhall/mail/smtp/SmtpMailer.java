package townhall.mail.smtp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.List;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.mail.Mailer;
import townhall.mail.OutgoingMail;

/**
 * {@link Mailer} over SMTP with {@code vertx-mail-client}: one pooled client per node, configured from {@code mail.*}.
 * The only code that names the mail client.
 */
public final class SmtpMailer implements Mailer {
  private final MailClient client;
  private final String from;

  private SmtpMailer(MailClient client, String from) {
    this.client = client;
    this.from = from;
  }

  /** A mailer for the configured server; {@link Mailer#none()} when {@code mail.host} is empty. */
  public static Mailer of(Vertx vertx, TownhallConfig.Mail settings) {
    if (!settings.sends()) {
      return Mailer.none();
    }
    MailConfig config = new MailConfig().setHostname(settings.host()).setPort(settings.port())
        .setSsl(settings.port() == 465)
        .setStarttls(settings.port() == 465 ? StartTLSOptions.DISABLED
            : settings.starttls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
        .setKeepAlive(true).setMaxPoolSize(2);
    if (settings.username().isEmpty()) {
      config.setLogin(LoginOption.DISABLED);
    } else {
      config.setLogin(LoginOption.REQUIRED).setUsername(settings.username()).setPassword(settings.password());
    }
    return new SmtpMailer(MailClient.createShared(vertx, config, "townhall-mail"), settings.from());
  }

  @Override
  public boolean sends() {
    return true;
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    MailMessage message = new MailMessage().setFrom(from).setTo(List.of(mail.to())).setSubject(mail.subject())
        .setText(mail.text()).setHtml(mail.html());
    return client.sendMail(message).<Void>mapEmpty().recover(e -> Future.failedFuture(
        new DomainException(ErrorCode.UNAVAILABLE, "The mail server did not take the message", 5000, e)));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}

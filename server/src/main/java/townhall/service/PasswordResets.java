package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.RateLimit;
import townhall.domain.org.Account;
import townhall.logging.LogLine;
import townhall.mail.Mailer;
import townhall.store.AccountStore;
import townhall.store.AuditLog;
import townhall.store.RateLimiter;

/**
 * Password reset by a link sent by email ({@code <publicUrl>/login#reset=<token>}): 256 random bits, kept as their
 * SHA-256 only, valid an hour, used once. Asking answers the same whether or not the email has an account (the
 * lookup and the mail happen after the answer), and is limited per account and per client address; using the link
 * sets the password and ends every other sign-in of the account.
 */
public final class PasswordResets {
  static final Duration RESET_TTL = Duration.ofHours(1);
  /** Enough for a mail that went to the spam folder; not enough to flood someone's inbox. */
  static final RateLimit PER_ACCOUNT = new RateLimit(3, 1);
  static final RateLimit PER_ADDRESS = new RateLimit(10, 2);
  private static final Logger LOG = Logger.getLogger(PasswordResets.class.getName());

  private final AccountStore accounts;
  private final SignIns signIns;
  private final Access access;
  private final AuditLog audit;
  private final Passwords passwords;
  private final RateLimiter limiter;
  private final RandomIds ids;
  private final Mailer mailer;
  private final String publicUrl;
  private final Clock clock;

  public PasswordResets(AccountStore accounts, SignIns signIns, Access access, AuditLog audit, Passwords passwords,
      RateLimiter limiter, RandomIds ids, Mailer mailer, String publicUrl, Clock clock) {
    this.accounts = accounts;
    this.signIns = signIns;
    this.access = access;
    this.audit = audit;
    this.passwords = passwords;
    this.limiter = limiter;
    this.ids = ids;
    this.mailer = mailer;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /**
   * Asks for a reset link for {@code email}. Succeeds alike for every well-formed address once the rate limits
   * allow it; the link is looked for and sent afterwards, only when the address has an account. Fails
   * {@code unavailable} on a node that sends no email, {@code rate_limited} past the limits.
   */
  public Future<Void> request(String email, String clientAddress) {
    if (!mailer.sends()) {
      return Future.failedFuture(new DomainException(ErrorCode.UNAVAILABLE,
          "This server sends no email: ask an administrator to invite you again"));
    }
    String address;
    try {
      address = SignIns.email(email);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return limiter.take(RateLimiter.Bucket.PASSWORD_RESETS, clientAddress, PER_ADDRESS)
        .compose(ok -> limiter.take(RateLimiter.Bucket.PASSWORD_RESETS, SignIns.accountKey(address), PER_ACCOUNT))
        .onSuccess(ok -> sendIfAccount(address).onFailure(e -> LogLine.of(LOG)
            .warning("A password-reset link could not be made or sent", e)));
  }

  private Future<Void> sendIfAccount(String address) {
    return accounts.credentials(address).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      String token = ids.secret(32);
      return accounts.grantLink(SignIns.sha256(token), "reset", address, null, null, clock.instant().plus(RESET_TTL))
          .compose(granted -> accounts.find(found.get().accountId()))
          .compose(account -> language(account.orElse(null)))
          .compose(language -> mailer.send(MailTexts.passwordReset(address, language,
              publicUrl + "/login#reset=" + token)));
    });
  }

  /** The language of the account's first organization; Vietnamese when it has none. */
  private Future<String> language(Account account) {
    if (account == null || account.grants().isEmpty()) {
      return Future.succeededFuture("vi");
    }
    return access.organization(account.grants().get(0).organizationSlug()).map(org -> org.language());
  }

  /** Uses a reset link: the new password, every other sign-in of the account ended, this browser signed in. */
  public Future<SignIns.NewSignIn> confirm(String token, String password) {
    try {
      SignIns.checkPassword(password);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    if (token == null || token.length() > 200) {
      return Future.failedFuture(SignIns.linkRefused());
    }
    return accounts.useLink(SignIns.sha256(token), "reset").compose(grant -> {
      if (grant.isEmpty() || grant.get().email() == null) {
        return Future.failedFuture(SignIns.linkRefused());
      }
      return passwords.hash(password)
          .compose(hash -> accounts.resetPassword(grant.get().email(), hash))
          .compose(id -> id.isEmpty() ? Future.failedFuture(SignIns.linkRefused()) : accounts.find(id.get()))
          .map(account -> account.orElseThrow(SignIns::linkRefused))
          .compose(account -> audit.append("account:" + account.id(),
              account.grants().isEmpty() ? null : account.grants().get(0).organizationId(), "password.reset", "")
              .map(account))
          .compose(signIns::startSignIn);
    });
  }
}

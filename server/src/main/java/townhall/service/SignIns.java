package townhall.service;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.RateLimit;
import townhall.domain.org.Account;
import townhall.domain.org.Actor;
import townhall.domain.org.OrgRole;
import townhall.domain.org.Organization;
import townhall.logging.LogLine;
import townhall.mail.Mailer;
import townhall.store.AccountStore;
import townhall.store.AuditLog;
import townhall.store.RateLimiter;

/**
 * Accounts from the outside: the first administrator's setup link, sign-in and sign-out, invitations by link.
 * Tokens (sign-ins, links) are 256 random bits, stored as their SHA-256 only; a sign-in or link answer never tells
 * whether an email has an account.
 */
public final class SignIns {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SignIns.class.getName());
  /** How long a browser stays signed in. */
  public static final Duration SIGN_IN_TTL = Duration.ofDays(7);
  static final Duration SETUP_TTL = Duration.ofDays(7);
  static final Duration INVITE_TTL = Duration.ofDays(7);
  /** Failed sign-ins: a person mistypes a few times; a guesser is slowed to a crawl (kept in Redis). */
  static final RateLimit FAILURES_PER_ACCOUNT = new RateLimit(5, 2);
  static final RateLimit FAILURES_PER_ADDRESS = new RateLimit(20, 10);
  private static final String REFUSED = "The email or the password is not right";

  private final AccountStore accounts;
  private final Access access;
  private final AuditLog audit;
  private final Passwords passwords;
  private final RateLimiter limiter;
  private final RandomIds ids;
  private final Clock clock;
  private final Mailer mailer;

  public SignIns(AccountStore accounts, Access access, AuditLog audit,
      Passwords passwords, RateLimiter limiter, RandomIds ids, Clock clock) {
    this(accounts, access, audit, passwords, limiter, ids, clock, Mailer.none());
  }

  /** @param mailer sends invitations by email when it {@linkplain Mailer#sends() sends} */
  public SignIns(AccountStore accounts, Access access, AuditLog audit,
      Passwords passwords, RateLimiter limiter, RandomIds ids, Clock clock, Mailer mailer) {
    this.mailer = mailer;
    this.accounts = accounts;
    this.access = access;
    this.audit = audit;
    this.passwords = passwords;
    this.limiter = limiter;
    this.ids = ids;
    this.clock = clock;
  }

  /** A browser just signed in: the cookie's token (secret) and the CSRF token its pages send back. */
  public record NewSignIn(String token, String csrfToken, Account account) {
  }

  /**
   * A new setup link for the root's first administrator when it has none yet (every earlier unused one is
   * withdrawn); empty when the root has an administrator.
   */
  public Future<Optional<String>> setupLinkIfNeeded(Organization root) {
    return accounts.hasAdministrator(root.id()).compose(has -> {
      if (has) {
        return Future.succeededFuture(Optional.<String>empty());
      }
      String token = ids.secret(32);
      return accounts.grantLink(sha256(token), "setup", null, root.id(), OrgRole.ADMINISTRATOR,
          clock.instant().plus(SETUP_TTL)).map(Optional.of(token));
    });
  }

  /** Uses the setup link: the root's first administrator, signed in. */
  public Future<NewSignIn> setUp(String token, String email, String password, String displayName) {
    return claimLink(token, "setup", email, password, displayName);
  }

  /**
   * An invitation made: sent by email to the invitee ({@code link} null: only the invitee holds it), or, when the
   * node sends no email or the mail server refused it, the one-time link for the inviter to pass on.
   */
  public record Invitation(boolean sent, String link) {
  }

  /**
   * Invites {@code email} to hold {@code role} in the organization with a one-time link ({@code <base>/login#invite=
   * <token>}), valid a week, sent by email in the organization's language when this node sends email.
   */
  public Future<Invitation> invite(Actor actor, String organizationSlug, String email, OrgRole role, String base) {
    String address = email(email);
    return access.require(actor, role.grantedWith(), organizationSlug).compose(org -> {
      String token = ids.secret(32);
      String link = base + "/login#invite=" + token;
      return accounts.grantLink(sha256(token), "invite", address, org.id(), role, clock.instant().plus(INVITE_TTL))
          .compose(ignored -> audit.append(actor.auditName(), org.id(), "invitation.create", role.wireName()))
          .compose(ignored -> !mailer.sends() ? Future.succeededFuture(new Invitation(false, link))
              : mailer.send(MailTexts.invitation(address, org.language(), org.name(), role, link))
                  .map(new Invitation(true, null))
                  .recover(e -> {
                    LogLine.of(LOG).with("organization", org.slug())
                        .warning("An invitation could not be sent by email; its link is shown to the inviter", e);
                    return Future.succeededFuture(new Invitation(false, link));
                  }));
    });
  }

  /** Uses an invitation: an account for its email (or the existing one) with the role, signed in. */
  public Future<NewSignIn> acceptInvitation(String token, String password, String displayName) {
    return claimLink(token, "invite", null, password, displayName);
  }

  private Future<NewSignIn> claimLink(String token, String purpose, String email, String password,
      String displayName) {
    String name = displayName == null ? "" : displayName.strip();
    if (name.length() > 100) {
      return Future.failedFuture(DomainException.badRequest("'name' holds at most 100 characters"));
    }
    String givenEmail;
    try {
      checkPassword(password);
      givenEmail = email == null ? null : email(email);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    if (token == null || token.length() > 200) {
      return Future.failedFuture(linkRefused());
    }
    return accounts.useLink(sha256(token), purpose).compose(grant -> {
      if (grant.isEmpty()) {
        return Future.failedFuture(linkRefused());
      }
      String address = grant.get().email() != null ? grant.get().email() : givenEmail;
      return passwords.hash(password)
          .compose(hash -> accounts.createOrGrant(address, hash, name, grant.get().organizationId(),
              grant.get().role()))
          .compose(account -> audit.append("account:" + account.id(), grant.get().organizationId(),
              purpose.equals("setup") ? "account.setup" : "invitation.accept", grant.get().role().wireName())
              .map(account))
          .compose(this::startSignIn);
    });
  }

  /**
   * Signs in with email and password. Failures count per account and per client address in Redis; past the limit
   * the answer is rate_limited whether the password is right or not. Unknown email and wrong password answer alike.
   */
  public Future<NewSignIn> signIn(String email, String password, String clientAddress) {
    String address;
    try {
      address = email(email);
      if (password == null || password.length() > Passwords.MAX_LENGTH) {
        throw new DomainException(ErrorCode.UNAUTHORIZED, REFUSED);
      }
    } catch (DomainException e) {
      return Future.failedFuture(new DomainException(ErrorCode.UNAUTHORIZED, REFUSED));
    }
    String accountKey = accountKey(address);
    return limiter.check(RateLimiter.Bucket.SIGN_IN_FAILURES, accountKey, FAILURES_PER_ACCOUNT)
        .compose(ok -> limiter.check(RateLimiter.Bucket.SIGN_IN_FAILURES, clientAddress, FAILURES_PER_ADDRESS))
        .compose(ok -> accounts.credentials(address))
        .compose(credentials -> passwords.verify(password, credentials.map(c -> c.passwordHash()).orElse(null))
            .compose(matches -> {
              if (!matches) {
                return limiter.take(RateLimiter.Bucket.SIGN_IN_FAILURES, accountKey, FAILURES_PER_ACCOUNT)
                    .transform(ignored -> limiter.take(RateLimiter.Bucket.SIGN_IN_FAILURES, clientAddress,
                        FAILURES_PER_ADDRESS))
                    .transform(ignored -> Future.failedFuture(new DomainException(ErrorCode.UNAUTHORIZED, REFUSED)));
              }
              return accounts.find(credentials.get().accountId()).map(Optional::orElseThrow)
                  .compose(this::startSignIn);
            }));
  }

  /** The signed-in browser holding {@code token} (the cookie), if any. */
  public Future<Optional<AccountStore.SignedIn>> signedIn(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return Future.succeededFuture(Optional.empty());
    }
    return accounts.signedIn(sha256(token));
  }

  public Future<Void> signOut(String token) {
    return token == null ? Future.succeededFuture() : accounts.signOut(sha256(token));
  }

  /** A fresh token at every sign-in: a token planted before signing in is never the one that gets signed in. */
  Future<NewSignIn> startSignIn(Account account) {
    String token = ids.secret(32);
    String csrf = ids.secret(24);
    return accounts.signIn(sha256(token), account.id(), csrf, clock.instant().plus(SIGN_IN_TTL))
        .map(new NewSignIn(token, csrf, account));
  }

  /** The rate-limit subject of an account: a hash of its email, never the email itself. */
  static String accountKey(String address) {
    return "acct:" + hex(sha256(address)).substring(0, 32);
  }

  static DomainException linkRefused() {
    return new DomainException(ErrorCode.NOT_FOUND, "This link was used already, has expired or does not exist");
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < Passwords.MIN_LENGTH || password.length() > Passwords.MAX_LENGTH) {
      throw DomainException.badRequest("A password holds " + Passwords.MIN_LENGTH + " to " + Passwords.MAX_LENGTH
          + " characters");
    }
  }

  /** An email address in the form it is stored and compared: NFC, trimmed, lower case. */
  static String email(String email) {
    if (email == null) {
      throw DomainException.badRequest("'email' is required");
    }
    String address = Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    if (address.length() > 254 || !address.matches("[^\\s@]+@[^\\s@]+\\.[^\\s@]+")) {
      throw DomainException.badRequest("'email' must be an email address");
    }
    return address;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b));
    }
    return out.toString();
  }
}

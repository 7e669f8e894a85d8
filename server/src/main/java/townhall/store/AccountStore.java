package townhall.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import townhall.domain.org.Account;
import townhall.domain.org.Credentials;
import townhall.domain.org.OrgRole;

/**
 * Accounts, their roles and their signed-in browsers (PostgreSQL). Emails and hashes never leave through
 * {@link Account}. Tokens are stored as their SHA-256 only.
 */
public interface AccountStore {

  /** A new account with {@code role} in the organization, or the existing one with the role added. */
  Future<Account> createOrGrant(String email, String passwordHash, String displayName, long organizationId,
      OrgRole role);

  Future<Optional<Credentials>> credentials(String email);

  Future<Optional<Account>> find(long accountId);

  /** Whether anyone holds the administrator role in this organization. */
  Future<Boolean> hasAdministrator(long organizationId);

  /** Remembers a signed-in browser until {@code expiresAt}. */
  Future<Void> signIn(byte[] tokenHash, long accountId, String csrfToken, Instant expiresAt);

  /** The account and CSRF token of a signed-in browser that has not expired. */
  Future<Optional<SignedIn>> signedIn(byte[] tokenHash);

  Future<Void> signOut(byte[] tokenHash);

  /**
   * Records a one-time link (setup, invitation, reset); {@code organizationId} and {@code role} may be null. For
   * {@code setup}, earlier unused setup links are withdrawn.
   */
  Future<Void> grantLink(byte[] tokenHash, String purpose, String email, Long organizationId, OrgRole role,
      Instant expiresAt);

  /**
   * Sets the password of the account of {@code email}, in one transaction ending every sign-in of the account and
   * withdrawing its other unused reset links; answers the account's id, empty when there is no such account.
   */
  Future<Optional<Long>> resetPassword(String email, String passwordHash);

  /** Uses a one-time link: once, before it expires; empty otherwise. */
  Future<Optional<LinkGrant>> useLink(byte[] tokenHash, String purpose);

  /** A signed-in browser. */
  record SignedIn(Account account, String csrfToken) {
  }

  /** What a one-time link grants. */
  record LinkGrant(String email, Long organizationId, OrgRole role) {
  }
}

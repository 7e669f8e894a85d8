package townhall.store;

import io.vertx.core.Future;
import townhall.domain.RateLimit;

/**
 * Token buckets kept in the store, on the store's clock, so every node enforces the same limit whatever its own
 * clock says. A refusal fails with {@code rate_limited} carrying the milliseconds until a token is back.
 */
public interface RateLimiter {
  /** The buckets kept per client address (and one for all addresses together). */
  enum Bucket {
    /** New resident identities (hello without a token). */
    IDENTITIES("identities"),
    /** Hellos of one identity (keyed by participant id, not by address). */
    HELLOS("hellos"),
    /** Join-code lookups that found no session. */
    CODE_MISSES("code-misses"),
    /** New WebSockets. */
    CONNECTIONS("connections"),
    /** Failed sign-ins, per account and per client address. */
    SIGN_IN_FAILURES("sign-in-failures"),
    /** Password-reset requests, per account (a hash of the email) and per client address. */
    PASSWORD_RESETS("password-resets"),
    /** Record downloads. */
    EXPORTS("exports"),
    /** {@code Authorization: Bearer} tokens that were refused. */
    BEARER_FAILURES("bearer-failures"),
    /** Similar-question searches (a resident typing). */
    SIMILAR("similar"),
    /** Follow-up email subscriptions, per address (a hash of it) and per question code. */
    FOLLOW_SUBSCRIPTIONS("follow-subscriptions");

    private final String keyName;

    Bucket(String keyName) {
      this.keyName = keyName;
    }

    public String keyName() {
      return keyName;
    }
  }

  /** The subject of a bucket shared by every address. */
  String EVERYONE = "*";

  /** Takes one token from {@code subject}'s bucket; fails with {@code rate_limited} when it is empty. */
  Future<Void> take(Bucket bucket, String subject, RateLimit limit);

  /** Fails with {@code rate_limited} when {@code subject}'s bucket is empty, without taking a token. */
  Future<Void> check(Bucket bucket, String subject, RateLimit limit);
}

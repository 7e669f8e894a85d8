package townhall.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.domain.RateLimit;
import townhall.domain.Role;
import townhall.service.CheckToken;
import townhall.store.RateLimiter;

/**
 * Who an {@code Authorization: Bearer} header stands for: the organizer (the admin token) or a session's token —
 * the one place HTTP routes check bearers.
 *
 * <p>A moderator's token is checked with its revocation ({@link CheckToken}). Refused bearers are limited per client
 * address ({@code rateLimits.bearerFailures}, a bucket in Redis shared by every node): each refused one takes a
 * token, and while the bucket is empty every request of that address that carries a bearer is answered 429 with
 * {@code Retry-After} before its bearer is even looked at, so a guesser learns nothing more until it refills.
 */
public final class Bearers {
  /** The participant id the organizer acts as (the record shows it as the organizer, not as a moderator number). */
  static final String ORGANIZER = "organizer";

  private final CheckToken checkToken;
  private final String adminToken;
  private final RateLimiter limiter;
  private final RateLimit failures;
  private final ClientAddresses addresses;

  public Bearers(CheckToken checkToken, String adminToken, RateLimiter limiter, RateLimit failures,
      ClientAddresses addresses) {
    this.checkToken = checkToken;
    this.adminToken = adminToken;
    this.limiter = limiter;
    this.failures = failures;
    this.addresses = addresses;
  }

  /**
   * The organizer or a moderator acting on the session of the request's path. Fails with {@code not_found} for a
   * malformed id, {@code unauthorized} without a fitting token, {@code rate_limited} after too many refused ones.
   */
  Future<Participant> moderatorOrAdminOf(RoutingContext rc) {
    return sessionIdOf(rc).compose(id -> moderatorOrAdmin(rc, id)).compose(actor -> actor != null
        ? Future.succeededFuture(actor)
        : Future.failedFuture(new DomainException(ErrorCode.UNAUTHORIZED,
            "The organizer's or a moderator's token is required")));
  }

  /**
   * The organizer or a moderator of the session, or {@code null} when the request carries no bearer or one that is
   * refused (counted against its address); fails with {@code rate_limited} after too many refused ones.
   */
  Future<Participant> moderatorOrAdmin(RoutingContext rc, String sessionId) {
    String token = bearer(rc.request().getHeader("Authorization"));
    if (token == null) {
      return Future.succeededFuture(null);
    }
    return guarded(rc, () -> {
      if (isAdminToken(token)) {
        return Future.succeededFuture(new Participant(sessionId, ORGANIZER, Role.MODERATOR));
      }
      return checkToken.check(token, sessionId).map(verified -> verified.participant().role() == Role.MODERATOR
          ? verified.participant() : null).otherwise(e -> {
            if (e instanceof DomainException d && d.code() == ErrorCode.UNAUTHORIZED) {
              return null;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
          });
    });
  }

  /**
   * Whoever the request's bearer names in the session of the path: the organizer (the admin token, as a moderator),
   * or the holder of a link token of that session, whatever its role (the caller decides what the role may do).
   * Fails with {@code not_found} for a malformed id, {@code unauthorized} without a bearer or with a refused one,
   * {@code rate_limited} after too many refused ones.
   */
  Future<Participant> participantOf(RoutingContext rc) {
    String token = bearer(rc.request().getHeader("Authorization"));
    if (token == null) {
      return Future.failedFuture(new DomainException(ErrorCode.UNAUTHORIZED,
          "A token of the session is required (Authorization: Bearer ...)"));
    }
    return sessionIdOf(rc).compose(id -> guarded(rc, () -> {
      if (isAdminToken(token)) {
        return Future.succeededFuture(new Participant(id, ORGANIZER, Role.MODERATOR));
      }
      return checkToken.check(token, id).map(verified -> verified.participant()).otherwise(e -> {
        if (e instanceof DomainException d && d.code() == ErrorCode.UNAUTHORIZED) {
          return null;
        }
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      });
    })).compose(actor -> actor != null ? Future.succeededFuture(actor)
        : Future.failedFuture(new DomainException(ErrorCode.UNAUTHORIZED, "The token is refused")));
  }

  /**
   * The id of the path's session when the organizer asks. Fails with {@code not_found} for a malformed id,
   * {@code unauthorized} without the admin token, {@code rate_limited} after too many refused bearers.
   */
  Future<String> sessionForAdmin(RoutingContext rc) {
    return sessionIdOf(rc).compose(id -> admin(rc).map(id));
  }

  /** Succeeds when the request carries the admin token; fails as {@link #sessionForAdmin} does otherwise. */
  Future<Void> admin(RoutingContext rc) {
    String token = bearer(rc.request().getHeader("Authorization"));
    Future<Boolean> admitted = token == null ? Future.succeededFuture(false)
        : guarded(rc, () -> Future.succeededFuture(isAdminToken(token) ? Boolean.TRUE : null)).map(ok -> ok != null);
    return admitted.compose(ok -> ok ? Future.succeededFuture()
        : Future.failedFuture(new DomainException(ErrorCode.UNAUTHORIZED, "The organizer's admin token is required")));
  }

  /**
   * Runs {@code attempt} (answering {@code null} for a refused bearer) unless the address's bucket of refused bearers
   * is empty; a refusal takes a token from the bucket.
   */
  private <T> Future<T> guarded(RoutingContext rc, java.util.function.Supplier<Future<T>> attempt) {
    String address = addresses.of(rc.request().remoteAddress(), rc.request().headers());
    return limiter.check(RateLimiter.Bucket.BEARER_FAILURES, address, failures)
        .compose(open -> attempt.get())
        .compose(result -> result != null ? Future.succeededFuture(result)
            : limiter.take(RateLimiter.Bucket.BEARER_FAILURES, address, failures)
                .<T>map(taken -> null)
                .recover(e -> e instanceof DomainException d && d.code() == ErrorCode.RATE_LIMITED
                    ? Future.succeededFuture(null) : Future.failedFuture(e)));
  }

  private static Future<String> sessionIdOf(RoutingContext rc) {
    String id = rc.pathParam("id");
    return id != null && id.matches("[A-Za-z0-9]{1,64}") ? Future.succeededFuture(id)
        : Future.failedFuture(DomainException.notFound("No such session"));
  }

  private boolean isAdminToken(String token) {
    return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8));
  }

  /** The token of a {@code Bearer} header, or {@code null} when there is none. */
  static String bearer(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    return authorization.substring("Bearer ".length()).trim();
  }
}

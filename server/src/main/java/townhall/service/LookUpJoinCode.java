package townhall.service;

import io.vertx.core.Future;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.RateLimit;
import townhall.domain.Session;
import townhall.store.RateLimiter;

/**
 * Finds a session by its join code for a client address. Lookups that find nothing fill a bucket per address and
 * one for all addresses together; once either is empty, lookups are refused ({@code rate_limited}) until it refills,
 * so guessing codes is slow from one address and from many. Lookups that find a session cost nothing: a hall full
 * of residents behind one NAT joins freely.
 */
public final class LookUpJoinCode {
  private final SessionService sessions;
  private final RateLimiter limiter;
  private final RateLimit perAddress;
  private final RateLimit everyone;

  public LookUpJoinCode(SessionService sessions, RateLimiter limiter, TownhallConfig.RateLimits limits) {
    this.sessions = sessions;
    this.limiter = limiter;
    this.perAddress = limits.codeMisses();
    this.everyone = limits.codeMissesAll();
  }

  public Future<Session> find(String code, String address) {
    return limiter.check(RateLimiter.Bucket.CODE_MISSES, address, perAddress)
        .compose(ok -> limiter.check(RateLimiter.Bucket.CODE_MISSES, RateLimiter.EVERYONE, everyone))
        .compose(ok -> sessions.findByCode(code)
            .recover(failure -> isMiss(failure) ? countMiss(address).transform(counted -> Future.failedFuture(failure))
                : Future.failedFuture(failure)));
  }

  private Future<Void> countMiss(String address) {
    return limiter.take(RateLimiter.Bucket.CODE_MISSES, address, perAddress)
        .transform(ignored -> limiter.take(RateLimiter.Bucket.CODE_MISSES, RateLimiter.EVERYONE, everyone));
  }

  private static boolean isMiss(Throwable failure) {
    return failure instanceof DomainException e && e.code() == ErrorCode.NOT_FOUND;
  }
}

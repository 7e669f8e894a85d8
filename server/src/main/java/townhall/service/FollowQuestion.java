package townhall.service;

import io.vertx.core.Future;
import townhall.config.TownhallConfig;
import townhall.domain.ErrorCode;
import townhall.domain.RateLimit;
import townhall.store.RateLimiter;
import townhall.domain.DomainException;
import townhall.domain.FollowCodes;
import townhall.domain.FollowedQuestion;
import townhall.store.FollowCodeStore;

/**
 * Anyone follows a question by its code ({@code /f/{code}}, no account): the question, every follow-up step and
 * the answer, only as the public record may show them. A question that was never shown to the public (pending,
 * rejected, withdrawn), whose text is withheld, or that was merged into another is {@code not_found}, as is an
 * unknown code: the answer does not tell them apart. Looked up in Redis while it holds the session, else in the
 * archive. Lookups that find nothing fill the join codes' miss buckets (per address and for everyone), so codes
 * cannot be guessed quickly ({@link LookUpJoinCode}).
 */
public final class FollowQuestion {
  private final FollowCodeStore live;
  /** Null without PostgreSQL. */
  private final ArchivedQuestions archived;
  private final RateLimiter limiter;
  private final RateLimit perAddress;
  private final RateLimit everyone;

  public FollowQuestion(FollowCodeStore live, ArchivedQuestions archived, RateLimiter limiter,
      TownhallConfig.RateLimits limits) {
    this.live = live;
    this.archived = archived;
    this.limiter = limiter;
    this.perAddress = limits.codeMisses();
    this.everyone = limits.codeMissesAll();
  }

  public Future<FollowedQuestion> find(String typed, String address) {
    return locate(typed, address).map(FollowCodeStore.Found::question);
  }

  /**
   * As {@link #find}, with the session the question belongs to ({@link FollowCodeStore.Found#sessionId()}): for
   * what is done by code (subscribing, rating), never shown.
   */
  public Future<FollowCodeStore.Found> locate(String typed, String address) {
    return limiter.check(RateLimiter.Bucket.CODE_MISSES, address, perAddress)
        .compose(ok -> limiter.check(RateLimiter.Bucket.CODE_MISSES, RateLimiter.EVERYONE, everyone))
        .compose(ok -> lookUp(typed))
        .recover(failure -> failure instanceof DomainException e && e.code() == ErrorCode.NOT_FOUND
            ? limiter.take(RateLimiter.Bucket.CODE_MISSES, address, perAddress)
                .transform(ignored -> limiter.take(RateLimiter.Bucket.CODE_MISSES, RateLimiter.EVERYONE, everyone))
                .transform(counted -> Future.failedFuture(failure))
            : Future.failedFuture(failure));
  }

  private Future<FollowCodeStore.Found> lookUp(String typed) {
    String code = FollowCodes.normalize(typed);
    if (code == null) {
      return Future.failedFuture(notFound());
    }
    return live.find(code)
        .compose(found -> found.isPresent() || archived == null ? Future.succeededFuture(found)
            : archived.find(code))
        .map(found -> found.filter(f -> FollowedQuestion.shownToPublic(f.question().status(), f.withheld(),
                f.merged()) && f.question().text() != null)
            .orElseThrow(FollowQuestion::notFound));
  }

  private static DomainException notFound() {
    return DomainException.notFound("No question with this follow-up code");
  }
}

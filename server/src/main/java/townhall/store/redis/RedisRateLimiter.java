package townhall.store.redis;

import io.vertx.core.Future;
import java.util.List;
import townhall.domain.RateLimit;
import townhall.store.RateLimiter;

/** Token buckets in Redis: one script call per check ({@code bucket.lua}), on Redis's clock. */
public final class RedisRateLimiter implements RateLimiter {
  private final LuaScripts scripts;
  private final RedisKeys keys;

  public RedisRateLimiter(LuaScripts scripts, RedisKeys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  @Override
  public Future<Void> take(Bucket bucket, String subject, RateLimit limit) {
    return run(bucket, subject, limit, "take");
  }

  @Override
  public Future<Void> check(Bucket bucket, String subject, RateLimit limit) {
    return run(bucket, subject, limit, "check");
  }

  private Future<Void> run(Bucket bucket, String subject, RateLimit limit, String mode) {
    if (!limit.limits()) {
      return Future.succeededFuture();
    }
    return scripts.run(LuaScripts.Script.BUCKET, List.of(keys.addressRate(bucket.keyName(), subject)),
        limit.burst(), limit.perMinute(), mode).mapEmpty();
  }
}

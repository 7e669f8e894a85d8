package townhall.store.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import java.util.Optional;
import townhall.store.LegacySecrets;

/** Removes {@code <prefix>:secret:tokens}, where versions before the key folder kept the token secret. */
public final class RedisLegacySecrets implements LegacySecrets {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final RedisKeys keys;

  public RedisLegacySecrets(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, RedisKeys keys) {
    this.redis = redis;
    this.calls = calls;
    this.keys = keys;
  }

  @Override
  public Future<Optional<String>> removeTokenSecret() {
    return calls.call(() -> redis.getdel(keys.legacyTokenSecret())).map(Optional::ofNullable);
  }
}

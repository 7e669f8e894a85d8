package townhall.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import townhall.store.SecretStore;

/** The first node to start stores its generated secret; every node then uses the stored one. */
public final class RedisSecretStore implements SecretStore {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final RedisKeys keys;

  public RedisSecretStore(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, RedisKeys keys) {
    this.redis = redis;
    this.calls = calls;
    this.keys = keys;
  }

  @Override
  public Future<String> tokenSecret(String candidate) {
    return calls.call(() -> redis.set(keys.tokenSecret(), candidate, SetArgs.Builder.nx()))
        .compose(ignored -> calls.call(() -> redis.get(keys.tokenSecret())));
  }
}

package townhall.store.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import townhall.store.StoreHealth;

/** PING over the command connection. */
public final class RedisStoreHealth implements StoreHealth {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;

  public RedisStoreHealth(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls) {
    this.redis = redis;
    this.calls = calls;
  }

  @Override
  public Future<Void> ping() {
    return calls.call(redis::ping).mapEmpty();
  }
}

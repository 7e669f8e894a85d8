package townhall.store.redis;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import townhall.store.StoreHealth;

/** PING over the command connection. */
public final class RedisStoreHealth implements StoreHealth {
  private final RedisAsyncCommands<String, String> redis;
  private final RedisCalls calls;

  public RedisStoreHealth(RedisAsyncCommands<String, String> redis, RedisCalls calls) {
    this.redis = redis;
    this.calls = calls;
  }

  @Override
  public Future<Void> ping() {
    return calls.call(redis::ping).mapEmpty();
  }
}

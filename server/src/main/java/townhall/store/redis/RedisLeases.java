package townhall.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import townhall.store.Leases;

/** Leases as {@code SET NX PX} keys holding the owner's id, given back by {@code del_if.lua}. */
public final class RedisLeases implements Leases {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final LuaScripts scripts;
  private final RedisKeys keys;

  public RedisLeases(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, LuaScripts scripts,
      RedisKeys keys) {
    this.redis = redis;
    this.calls = calls;
    this.scripts = scripts;
    this.keys = keys;
  }

  @Override
  public Future<Boolean> acquire(String name, String owner, Duration ttl) {
    return calls.call(() -> redis.set(keys.lock(name), owner, SetArgs.Builder.nx().px(ttl.toMillis())))
        .map("OK"::equals);
  }

  @Override
  public Future<Void> release(String name, String owner) {
    return scripts.run(LuaScripts.Script.DEL_IF, List.of(keys.lock(name)), owner).mapEmpty();
  }
}

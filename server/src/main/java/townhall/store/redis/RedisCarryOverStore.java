package townhall.store.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import java.util.List;
import townhall.config.TownhallConfig;
import townhall.store.ActionResult;
import townhall.store.CarryOverStore;

/** The carry-over's stage through {@code carry_over.lua}; the code on stage is the session hash's {@code carried}. */
public final class RedisCarryOverStore implements CarryOverStore {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final long refTtlMs;
  private final int logLength;

  public RedisCarryOverStore(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, LuaScripts scripts,
      RedisKeys keys, TownhallConfig.Limits limits) {
    this.redis = redis;
    this.calls = calls;
    this.scripts = scripts;
    this.keys = keys;
    this.refTtlMs = limits.refTtl().toMillis();
    this.logLength = limits.eventLogLength();
  }

  @Override
  public Future<ActionResult> change(String sessionId, String moderatorId, String ref, Action action, String code,
      String earlierSessionId, String questionId) {
    return scripts.run(LuaScripts.Script.CARRY_OVER,
            List.of(keys.session(sessionId), keys.events(sessionId), keys.ref(sessionId, moderatorId, ref),
                keys.chain(sessionId), keys.moderators(sessionId)),
            keys.base(sessionId), moderatorId, action.wireName(), code, earlierSessionId, questionId, refTtlMs,
            logLength, keys.channel(sessionId))
        .map(ActionResults::of);
  }

  @Override
  public Future<String> onStage(String sessionId) {
    return calls.call(() -> redis.hget(keys.session(sessionId), "carried"));
  }
}

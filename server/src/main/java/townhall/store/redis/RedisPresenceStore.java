package townhall.store.redis;

import io.vertx.core.Future;
import java.util.List;
import townhall.store.PresenceStore;

/** Per-node connection counts in one hash per session. */
public final class RedisPresenceStore implements PresenceStore {
  private final LuaScripts scripts;
  private final RedisKeys keys;

  public RedisPresenceStore(LuaScripts scripts, RedisKeys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  @Override
  public Future<Integer> report(String sessionId, String nodeId, int count, long ttlMs) {
    return scripts.run(LuaScripts.Script.PRESENCE, List.of(keys.presence(sessionId), keys.session(sessionId)),
        nodeId, count, ttlMs, keys.channel(sessionId)).map(answer -> answer.getInteger("count"));
  }
}

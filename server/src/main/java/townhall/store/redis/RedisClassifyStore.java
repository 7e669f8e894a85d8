package townhall.store.redis;

import io.vertx.core.Future;
import java.util.List;
import townhall.config.TownhallConfig;
import townhall.store.ActionResult;
import townhall.store.ClassifyStore;

/** Classification through {@code classify.lua}. */
public final class RedisClassifyStore implements ClassifyStore {
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final long refTtlMs;
  private final int logLength;

  public RedisClassifyStore(LuaScripts scripts, RedisKeys keys, TownhallConfig.Limits limits) {
    this.scripts = scripts;
    this.keys = keys;
    this.refTtlMs = limits.refTtl().toMillis();
    this.logLength = limits.eventLogLength();
  }

  @Override
  public Future<ActionResult> classify(String sid, String who, String ref, String questionId, String topic,
      String area, boolean asker) {
    return scripts.run(LuaScripts.Script.CLASSIFY,
            List.of(keys.session(sid), keys.events(sid), keys.ref(sid, who, ref), keys.audit(sid), keys.chain(sid),
                keys.moderators(sid)),
            keys.base(sid), who, questionId, topic == null ? "" : topic, area == null ? "" : area, refTtlMs,
            logLength, keys.channel(sid), asker ? "1" : "")
        .map(ActionResults::of);
  }
}

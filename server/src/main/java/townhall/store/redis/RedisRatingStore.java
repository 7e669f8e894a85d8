package townhall.store.redis;

import java.util.List;
import io.vertx.core.Future;
import townhall.config.TownhallConfig;
import townhall.store.ActionResult;
import townhall.store.RatingStore;

/** Ratings through {@code rate.lua}. */
public final class RedisRatingStore implements RatingStore {
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final long refTtlMs;

  public RedisRatingStore(LuaScripts scripts, RedisKeys keys, TownhallConfig.Limits limits) {
    this.scripts = scripts;
    this.keys = keys;
    this.refTtlMs = limits.refTtl().toMillis();
  }

  @Override
  public Future<ActionResult> rate(String sessionId, String actorId, String ref, String questionId, String rating,
      String reason, String authorId) {
    return scripts.run(LuaScripts.Script.RATE,
            List.of(keys.session(sessionId), keys.chain(sessionId), keys.ref(sessionId, actorId, ref),
                keys.audit(sessionId)),
            keys.base(sessionId), actorId, questionId, rating, reason == null ? "" : reason,
            authorId == null ? "" : authorId, refTtlMs)
        .map(ActionResults::of);
  }
}

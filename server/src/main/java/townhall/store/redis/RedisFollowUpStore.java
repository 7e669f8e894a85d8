package townhall.store.redis;

import io.vertx.core.Future;
import java.util.List;
import townhall.config.TownhallConfig;
import townhall.domain.FollowUp;
import townhall.store.ActionResult;
import townhall.store.FollowUpStore;

/** Follow-up steps through {@code follow_up.lua}. */
public final class RedisFollowUpStore implements FollowUpStore {
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final long refTtlMs;

  public RedisFollowUpStore(LuaScripts scripts, RedisKeys keys, TownhallConfig.Limits limits) {
    this.scripts = scripts;
    this.keys = keys;
    this.refTtlMs = limits.refTtl().toMillis();
  }

  @Override
  public Future<ActionResult> followUp(String sessionId, String actorId, String ref, String questionId,
      FollowUp step, String role) {
    return scripts.run(LuaScripts.Script.FOLLOW_UP,
            List.of(keys.session(sessionId), keys.chain(sessionId), keys.ref(sessionId, actorId, ref),
                keys.audit(sessionId)),
            keys.base(sessionId), actorId, questionId, step.step().wireName(), orEmpty(step.agency()),
            orEmpty(step.dueText()), orEmpty(step.note()), role, refTtlMs)
        .map(ActionResults::of);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

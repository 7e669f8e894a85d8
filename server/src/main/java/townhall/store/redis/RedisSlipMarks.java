package townhall.store.redis;

import io.vertx.core.Future;
import java.util.List;
import townhall.config.TownhallConfig;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.store.ActionResult;
import townhall.store.SlipMarks;

/** A question's photo of its paper slip named through {@code slip.lua}. */
public final class RedisSlipMarks implements SlipMarks {
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final int logLength;

  public RedisSlipMarks(LuaScripts scripts, RedisKeys keys, TownhallConfig.Limits limits) {
    this.scripts = scripts;
    this.keys = keys;
    this.logLength = limits.eventLogLength();
  }

  @Override
  public Future<ActionResult> attach(Participant by, String questionId, String sha256) {
    String sid = by.sessionId();
    return scripts.run(LuaScripts.Script.SLIP, List.of(keys.session(sid), keys.events(sid), keys.audit(sid)),
            keys.base(sid), by.id(), by.role() == Role.MODERATOR ? "1" : "", questionId, sha256, logLength,
            keys.channel(sid))
        .map(ActionResults::of);
  }
}

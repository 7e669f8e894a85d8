package townhall.store.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import townhall.domain.DomainException;
import townhall.domain.FollowUpStep;
import townhall.config.TownhallConfig;
import townhall.domain.FollowUp;
import townhall.store.ActionResult;
import townhall.store.FollowUpStore;

/** Follow-up steps through {@code follow_up.lua}. */
public final class RedisFollowUpStore implements FollowUpStore {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final long refTtlMs;
  private final int logLength;

  public RedisFollowUpStore(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, LuaScripts scripts,
      RedisKeys keys, TownhallConfig.Limits limits) {
    this.redis = redis;
    this.calls = calls;
    this.scripts = scripts;
    this.keys = keys;
    this.refTtlMs = limits.refTtl().toMillis();
    this.logLength = limits.eventLogLength();
  }

  @Override
  public Future<ActionResult> followUp(String sessionId, String actorId, String ref, String questionId,
      FollowUp step, String role) {
    return scripts.run(LuaScripts.Script.FOLLOW_UP,
            List.of(keys.session(sessionId), keys.chain(sessionId), keys.ref(sessionId, actorId, ref),
                keys.audit(sessionId), keys.events(sessionId)),
            keys.base(sessionId), actorId, questionId, step.step().wireName(), orEmpty(step.agency()),
            orEmpty(step.dueText()), orEmpty(step.note()), role, refTtlMs, "", "", logLength,
            keys.channel(sessionId))
        .map(ActionResults::of);
  }

  @Override
  public Future<ActionResult> answer(String sessionId, String actorId, String ref, String questionId, String text,
      String role, String requiredAgency, List<townhall.domain.Attachment> files) {
    return scripts.run(LuaScripts.Script.FOLLOW_UP,
            List.of(keys.session(sessionId), keys.chain(sessionId), keys.ref(sessionId, actorId, ref),
                keys.audit(sessionId), keys.events(sessionId)),
            keys.base(sessionId), actorId, questionId, FollowUpStep.ANSWERED, "", "", text, role, refTtlMs,
            orEmpty(requiredAgency), filesJson(files), logLength, keys.channel(sessionId))
        .map(ActionResults::of);
  }

  @Override
  public Future<Optional<String>> referredAgency(String sessionId, String questionId) {
    return calls.call(() -> redis.hmget(keys.session(sessionId), "status"))
        .compose(status -> !status.get(0).hasValue()
            ? Future.failedFuture(DomainException.notFound("No such session"))
            : calls.call(() -> redis.hmget(keys.base(sessionId) + "q:" + questionId, "id", "fa")).map(q -> {
              if (!q.get(0).hasValue()) {
                throw DomainException.notFound("No such question");
              }
              return Optional.ofNullable(q.get(1).getValueOrElse(null));
            }));
  }

  @Override
  public Future<Brief> brief(String sessionId, String questionId) {
    return calls.call(() -> redis.hmget(keys.base(sessionId) + "q:" + questionId, "id", "text", "fc")).map(q -> {
      if (!q.get(0).hasValue()) {
        throw DomainException.notFound("No such session");
      }
      return new Brief(q.get(1).getValueOrElse(""), q.get(2).getValueOrElse(null));
    });
  }

  /** The attachments as the chain's entry writes them ({@code RecordJson.files}); '' for none. */
  private static String filesJson(List<townhall.domain.Attachment> files) {
    if (files.isEmpty()) {
      return "";
    }
    io.vertx.core.json.JsonArray array = new io.vertx.core.json.JsonArray();
    files.forEach(a -> array.add(new io.vertx.core.json.JsonObject().put("name", a.name()).put("type", a.type())
        .put("size", a.size()).put("sha256", a.sha256())));
    return array.encode();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

package townhall.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Session;
import townhall.store.SessionStore;

/** Sessions in Redis: a hash per session, a string per join code. */
public final class RedisSessionStore implements SessionStore {
  private static final int CODE_ATTEMPTS = 20;

  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final LuaScripts scripts;
  private final RedisKeys keys;

  public RedisSessionStore(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, LuaScripts scripts,
      RedisKeys keys) {
    this.redis = redis;
    this.calls = calls;
    this.scripts = scripts;
    this.keys = keys;
  }

  @Override
  public Future<Session> create(Session draft, String epoch, Supplier<String> codes) {
    return reserveCode(draft.id(), codes, CODE_ATTEMPTS).compose(code -> scripts.run(LuaScripts.Script.CREATE_SESSION,
        List.of(keys.session(draft.id())), draft.id(), code, draft.title(), draft.moderation().wireName(),
        draft.anonymousAllowed(), draft.language().wireName(), draft.maxLength(), epoch))
        .map(answer -> StoredEvents.session(answer.getJsonObject("session")));
  }

  private Future<String> reserveCode(String sessionId, Supplier<String> codes, int attemptsLeft) {
    if (attemptsLeft == 0) {
      return Future.failedFuture(new DomainException(ErrorCode.CONFLICT, "No free join code was found"));
    }
    String code = codes.get();
    return calls.call(() -> redis.set(keys.code(code), sessionId, SetArgs.Builder.nx()))
        .compose(reply -> "OK".equals(reply) ? Future.succeededFuture(code)
            : reserveCode(sessionId, codes, attemptsLeft - 1));
  }

  @Override
  public Future<Optional<Session>> find(String sessionId) {
    return calls.call(() -> redis.hgetall(keys.session(sessionId))).map(RedisSessionStore::sessionOf);
  }

  @Override
  public Future<Optional<Session>> findByCode(String code) {
    return calls.call(() -> redis.get(keys.code(code)))
        .compose(id -> id == null ? Future.succeededFuture(Optional.empty()) : find(id));
  }

  private static Optional<Session> sessionOf(Map<String, String> hash) {
    if (hash == null || !hash.containsKey("id")) {
      return Optional.empty();
    }
    JsonObject json = new JsonObject();
    hash.forEach(json::put);
    json.put("maxLength", Integer.parseInt(hash.get("maxLength")));
    json.put("createdAt", Long.parseLong(hash.get("createdAt")));
    return Optional.of(StoredEvents.session(json));
  }
}

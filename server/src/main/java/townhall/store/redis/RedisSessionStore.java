package townhall.store.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.protocol.ConnectionIntent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Role;
import townhall.domain.Session;
import townhall.domain.TokenGenerations;
import townhall.store.SessionStore;

/**
 * Sessions in Redis: a hash per session, a string per join code, a zset indexing every session for the retention
 * sweeper. Deleting a session deletes its hash first (a script, so no other script writes anything of it from then
 * on), then its join code, then every other key with its hash tag, found by SCAN on the Redis node that holds its
 * slot (on a cluster, the node that owns the slot), and last its index entry, so a deletion cut short is finished
 * by the sweeper.
 */
public final class RedisSessionStore implements SessionStore {
  private static final int CODE_ATTEMPTS = 20;
  private static final int SCAN_COUNT = 500;

  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final Clock clock;

  public RedisSessionStore(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, LuaScripts scripts,
      RedisKeys keys, Clock clock) {
    this.redis = redis;
    this.calls = calls;
    this.scripts = scripts;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public Future<Session> create(Session draft, String epoch, Supplier<String> codes) {
    return reserveCode(draft.id(), codes, CODE_ATTEMPTS)
        .compose(code -> calls.call(() -> redis.zadd(keys.sessionIndex(), clock.millis(), draft.id())).map(code))
        .compose(code -> scripts.run(LuaScripts.Script.CREATE_SESSION,
            List.of(keys.session(draft.id()), keys.chain(draft.id())), draft.id(), code, draft.title(),
            draft.moderation().wireName(), draft.anonymousAllowed(), draft.language().wireName(), draft.maxLength(),
            epoch))
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

  @Override
  public Future<Void> delete(String sessionId) {
    return scripts.run(LuaScripts.Script.DELETE_SESSION, List.of(keys.session(sessionId)), "")
        .compose(answer -> purge(sessionId, answer.getString("code")));
  }

  @Override
  public Future<TokenGenerations> tokenGenerations(String sessionId) {
    return calls.call(() -> redis.hmget(keys.session(sessionId), "id", "gm", "gs", "gc")).map(values -> {
      if (values.get(0).isEmpty()) {
        throw DomainException.notFound("No such session");
      }
      return new TokenGenerations(Long.parseLong(values.get(1).getValueOrElse("0")),
          Long.parseLong(values.get(2).getValueOrElse("0")), Long.parseLong(values.get(3).getValueOrElse("0")));
    });
  }

  @Override
  public Future<TokenGenerations> revokeTokens(String sessionId, Set<Role> roles) {
    return scripts.run(LuaScripts.Script.REVOKE_TOKENS, List.of(keys.session(sessionId)), keys.channel(sessionId),
        roles.contains(Role.MODERATOR) ? "1" : "0", roles.contains(Role.STAGE) ? "1" : "0",
        roles.contains(Role.CLERK) ? "1" : "0")
        .map(answer -> new TokenGenerations(answer.getLong("gm"), answer.getLong("gs"), answer.getLong("gc")));
  }

  @Override
  public Future<Optional<Long>> closedAt(String sessionId) {
    return calls.call(() -> redis.hmget(keys.session(sessionId), "status", "closedAt"))
        .map(values -> "closed".equals(values.get(0).getValueOrElse(null)) && values.get(1).hasValue()
            ? Optional.of(Long.parseLong(values.get(1).getValue())) : Optional.<Long>empty());
  }

  @Override
  public Future<List<String>> registeredBefore(long registeredBeforeMs) {
    return calls.call(() -> redis.zrangebyscore(keys.sessionIndex(),
        Range.create(Double.NEGATIVE_INFINITY, (double) registeredBeforeMs)));
  }

  @Override
  public Future<Boolean> deleteIfClosedBefore(String sessionId, long closedBeforeMs, Long chainLength) {
    return scripts.run(LuaScripts.Script.DELETE_SESSION, List.of(keys.session(sessionId)), closedBeforeMs,
            chainLength == null ? "" : chainLength)
        .compose(answer -> answer.getBoolean("deleted", false)
            ? purge(sessionId, answer.getString("code")).map(true) : Future.succeededFuture(false));
  }

  /**
   * Everything of a session whose hash is gone: its join code (if it still names it), its questions' follow-up codes,
   * its keys, its index entry.
   */
  private Future<Void> purge(String sessionId, String code) {
    Future<?> codeGone = code == null ? Future.succeededFuture()
        : scripts.run(LuaScripts.Script.DEL_IF, List.of(keys.code(code)), sessionId);
    return codeGone
        .compose(ignored -> purgeFollowCodes(sessionId))
        .compose(ignored -> slotHolder(keys.session(sessionId)))
        .compose(node -> unlinkMatching(node, keys.allOf(sessionId), ScanCursor.INITIAL))
        .compose(ignored -> calls.call(() -> redis.zrem(keys.sessionIndex(), sessionId)))
        .mapEmpty();
  }

  private static final int FOLLOW_CODES_AT_ONCE = 500;

  /**
   * The installation-wide keys of the session's follow-up codes (each in a slot of its own, so one command each),
   * {@value #FOLLOW_CODES_AT_ONCE} at a time. An archived record finds its codes in PostgreSQL from then on.
   */
  private Future<Void> purgeFollowCodes(String sessionId) {
    return calls.call(() -> redis.hkeys(keys.follows(sessionId))).compose(codes -> deleteFollowCodes(sessionId,
        codes, 0));
  }

  private Future<Void> deleteFollowCodes(String sessionId, List<String> codes, int from) {
    if (from >= codes.size()) {
      return Future.succeededFuture();
    }
    List<Future<?>> batch = new java.util.ArrayList<>();
    for (String code : codes.subList(from, Math.min(codes.size(), from + FOLLOW_CODES_AT_ONCE))) {
      batch.add(scripts.run(LuaScripts.Script.DEL_IF, List.of(keys.follow(code)), sessionId));
    }
    return Future.all(batch).compose(done -> deleteFollowCodes(sessionId, codes, from + FOLLOW_CODES_AT_ONCE));
  }

  /**
   * The commands of the Redis node that holds {@code key}: this connection's, or on a cluster a connection to the
   * primary that owns the key's slot (SCAN walks one node's keys only).
   */
  private Future<RedisClusterAsyncCommands<String, String>> slotHolder(String key) {
    if (!(redis instanceof RedisAdvancedClusterAsyncCommands<String, String> cluster)) {
      return Future.succeededFuture(redis);
    }
    var connection = cluster.getStatefulConnection();
    RedisClusterNode owner = connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key));
    if (owner == null) {
      return Future.failedFuture(new IllegalStateException("No cluster node owns the slot of " + key));
    }
    return calls.call("cluster-node", () -> connection.getConnectionAsync(owner.getUri().getHost(),
        owner.getUri().getPort(), ConnectionIntent.WRITE)).map(node -> node.async());
  }

  /** SCANs the node for keys matching {@code pattern} from {@code cursor} on, UNLINKing each batch found. */
  private Future<Void> unlinkMatching(RedisClusterAsyncCommands<String, String> node, String pattern,
      ScanCursor cursor) {
    return calls.call(() -> node.scan(cursor, ScanArgs.Builder.matches(pattern).limit(SCAN_COUNT)))
        .compose(found -> unlink(node, found).compose(ignored -> found.isFinished()
            ? Future.<Void>succeededFuture() : unlinkMatching(node, pattern, found)));
  }

  private Future<Long> unlink(RedisClusterAsyncCommands<String, String> node, KeyScanCursor<String> found) {
    List<String> batch = found.getKeys();
    return batch.isEmpty() ? Future.succeededFuture(0L)
        : calls.call(() -> node.unlink(batch.toArray(String[]::new)));
  }

  static Optional<Session> sessionOf(Map<String, String> hash) {
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

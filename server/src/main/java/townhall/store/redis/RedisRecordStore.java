package townhall.store.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import townhall.domain.Participant;
import townhall.domain.record.ChainLink;
import townhall.domain.record.SealedValue;
import townhall.store.RecordStore;

/**
 * The record's material in bounded reads outside any script: the session hash (head), {@code XRANGE} with a
 * {@code COUNT} over the chain stream (whose entry ids are {@code <n>-0}), {@code HMGET} per question,
 * {@code ZRANGE} slices of a question's vote times and {@code HSCAN} of the identities. Commands issued together
 * are pipelined by Lettuce. Publication through {@code publish.lua}.
 */
public final class RedisRecordStore implements RecordStore {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final LuaScripts scripts;
  private final RedisKeys keys;

  public RedisRecordStore(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, LuaScripts scripts,
      RedisKeys keys) {
    this.redis = redis;
    this.calls = calls;
    this.scripts = scripts;
    this.keys = keys;
  }

  @Override
  public Future<Optional<Head>> head(String sessionId) {
    return calls.call(() -> redis.hgetall(keys.session(sessionId))).map(RedisRecordStore::headOf);
  }

  private static Optional<Head> headOf(Map<String, String> hash) {
    return RedisSessionStore.sessionOf(hash).map(session -> new Head(session,
        hash.get("publishedAt") == null ? null : Long.parseLong(hash.get("publishedAt")),
        hash.get("cn") == null ? 0 : Long.parseLong(hash.get("cn")), hash.get("ch")));
  }

  @Override
  public Future<List<ChainLink>> links(String sessionId, long from, int count) {
    Range<String> range = Range.create(from + "-0", (from + count - 1) + "-0");
    return calls.call(() -> redis.xrange(keys.chain(sessionId), range, Limit.from(count)))
        .map(RedisRecordStore::linksOf);
  }

  private static List<ChainLink> linksOf(List<StreamMessage<String, String>> messages) {
    List<ChainLink> links = new ArrayList<>(messages.size());
    for (StreamMessage<String, String> message : messages) {
      String id = message.getId();
      String secrets = message.getBody().get("p");
      links.add(new ChainLink(Long.parseLong(id.substring(0, id.indexOf('-'))), message.getBody().get("e"),
          message.getBody().get("h"), secrets == null ? Map.of() : secrets(secrets)));
    }
    return links;
  }

  @Override
  public Future<List<QuestionTally>> tallies(String sessionId, List<String> ids) {
    List<Future<QuestionTally>> reads = new ArrayList<>(ids.size());
    for (String id : ids) {
      reads.add(calls.call(() -> redis.hmget(keys.base(sessionId) + "q:" + id, "votes", "mergedInto"))
          .map(values -> tallyOf(id, values)));
    }
    return Future.all(reads).map(all -> all.list());
  }

  private static QuestionTally tallyOf(String id, List<KeyValue<String, String>> values) {
    String votes = values.get(0).getValueOrElse(null);
    return new QuestionTally(id, votes == null ? 0 : Integer.parseInt(votes), values.get(1).hasValue());
  }

  @Override
  public Future<List<Long>> voteTimes(String sessionId, String questionId, long from, int count) {
    return calls.call(() -> redis.zrangeWithScores(keys.base(sessionId) + "vt:" + questionId, from,
        from + count - 1)).map(scored -> {
          List<Long> times = new ArrayList<>(scored.size());
          for (ScoredValue<String> value : scored) {
            times.add((long) value.getScore());
          }
          return times;
        });
  }

  @Override
  public Future<JoinSlice> joins(String sessionId, String cursor, int count) {
    return calls.call(() -> redis.hscan(keys.identities(sessionId), ScanCursor.of(cursor),
        ScanArgs.Builder.limit(count))).map(scan -> {
          List<Long> times = new ArrayList<>(scan.getMap().size());
          for (String value : scan.getMap().values()) {
            int colon = value.indexOf(':');
            times.add(Long.parseLong(colon < 0 ? value : value.substring(0, colon)));
          }
          return new JoinSlice(times, scan.isFinished() ? "0" : scan.getCursor());
        });
  }

  @Override
  public Future<Long> publish(Participant moderator) {
    String sid = moderator.sessionId();
    return scripts.run(LuaScripts.Script.PUBLISH, List.of(keys.session(sid), keys.chain(sid), keys.moderators(sid)),
        moderator.id()).map(answer -> answer.getLong("publishedAt"));
  }

  @Override
  public Future<Long> unpublish(Participant organizer, String reason) {
    String sid = organizer.sessionId();
    return scripts.run(LuaScripts.Script.UNPUBLISH, List.of(keys.session(sid), keys.chain(sid),
        keys.moderators(sid)), organizer.id(), reason).map(answer -> answer.getLong("withdrawnAt"));
  }

  /** The private part kept in a chain link's field {@code p}: {"<field>": {"salt", "value"}, ...}. */
  static Map<String, SealedValue> secrets(String stored) {
    Map<String, SealedValue> secrets = new LinkedHashMap<>();
    new JsonObject(stored).forEach(e -> {
      JsonObject v = (JsonObject) e.getValue();
      secrets.put(e.getKey(), new SealedValue(v.getString("salt"), v.getString("value")));
    });
    return secrets;
  }

}

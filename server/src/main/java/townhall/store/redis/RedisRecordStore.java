package townhall.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.domain.Participant;
import townhall.domain.record.ChainEntry;
import townhall.domain.record.ChainLink;
import townhall.domain.record.SealedValue;
import townhall.record.ChainEntries;
import townhall.store.RecordStore;

/** The record's material through {@code record.lua} (one consistent read), publication through {@code publish.lua}. */
public final class RedisRecordStore implements RecordStore {
  private final LuaScripts scripts;
  private final RedisKeys keys;

  public RedisRecordStore(LuaScripts scripts, RedisKeys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  @Override
  public Future<Source> read(String sessionId, boolean onlyIfPublished) {
    return scripts.run(LuaScripts.Script.RECORD,
            List.of(keys.session(sessionId), keys.chain(sessionId), keys.questions(sessionId),
                keys.identities(sessionId)),
            keys.base(sessionId), onlyIfPublished ? "1" : "0")
        .map(RedisRecordStore::sourceOf);
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

  private static Source sourceOf(JsonObject json) {
    if (json.getBoolean("withheld", false)) {
      return Source.withheldSource();
    }
    List<ChainLink> links = new ArrayList<>();
    List<ChainEntry> entries = new ArrayList<>();
    JsonArray stored = StoredEvents.array(json, "links");
    for (int i = 0; i < stored.size(); i++) {
      JsonArray link = stored.getJsonArray(i);
      ChainLink chainLink = new ChainLink(Long.parseLong(link.getString(0)), link.getString(1), link.getString(2),
          link.size() > 3 ? secrets(link.getString(3)) : Map.of());
      links.add(chainLink);
      entries.add(ChainEntries.parse(chainLink.entry(), chainLink.secrets()));
    }
    Map<String, Integer> votes = new LinkedHashMap<>();
    Object storedVotes = json.getValue("votes");
    if (storedVotes instanceof JsonObject counts) {
      counts.forEach(e -> votes.put(e.getKey(), ((Number) e.getValue()).intValue()));
    }
    List<Long> joins = times(StoredEvents.array(json, "joins"));
    return new Source(false, StoredEvents.session(json.getJsonObject("session")), links, entries, votes,
        joins.size(), joins, times(StoredEvents.array(json, "voteTimes")));
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

  private static List<Long> times(JsonArray array) {
    List<Long> times = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      times.add(((Number) array.getValue(i)).longValue());
    }
    return times;
  }
}

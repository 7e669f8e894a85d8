package townhall.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import townhall.domain.Participant;
import townhall.domain.SessionEvent;
import townhall.store.EventLog;

/** Snapshots and history, each read by one script so it is consistent. */
public final class RedisEventLog implements EventLog {
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final int logLength;

  public RedisEventLog(LuaScripts scripts, RedisKeys keys, int logLength) {
    this.scripts = scripts;
    this.keys = keys;
    this.logLength = logLength;
  }

  @Override
  public Future<Snapshot> snapshot(Participant participant) {
    String sid = participant.sessionId();
    return scripts.run(LuaScripts.Script.SNAPSHOT,
            List.of(keys.session(sid), keys.questions(sid), keys.presence(sid)),
            keys.base(sid), participant.id(), participant.role().wireName())
        .map(RedisEventLog::snapshotOf);
  }

  private static Snapshot snapshotOf(JsonObject json) {
    List<SnapshotQuestion> questions = new ArrayList<>();
    JsonArray array = StoredEvents.array(json, "questions");
    for (int i = 0; i < array.size(); i++) {
      JsonObject q = array.getJsonObject(i);
      questions.add(new SnapshotQuestion(StoredEvents.question(q), q.getBoolean("voted"), q.getBoolean("mine")));
    }
    return new Snapshot(StoredEvents.session(json.getJsonObject("session")), json.getLong("seq"),
        json.getString("epoch"), json.getString("stage"), json.getInteger("presence"), questions);
  }

  @Override
  public Future<History> since(String sessionId, long since, String epoch, boolean withCounts) {
    return scripts.run(LuaScripts.Script.HISTORY,
            List.of(keys.session(sessionId), keys.events(sessionId), keys.questions(sessionId),
                keys.presence(sessionId)),
            keys.base(sessionId), since, epoch == null ? "" : epoch, logLength, withCounts ? "1" : "0")
        .map(json -> historyOf(sessionId, json));
  }

  @Override
  public Future<Void> startNewEpoch(String sessionId, long rewrittenSeq) {
    return scripts.run(LuaScripts.Script.ROTATE_EPOCH, List.of(keys.session(sessionId)), rewrittenSeq,
        UUID.randomUUID().toString()).mapEmpty();
  }

  private static History historyOf(String sessionId, JsonObject json) {
    if (json.getBoolean("gone", false)) {
      return json.getBoolean("back", false) ? History.wentBackHistory() : History.goneHistory();
    }
    List<SessionEvent.Sequenced> events = new ArrayList<>();
    JsonArray payloads = StoredEvents.array(json, "events");
    for (int i = 0; i < payloads.size(); i++) {
      events.add((SessionEvent.Sequenced) StoredEvents.decode(sessionId, payloads.getString(i)));
    }
    Object counts = json.getValue("counts");
    return new History(false, json.getLong("seq"), json.getString("epoch"), json.getInteger("presence"), events,
        StoredEvents.counts(counts instanceof JsonObject c ? c : null), false);
  }
}

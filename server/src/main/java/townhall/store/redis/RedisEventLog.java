package townhall.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.HashSet;
import java.util.Set;
import townhall.domain.Question;
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
  public Future<ViewStart> viewStart(String sessionId, int recentEvents, int sliceSize) {
    return scripts.run(LuaScripts.Script.VIEW,
            List.of(keys.session(sessionId), keys.questions(sessionId), keys.presence(sessionId),
                keys.events(sessionId)),
            keys.base(sessionId), recentEvents, sliceSize)
        .map(json -> new ViewStart(stateOf(sessionId, json), head(sessionId, json), json.getLong("after", 0L),
            json.getBoolean("more", false), json.getLong("last", 0L)));
  }

  @Override
  public Future<ViewSlice> viewSlice(String sessionId, long after, long upTo, int sliceSize) {
    return scripts.run(LuaScripts.Script.VIEW_SLICE,
            List.of(keys.session(sessionId), keys.questions(sessionId), keys.events(sessionId)),
            keys.base(sessionId), after, sliceSize, upTo)
        .map(json -> new ViewSlice(questions(json), json.getLong("after", after), json.getBoolean("more", false),
            json.getLong("seq"), json.getString("epoch"), head(sessionId, json)));
  }

  private static SessionState stateOf(String sessionId, JsonObject json) {
    List<SessionEvent.Sequenced> recent = new ArrayList<>();
    JsonArray payloads = StoredEvents.array(json, "events");
    for (int i = 0; i < payloads.size(); i++) {
      recent.add((SessionEvent.Sequenced) StoredEvents.decode(sessionId, payloads.getString(i)));
    }
    return new SessionState(StoredEvents.session(json.getJsonObject("session")), json.getLong("seq"),
        json.getString("epoch"), json.getString("stage"), json.getInteger("presence"), json.getLong("vv", 0L),
        questions(json), recent, polls(json));
  }

  private static List<townhall.domain.Poll> polls(JsonObject json) {
    List<townhall.domain.Poll> polls = new ArrayList<>();
    JsonArray array = StoredEvents.array(json, "polls");
    for (int i = 0; i < array.size(); i++) {
      polls.add(StoredEvents.poll(array.getJsonObject(i)));
    }
    return polls;
  }

  /** The questions of view.lua and view_slice.lua: each its hash as HGETALL answers it (a gone one: empty). */
  private static List<Question> questions(JsonObject json) {
    List<Question> questions = new ArrayList<>();
    JsonArray array = StoredEvents.array(json, "questions");
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof JsonArray flat && !flat.isEmpty()) {
        questions.add(StoredEvents.questionOfHash(flat));
      }
    }
    return questions;
  }

  private static SessionEvent.Sequenced head(String sessionId, JsonObject json) {
    String head = json.getString("head");
    return head == null ? null : (SessionEvent.Sequenced) StoredEvents.decode(sessionId, head);
  }

  @Override
  public Future<Voted> voted(String sessionId, List<VotedAsk> asks) {
    List<Object> args = new ArrayList<>();
    args.add(keys.base(sessionId));
    for (VotedAsk ask : asks) {
      args.add(ask.participantId());
      args.add(ask.questionIds().size());
      args.addAll(ask.questionIds());
    }
    return scripts.run(LuaScripts.Script.VOTED, List.of(keys.session(sessionId), keys.events(sessionId)), args.toArray())
        .map(json -> {
          JsonArray lists = StoredEvents.array(json, "voted");
          List<Set<String>> voted = new ArrayList<>(asks.size());
          for (int i = 0; i < asks.size(); i++) {
            Set<String> ids = new HashSet<>();
            Object list = i < lists.size() ? lists.getValue(i) : null;
            if (list instanceof JsonArray ids0) {
              ids0.forEach(id -> ids.add((String) id));
            }
            voted.add(ids);
          }
          Object counts = json.getValue("counts");
          String head = json.getString("head");
          return new Voted(json.getLong("seq", 0L), voted, StoredEvents.counts(counts instanceof JsonObject c ? c : null),
              head == null ? null : (SessionEvent.Sequenced) StoredEvents.decode(sessionId, head));
        });
  }

  @Override
  public Future<History> since(String sessionId, long since, String epoch, CountSlice counts) {
    return scripts.run(LuaScripts.Script.HISTORY,
            List.of(keys.session(sessionId), keys.events(sessionId), keys.questions(sessionId),
                keys.presence(sessionId)),
            keys.base(sessionId), since, epoch == null ? "" : epoch, logLength,
            counts == null ? "" : counts.after(), counts == null ? 0 : counts.limit())
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
    String at = json.getString("at");
    return new History(false, json.getLong("seq"), json.getString("epoch"), json.getInteger("presence"),
        at == null ? null : (SessionEvent.Sequenced) StoredEvents.decode(sessionId, at), events,
        StoredEvents.counts(counts instanceof JsonObject c ? c : null), false, json.getLong("countsAfter", 0L));
  }
}

package townhall.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.VoteSignals;
import townhall.store.SignalStore;

/** Identities through {@code identity.lua}; the signals' input read by {@code signals.lua} in one step. */
public final class RedisSignalStore implements SignalStore {
  private final LuaScripts scripts;
  private final RedisKeys keys;

  public RedisSignalStore(LuaScripts scripts, RedisKeys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  @Override
  public Future<Void> recordIdentity(String sessionId, String participantId, String addressHash) {
    return scripts.run(LuaScripts.Script.IDENTITY, List.of(keys.session(sessionId), keys.identities(sessionId)),
        participantId, addressHash).mapEmpty();
  }

  @Override
  public Future<VoteSignals.Input> read(String sessionId) {
    return scripts.run(LuaScripts.Script.SIGNALS,
            List.of(keys.session(sessionId), keys.questions(sessionId), keys.identities(sessionId)),
            keys.base(sessionId))
        .map(RedisSignalStore::inputOf);
  }

  private static VoteSignals.Input inputOf(JsonObject json) {
    List<VoteSignals.Identity> identities = new ArrayList<>();
    JsonArray flat = StoredEvents.array(json, "identities");
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      String value = flat.getString(i + 1);
      int colon = value.indexOf(':');
      identities.add(new VoteSignals.Identity(flat.getString(i), Long.parseLong(value.substring(0, colon)),
          value.substring(colon + 1)));
    }
    List<VoteSignals.Vote> votes = new ArrayList<>();
    Object byQuestion = json.getValue("votes");
    if (byQuestion instanceof JsonObject questions) {
      questions.forEach(entry -> {
        JsonArray times = (JsonArray) entry.getValue();
        for (int i = 0; i + 1 < times.size(); i += 2) {
          votes.add(new VoteSignals.Vote(entry.getKey(), times.getString(i),
              (long) Double.parseDouble(times.getString(i + 1))));
        }
      });
    }
    return new VoteSignals.Input(json.getLong("now"), identities, votes);
  }
}

package townhall.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.domain.VoteSignals;
import townhall.store.SignalStore;

/**
 * Identities through {@code identity.lua}; the signals' input read by {@code signals.lua} in slices (questions by
 * position, identities by {@code HSCAN}), one call after the other, so no call holds Redis longer at 100 000
 * questions than at 50. The slices are not one instant: a vote cast or withdrawn between two of them may be seen or
 * not, which signals (hints for a moderator, recomputed every few seconds) can afford.
 */
public final class RedisSignalStore implements SignalStore {
  /** Questions per call: their upvotes come with them (about ten each in a big session). */
  static final int QUESTIONS_PER_CALL = 200;
  /** Identities per {@code HSCAN} step. */
  static final int IDENTITIES_PER_CALL = 2_000;

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
    return readFrom(sessionId, 0, "0", null, new LinkedHashMap<>(), new ArrayList<>());
  }

  /** One slice, then the next from where it ended, until both the questions and the identities are read. */
  private Future<VoteSignals.Input> readFrom(String sessionId, long position, String cursor, Long firstNow,
      Map<String, VoteSignals.Identity> identities, List<VoteSignals.Vote> votes) {
    return scripts.run(LuaScripts.Script.SIGNALS,
            List.of(keys.session(sessionId), keys.questions(sessionId), keys.identities(sessionId)),
            keys.base(sessionId), Long.toString(Math.max(position, 0)),
            Integer.toString(position < 0 ? 0 : QUESTIONS_PER_CALL), cursor, Integer.toString(IDENTITIES_PER_CALL))
        .compose(json -> {
          addIdentities(json, identities);
          addVotes(json, votes);
          // the signals' clock is the first slice's: a burst is judged against when the read began
          long now = firstNow != null ? firstNow : json.getLong("now");
          long next = json.getLong("next", -1L);
          String nextCursor = json.getString("cursor", "");
          if (next < 0 && nextCursor.isEmpty()) {
            return Future.succeededFuture(new VoteSignals.Input(now, List.copyOf(identities.values()), votes));
          }
          return readFrom(sessionId, next, nextCursor, now, identities, votes);
        });
  }

  /** {@code HSCAN} may return an entry twice (a hash resized between steps): an identity is kept once. */
  private static void addIdentities(JsonObject json, Map<String, VoteSignals.Identity> identities) {
    JsonArray flat = StoredEvents.array(json, "identities");
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      String value = flat.getString(i + 1);
      int colon = value.indexOf(':');
      identities.put(flat.getString(i), new VoteSignals.Identity(flat.getString(i),
          Long.parseLong(value.substring(0, colon)), value.substring(colon + 1)));
    }
  }

  private static void addVotes(JsonObject json, List<VoteSignals.Vote> votes) {
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
  }
}

package townhall.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import townhall.config.TownhallConfig;
import townhall.domain.NewPoll;
import townhall.domain.Participant;
import townhall.domain.RateLimit;
import townhall.domain.WordCloud;
import townhall.store.PollStore;

/** Polls: each action one script ({@code poll.lua} for the moderators', {@code answer_poll.lua} for answers). */
public final class RedisPollStore implements PollStore {
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final long refTtlMs;
  private final int logLength;
  private final RateLimit answers;

  public RedisPollStore(LuaScripts scripts, RedisKeys keys, TownhallConfig.Limits limits,
      TownhallConfig.RateLimits rates) {
    this.scripts = scripts;
    this.keys = keys;
    this.refTtlMs = limits.refTtl().toMillis();
    this.logLength = limits.eventLogLength();
    // answering a poll is as frequent an action as a vote, and as cheap: the same limit
    this.answers = rates.votes();
  }

  @Override
  public Future<Outcome> create(Participant moderator, String ref, NewPoll poll) {
    JsonObject definition = new JsonObject().put("kind", poll.kind().wireName()).put("question", poll.question())
        .put("max", poll.max()).put("hidden", poll.hidden()).put("slots", poll.countSlots());
    return change(moderator, ref, "create", "", definition.encode(),
        new JsonArray(new ArrayList<Object>(poll.options())).encode());
  }

  @Override
  public Future<Outcome> change(Participant moderator, String ref, String pollId, String action) {
    return change(moderator, ref, action, pollId, "", "");
  }

  @Override
  public Future<Outcome> hide(Participant moderator, String ref, String pollId, int answer) {
    return change(moderator, ref, "hide", pollId, Integer.toString(answer), "");
  }

  private Future<Outcome> change(Participant moderator, String ref, String action, String pollId, String detail,
      String options) {
    String sid = moderator.sessionId();
    return scripts.run(LuaScripts.Script.POLL,
            List.of(keys.session(sid), keys.events(sid), keys.ref(sid, moderator.id(), ref), keys.polls(sid),
                keys.audit(sid), keys.moderators(sid), keys.chain(sid)),
            keys.base(sid), moderator.id(), action, pollId, refTtlMs, logLength, keys.channel(sid),
            NewPoll.MAX_POLLS, detail, options)
        .map(RedisPollStore::outcome);
  }

  @Override
  public Future<Outcome> answer(Participant participant, String ref, String pollId, List<Integer> choices,
      Integer rating, String text, boolean flagged, List<WordCloud.Found> words) {
    String sid = participant.sessionId();
    String given = choices != null ? "c" : rating != null ? "r" : "t";
    String value = choices != null ? new JsonArray(new ArrayList<Object>(choices)).encode()
        : rating != null ? rating.toString() : text;
    return scripts.run(LuaScripts.Script.ANSWER_POLL,
            List.of(keys.session(sid), keys.ref(sid, participant.id(), ref), keys.banned(sid),
                keys.participantRate(sid, "answer", participant.id())),
            keys.base(sid), participant.id(), pollId, given, value, refTtlMs, answers.burst(), answers.perMinute(),
            flagged ? "1" : "0", wordsArgument(words))
        .map(RedisPollStore::outcome);
  }

  /** The words as answer_poll.lua takes them: [[folded, as written], ...]. */
  private static String wordsArgument(List<WordCloud.Found> words) {
    JsonArray pairs = new JsonArray();
    if (words != null) {
      words.forEach(w -> pairs.add(new JsonArray().add(w.key()).add(w.shown())));
    }
    return pairs.encode();
  }

  private static Outcome outcome(JsonObject answer) {
    JsonObject results = answer.getJsonObject("results");
    return new Outcome(answer.getString("poll"), answer.getBoolean("changed", false),
        results == null ? null : StoredEvents.pollResults(results), answer.getBoolean("duplicate", false));
  }
}

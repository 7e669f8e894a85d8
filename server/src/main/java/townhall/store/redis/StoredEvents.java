package townhall.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import townhall.domain.Answer;
import townhall.domain.Channel;
import townhall.domain.FollowUpTaken;
import townhall.domain.Intake;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.Poll;
import townhall.domain.PollKind;
import townhall.domain.PollResults;
import townhall.domain.PollStatus;
import townhall.domain.Question;
import townhall.domain.QuestionStatus;
import townhall.domain.Session;
import townhall.domain.SessionEvent;
import townhall.domain.SessionStatus;
import townhall.domain.TextCategory;
import townhall.domain.TokenGenerations;

/**
 * The JSON form events and records take inside Redis (written by the Lua scripts, read here). It is not the wire
 * format: it holds fields clients never see, such as a question's author id.
 *
 * <pre>
 * {"k":"question","seq":5,"q":{question},"pub":true}     pub: residents could see it before or can now
 * {"k":"stage","seq":6,"qid":"7"}                         qid absent: empty stage
 * {"k":"stage","seq":6,"carried":"BN-4K7Q"}                an earlier session's question on stage (carry-over)
 * {"k":"session","seq":7,"s":{session}}
 * {"k":"votes","c":{"7":[12,345]}}                        [votes, vote version]
 * {"k":"presence","n":214,"t":1795000000000}
 * {"k":"revoked","gm":1,"gs":0,"gc":0}                     generations of moderator, stage and clerk tokens now
 * {"k":"poll","seq":8,"p":{poll with "results"}}            a poll prepared, opened, closed, an answer hidden
 * {"k":"pollResults","r":{"3":{results}}}                   coalesced results: counts, answers, texts, words,
 *                                                         version (sent to clients as poll frames without seq)
 * </pre>
 */
public final class StoredEvents {
  private StoredEvents() {
  }

  /** The event in {@code payload}, published on the channel of {@code sessionId}. */
  public static SessionEvent decode(String sessionId, String payload) {
    JsonObject json = new JsonObject(payload);
    String kind = json.getString("k");
    return switch (kind) {
      case "question" -> new SessionEvent.QuestionChanged(sessionId, json.getLong("seq"),
          question(json.getJsonObject("q")), json.getBoolean("pub"));
      case "stage" -> new SessionEvent.StageChanged(sessionId, json.getLong("seq"), json.getString("qid"),
          json.getString("carried"));
      case "session" -> new SessionEvent.SessionChanged(sessionId, json.getLong("seq"), session(json.getJsonObject("s")));
      case "votes" -> new SessionEvent.VoteCounts(sessionId, counts(json.getJsonObject("c")));
      case "presence" -> new SessionEvent.PresenceChanged(sessionId, json.getInteger("n"), json.getLong("t"));
      case "poll" -> new SessionEvent.PollChanged(sessionId, json.getLong("seq"), poll(json.getJsonObject("p")));
      case "pollResults" -> {
        Map<String, PollResults> results = new LinkedHashMap<>();
        json.getJsonObject("r").forEach(e -> results.put(e.getKey(), pollResults((JsonObject) e.getValue())));
        yield new SessionEvent.PollResultsChanged(sessionId, results);
      }
      case "revoked" -> new SessionEvent.TokensRevoked(sessionId,
          new TokenGenerations(json.getLong("gm", 0L), json.getLong("gs", 0L), json.getLong("gc", 0L)));
      default -> throw new IllegalArgumentException("Unknown stored event kind: " + kind);
    };
  }

  /** The stored form of coalesced vote counts. */
  public static String encodeVotes(Map<String, SessionEvent.VoteCount> counts) {
    JsonObject c = new JsonObject();
    counts.forEach((id, count) -> c.put(id, new JsonArray().add(count.votes()).add(count.version())));
    return new JsonObject().put("k", "votes").put("c", c).encode();
  }

  /** The stored form of coalesced poll results. */
  public static String encodePollResults(Map<String, PollResults> results) {
    JsonObject r = new JsonObject();
    results.forEach((id, res) -> {
      JsonArray texts = new JsonArray();
      res.texts().forEach(t -> texts.add(new JsonObject().put("n", t.n()).put("text", t.text())));
      JsonArray words = new JsonArray();
      res.words().forEach(w -> words.add(new JsonObject().put("word", w.word()).put("count", w.count())));
      r.put(id, new JsonObject().put("counts", new JsonArray(new java.util.ArrayList<Object>(res.counts())))
          .put("answers", res.answers()).put("texts", texts).put("words", words).put("version", res.version()));
    });
    return new JsonObject().put("k", "pollResults").put("r", r).encode();
  }

  /** A poll as poll.lua and view.lua write it (empty lists may come as {}). */
  static Poll poll(JsonObject p) {
    List<String> options = new ArrayList<>();
    array(p, "options").forEach(o -> options.add((String) o));
    JsonObject results = p.getJsonObject("results");
    return new Poll(p.getString("id"), PollKind.fromWireName(p.getString("kind")), p.getString("question"), options,
        p.getInteger("max", 0), p.getBoolean("hidden", false), PollStatus.fromWireName(p.getString("status")),
        p.getLong("createdAt", 0L), p.getLong("openedAt", 0L), p.getLong("closedAt", 0L),
        results == null ? null : pollResults(results));
  }

  static PollResults pollResults(JsonObject r) {
    List<Integer> counts = new ArrayList<>();
    array(r, "counts").forEach(c -> counts.add(((Number) c).intValue()));
    List<PollResults.Text> texts = new ArrayList<>();
    array(r, "texts").forEach(t -> texts.add(new PollResults.Text(((JsonObject) t).getInteger("n"),
        ((JsonObject) t).getString("text"))));
    List<PollResults.Word> words = new ArrayList<>();
    array(r, "words").forEach(w -> words.add(new PollResults.Word(((JsonObject) w).getString("word"),
        ((JsonObject) w).getInteger("count"))));
    return new PollResults(counts, r.getInteger("answers", 0), texts, words, r.getLong("version", 0L));
  }

  static Map<String, SessionEvent.VoteCount> counts(JsonObject json) {
    Map<String, SessionEvent.VoteCount> counts = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(e -> {
        JsonArray pair = (JsonArray) e.getValue();
        counts.put(e.getKey(), new SessionEvent.VoteCount(pair.getInteger(0), pair.getLong(1)));
      });
    }
    return counts;
  }

  /** The fields of a question hash named as {@code question_of} (lib_session.lua) names them in events. */
  private static final Map<String, String> QUESTION_FIELDS = Map.of("fc", "followCode", "fus", "followUp",
      "ch", "channel", "spk", "speaker", "now", "askingNow", "spkPublic", "namePublic");
  /** The number fields of a question hash ({@code tonumber} in {@code question_of}). */
  private static final Set<String> QUESTION_NUMBERS = Set.of("createdAt", "votes", "answerAt", "vv");

  /**
   * A question from its hash as {@code HGETALL} answers it (field, value, field, value …; the view's reads, which
   * leave the question's form to the node: building it in Lua cost Redis as much again as reading the hash), the
   * same question as {@link #question(JsonObject)} of {@code question_of}'s form. Fields {@code question_of} does
   * not name are left out, as it leaves them.
   */
  static Question questionOfHash(JsonArray flat) {
    JsonObject q = new JsonObject();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      String field = flat.getString(i);
      String value = flat.getString(i + 1);
      String name = QUESTION_FIELDS.getOrDefault(field, field);
      if (!QUESTION_NAMES.contains(name)) {
        continue;
      }
      if (QUESTION_NUMBERS.contains(name)) {
        Long number = number(value);
        if (number != null) {
          q.put(name, number);
        }
      } else {
        q.put(name, value);
      }
    }
    return question(q);
  }

  /** The names {@code question_of} gives a question's fields. */
  private static final Set<String> QUESTION_NAMES = Set.of("id", "text", "author", "aid", "status", "createdAt",
      "votes", "answerText", "answerAt", "mergedInto", "edited", "reason", "vv", "flags", "marks", "frozen",
      "category", "withheld", "authorBanned", "followCode", "followUp", "channel", "area", "speaker", "askingNow",
      "namePublic", "topic", "areaKey", "slip", "slipPublic");

  /** Lua's {@code tonumber} of a stored count or time: an integer, or nothing when it is not one. */
  private static Long number(String value) {
    try {
      return (long) Double.parseDouble(value);
    } catch (NumberFormatException | NullPointerException e) {
      return null;
    }
  }

  static Question question(JsonObject q) {
    String answerText = q.getString("answerText");
    Answer answer = answerText == null ? null : new Answer(answerText, q.getLong("answerAt", 0L));
    return new Question(q.getString("id"), q.getString("text"), q.getString("author"), q.getString("aid"),
        QuestionStatus.fromWireName(q.getString("status")), q.getInteger("votes", 0), q.getLong("createdAt", 0L),
        answer, q.getString("mergedInto"), "true".equals(q.getString("edited")), q.getString("reason"),
        q.getLong("vv", 0L), "true".equals(q.getString("frozen")),
        StoredFlags.read(q.getString("flags"), q.getString("marks")),
        TextCategory.fromWireName(q.getString("category")), TextCategory.fromWireName(q.getString("withheld")),
        "true".equals(q.getString("authorBanned")), q.getString("followCode"), intake(q),
        followUp(q.getString("followUp")),
        q.getString("topic"), q.getString("areaKey"));
  }

  /**
   * A question's follow-up steps as {@code follow_up.lua} keeps them in its hash ({@code fus}): a JSON array of
   * {@code {"at","step","role","agency"?,"due"?,"note"?}}, absent when no step was taken.
   */
  static java.util.List<FollowUpTaken> followUp(String stored) {
    if (stored == null || stored.isEmpty()) {
      return java.util.List.of();
    }
    java.util.List<FollowUpTaken> steps = new java.util.ArrayList<>();
    for (Object item : new JsonArray(stored)) {
      if (item instanceof JsonObject s) {
        steps.add(new FollowUpTaken(s.getLong("at", 0L), s.getString("step"), s.getString("role"),
            s.getString("agency"), s.getString("due"), s.getString("note")));
      }
    }
    return steps;
  }

  /** How a clerk's entry came in (the question hash's ch, area, spk, now), or {@code null} for a resident's own. */
  private static Intake intake(JsonObject q) {
    Channel channel = Channel.fromWireName(q.getString("channel"));
    return channel == null ? null : new Intake(channel, q.getString("speaker"), q.getString("area"),
        "true".equals(q.getString("askingNow")), "true".equals(q.getString("namePublic")), q.getString("slip"),
        "true".equals(q.getString("slipPublic")));
  }

  static Session session(JsonObject s) {
    return new Session(s.getString("id"), s.getString("code"), s.getString("title"),
        SessionStatus.fromWireName(s.getString("status")), Moderation.fromWireName(s.getString("moderation")),
        "true".equals(s.getString("anonymous")), Language.fromWireName(s.getString("locale")),
        s.getInteger("maxLength"), s.getLong("createdAt"));
  }

  /** A JSON array that Lua's cjson may have written as an empty object. */
  static JsonArray array(JsonObject json, String key) {
    Object value = json.getValue(key);
    return value instanceof JsonArray array ? array : new JsonArray();
  }
}

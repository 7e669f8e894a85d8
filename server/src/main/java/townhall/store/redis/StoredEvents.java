package townhall.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import townhall.domain.Answer;
import townhall.domain.Channel;
import townhall.domain.FollowUpTaken;
import townhall.domain.Intake;
import townhall.domain.Language;
import townhall.domain.Moderation;
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
        "true".equals(q.getString("askingNow")), "true".equals(q.getString("namePublic")));
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

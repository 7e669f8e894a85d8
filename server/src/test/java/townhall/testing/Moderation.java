package townhall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Messages, frame predicates and snapshot views for moderation tests.
 *
 * <p>Every socket that presents a session's moderator token is the same participant, and a participant's refs are
 * remembered across its sockets: refs sent through {@link #act} and {@link #sendOnly} are therefore unique in the
 * whole test run (the generated refs of {@link WsClient#nextRef} are per socket and would collide).
 */
public final class Moderation {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicLong REFS = new AtomicLong();

  private Moderation() {
  }

  /** A ref no other socket of this test run uses. */
  public static String uniqueRef() {
    return "t-" + RUN + "-" + REFS.incrementAndGet();
  }

  // ---------------------------------------------------------------- client messages

  public static JsonObject ask(String text) {
    return new JsonObject().put("type", "ask").put("text", text);
  }

  public static JsonObject vote(String questionId, int value) {
    return new JsonObject().put("type", "vote").put("questionId", questionId).put("value", value);
  }

  public static JsonObject withdraw(String questionId) {
    return new JsonObject().put("type", "withdraw").put("questionId", questionId);
  }

  public static JsonObject moderate(String questionId, String action) {
    return new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", action);
  }

  public static JsonObject approve(String questionId) {
    return moderate(questionId, "approve");
  }

  public static JsonObject reject(String questionId, String reason) {
    return moderate(questionId, "reject").put("reason", reason);
  }

  /** A rejection with a category ({@code off_topic}, {@code spam}, ...). */
  public static JsonObject reject(String questionId, String reason, String category) {
    return reject(questionId, reason).put("category", category);
  }

  /** Keeps the question's text out of the public record; {@code reason} may be {@code null}. */
  public static JsonObject withhold(String questionId, String category, String reason) {
    JsonObject message = moderate(questionId, "withhold").put("category", category);
    return reason == null ? message : message.put("reason", reason);
  }

  public static JsonObject unwithhold(String questionId) {
    return moderate(questionId, "unwithhold");
  }

  public static JsonObject edit(String questionId, String text) {
    return moderate(questionId, "edit").put("text", text);
  }

  /** An answer with a written text, or without one when {@code text} is {@code null}. */
  public static JsonObject answer(String questionId, String text) {
    JsonObject message = moderate(questionId, "answer");
    return text == null ? message : message.put("text", text);
  }

  public static JsonObject highlight(String questionId) {
    return moderate(questionId, "highlight");
  }

  public static JsonObject unhighlight(String questionId) {
    return moderate(questionId, "unhighlight");
  }

  public static JsonObject archive(String questionId) {
    return moderate(questionId, "archive");
  }

  public static JsonObject restore(String questionId) {
    return moderate(questionId, "restore");
  }

  public static JsonObject merge(String questionId, String into) {
    return moderate(questionId, "merge").put("into", into);
  }

  public static JsonObject ban(String questionId) {
    return moderate(questionId, "ban");
  }

  public static JsonObject freeze(String questionId) {
    return moderate(questionId, "freeze");
  }

  public static JsonObject unfreeze(String questionId) {
    return moderate(questionId, "unfreeze");
  }

  /** A {@code signals} request (the ref is added when sent). */
  public static JsonObject signals() {
    return new JsonObject().put("type", "signals");
  }

  /** A {@code session} message: {@code open}, {@code pause} or {@code close}. */
  public static JsonObject session(String action) {
    return new JsonObject().put("type", "session").put("action", action);
  }

  // ---------------------------------------------------------------- sending

  /** Sends the message with a unique ref and answers its ack or error; frames passed over stay queued. */
  public static JsonObject act(WsClient ws, JsonObject message) {
    return ws.answerToKeeping(sendOnly(ws, message));
  }

  /** Sends the message with a unique ref without waiting for the answer; answers the ref. */
  public static String sendOnly(WsClient ws, JsonObject message) {
    String ref = uniqueRef();
    ws.send(message.copy().put("ref", ref));
    return ref;
  }

  /** Acts and asserts an ack; answers it. */
  public static JsonObject ok(WsClient ws, JsonObject message) {
    JsonObject answer = act(ws, message);
    assertEquals("ack", answer.getString("type"), () -> "refused: " + message + " -> " + answer);
    return answer;
  }

  /** Asks and answers the new question's id. */
  public static String asked(WsClient ws, String text) {
    return ok(ws, ask(text)).getString("questionId");
  }

  public static void assertAck(JsonObject answer) {
    assertEquals("ack", answer.getString("type"), () -> "expected an ack, got " + answer);
  }

  public static void assertError(String code, JsonObject answer) {
    assertEquals("error", answer.getString("type"), () -> "expected an error " + code + ", got " + answer);
    assertEquals(code, answer.getString("code"), () -> "error frame: " + answer);
  }

  // ---------------------------------------------------------------- joining

  /** Connects and says hello with this token ({@code null}: none); the welcome is left queued. */
  public static WsClient join(Vertx vertx, int port, String sessionId, String token) {
    JsonObject hello = token == null ? new JsonObject() : new JsonObject().put("token", token);
    return WsClient.join(vertx, port, sessionId, hello);
  }

  /** Joins, takes the welcome and leaves: the state as this token sees it now. */
  public static JsonObject freshWelcome(Vertx vertx, int port, String sessionId, String token) {
    try (WsClient ws = join(vertx, port, sessionId, token)) {
      return ws.next("welcome");
    }
  }

  public static String token(JsonObject welcome) {
    return welcome.getJsonObject("participant").getString("token");
  }

  public static String participantId(JsonObject welcome) {
    return welcome.getJsonObject("participant").getString("id");
  }

  /**
   * A token with its role mark replaced (the MAC kept):
   * {@code v2.<kid>.<session>.<participant>.<mark>.<expiry>.<mac>}.
   */
  public static String withRoleMark(String token, String mark) {
    return withPart(token, 4, mark);
  }

  /** A v2 token with one of its seven dot-separated parts replaced (the MAC kept, unless it is the part replaced). */
  public static String withPart(String token, int index, String value) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 7 || !"v2".equals(parts[0])) {
      throw new IllegalArgumentException("Not a v2 token: " + token);
    }
    parts[index] = value;
    return String.join(".", parts);
  }

  // ---------------------------------------------------------------- frames

  /** Whether the frame is a {@code question} event about this question. */
  public static boolean isQuestion(JsonObject frame, String questionId) {
    return "question".equals(frame.getString("type"))
        && questionId.equals(frame.getJsonObject("question").getString("id"));
  }

  /** Whether the frame is a {@code question} event about this question with this status. */
  public static boolean isQuestion(JsonObject frame, String questionId, String status) {
    return isQuestion(frame, questionId) && status.equals(frame.getJsonObject("question").getString("status"));
  }

  /** A frame a test waits for, with what to say when it does not come. */
  public record Wanted(String what, Predicate<JsonObject> check) implements Predicate<JsonObject> {
    @Override
    public boolean test(JsonObject frame) {
      return check.test(frame);
    }
  }

  /** The next frame {@code wanted} accepts, skipping others; fails after {@link WsClient#WAIT}. */
  public static JsonObject next(WsClient ws, Wanted wanted) {
    return ws.next(wanted, wanted.what());
  }

  /** Every frame up to and including the first one {@code wanted} accepts. */
  public static List<JsonObject> until(WsClient ws, Wanted wanted) {
    return ws.until(wanted, wanted.what());
  }

  public static Wanted questionEvent(String questionId, String status) {
    return new Wanted("a question event " + questionId + " " + status, f -> isQuestion(f, questionId, status));
  }

  public static boolean isStage(JsonObject frame) {
    return "stage".equals(frame.getString("type"));
  }

  /** Whether the frame is a {@code stage} event naming this question ({@code null}: the empty stage). */
  public static boolean isStage(JsonObject frame, String questionId) {
    return isStage(frame) && frame.containsKey("questionId")
        && Objects.equals(questionId, frame.getString("questionId"));
  }

  public static Wanted stageEvent(String questionId) {
    return new Wanted("a stage event " + questionId, f -> isStage(f, questionId));
  }

  public static Wanted sessionEvent(String status) {
    return new Wanted("a session event " + status, f -> "session".equals(f.getString("type"))
        && status.equals(f.getJsonObject("session").getString("status")));
  }

  /** Frames of {@code frames} that are logged events ({@code question}, {@code stage}, {@code session}). */
  public static List<JsonObject> sequenced(List<JsonObject> frames) {
    return frames.stream().filter(f -> f.containsKey("seq") && !"welcome".equals(f.getString("type"))
        && !"resumed".equals(f.getString("type"))).toList();
  }

  // ---------------------------------------------------------------- snapshots

  /** The question with this id in a welcome, or {@code null}. */
  public static JsonObject question(JsonObject welcome, String questionId) {
    JsonArray questions = welcome.getJsonArray("questions");
    for (int i = 0; i < questions.size(); i++) {
      JsonObject q = questions.getJsonObject(i);
      if (questionId.equals(q.getString("id"))) {
        return q;
      }
    }
    return null;
  }

  /**
   * What moderation can change, as a welcome shows it: every question (id, text, status, votes, answer,
   * mergedInto, edited, reason, frozen), the stage and the session's status. Two equal views mean nothing changed.
   */
  public static JsonObject view(JsonObject welcome) {
    JsonArray questions = new JsonArray();
    JsonArray all = welcome.getJsonArray("questions");
    for (int i = 0; i < all.size(); i++) {
      JsonObject q = all.getJsonObject(i);
      questions.add(new JsonObject().put("id", q.getString("id")).put("text", q.getString("text"))
          .put("status", q.getString("status")).put("votes", q.getInteger("votes"))
          .put("answer", q.getValue("answer")).put("mergedInto", q.getString("mergedInto"))
          .put("edited", q.getValue("edited")).put("reason", q.getString("reason"))
          .put("frozen", q.getValue("frozen")));
    }
    return new JsonObject().put("questions", questions).put("stage", welcome.getString("stage"))
        .put("session", welcome.getJsonObject("session").getString("status"));
  }
}

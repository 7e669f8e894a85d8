package townhall.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Client messages and snapshot look-ups that protocol tests share. */
public final class Msg {
  private Msg() {
  }

  public static JsonObject hello() {
    return new JsonObject();
  }

  /** The fields of a hello that presents a token (the type is added by {@link WsClient#join}). */
  public static JsonObject hello(String token) {
    return new JsonObject().put("token", token);
  }

  public static JsonObject ask(String text) {
    return new JsonObject().put("type", "ask").put("text", text);
  }

  public static JsonObject vote(String questionId, int value) {
    return new JsonObject().put("type", "vote").put("questionId", questionId).put("value", value);
  }

  public static JsonObject withdraw(String questionId) {
    return new JsonObject().put("type", "withdraw").put("questionId", questionId);
  }

  /** Joins, takes the welcome and leaves: the state as this hello sees it now. */
  public static JsonObject freshWelcome(Vertx vertx, int port, String sessionId, JsonObject hello) {
    try (WsClient ws = WsClient.join(vertx, port, sessionId, hello)) {
      return ws.next("welcome");
    }
  }

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

  /** Whether a frame is a {@code question} event about this question. */
  public static boolean isQuestionEvent(JsonObject frame, String questionId) {
    return "question".equals(frame.getString("type"))
        && questionId.equals(frame.getJsonObject("question").getString("id"));
  }

  /** The participant id of a welcome or resumed frame. */
  public static String participantId(JsonObject greeting) {
    return greeting.getJsonObject("participant").getString("id");
  }

  public static String token(JsonObject greeting) {
    return greeting.getJsonObject("participant").getString("token");
  }
}

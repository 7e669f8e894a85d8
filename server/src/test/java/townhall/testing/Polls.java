package townhall.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Poll messages and look-ups that poll tests share. */
public final class Polls {
  private Polls() {
  }

  public static JsonObject create(String kind, String question, List<String> options, Integer max, boolean hidden) {
    JsonObject m = new JsonObject().put("type", "poll").put("action", "create").put("kind", kind)
        .put("question", question).put("hidden", hidden);
    if (options != null) {
      m.put("options", new JsonArray(List.copyOf(options)));
    }
    if (max != null) {
      m.put("max", max);
    }
    return m;
  }

  public static JsonObject action(String action, String pollId) {
    return new JsonObject().put("type", "poll").put("action", action).put("poll", pollId);
  }

  public static JsonObject hide(String pollId, int answer) {
    return action("hide", pollId).put("answer", answer);
  }

  public static JsonObject choose(String pollId, Integer... choices) {
    return new JsonObject().put("type", "answerPoll").put("poll", pollId).put("choices", new JsonArray(List.of(choices)));
  }

  public static JsonObject rate(String pollId, int rating) {
    return new JsonObject().put("type", "answerPoll").put("poll", pollId).put("rating", rating);
  }

  public static JsonObject write(String pollId, String text) {
    return new JsonObject().put("type", "answerPoll").put("poll", pollId).put("text", text);
  }

  /** The poll with this id in a welcome, or {@code null}. */
  public static JsonObject poll(JsonObject welcome, String pollId) {
    JsonArray polls = welcome.getJsonArray("polls", new JsonArray());
    for (int i = 0; i < polls.size(); i++) {
      if (pollId.equals(polls.getJsonObject(i).getString("id"))) {
        return polls.getJsonObject(i);
      }
    }
    return null;
  }

  /** The results of the poll a frame carries (a poll event or a poll state without seq), or {@code null}. */
  public static JsonObject resultsIn(JsonObject frame, String pollId) {
    if ("poll".equals(frame.getString("type")) && pollId.equals(frame.getJsonObject("poll").getString("id"))) {
      return frame.getJsonObject("poll").getJsonObject("results");
    }
    return null;
  }

  /** Waits for results of the poll with these counts and this many answerers. */
  public static JsonObject awaitResults(WsClient ws, String pollId, List<Integer> counts, int answers) {
    return ws.next(f -> {
      JsonObject results = resultsIn(f, pollId);
      return results != null && results.getJsonArray("counts").getList().equals(counts)
          && results.getInteger("answers") == answers;
    }, "results of poll " + pollId + " " + counts + " by " + answers);
  }

  /** Whether the frame is a poll's coalesced state (a {@code poll} without {@code seq}). */
  public static boolean isState(JsonObject frame) {
    return "poll".equals(frame.getString("type")) && !frame.containsKey("seq");
  }

  /** The word cloud of results: each word as shown with its count. */
  public static java.util.Map<String, Integer> words(JsonObject results) {
    java.util.Map<String, Integer> words = new java.util.LinkedHashMap<>();
    results.getJsonArray("words").forEach(w -> words.put(((JsonObject) w).getString("word"),
        ((JsonObject) w).getInteger("count")));
    return words;
  }

  /** The text answers of results. */
  public static List<String> texts(JsonObject results) {
    return results.getJsonArray("texts").stream().map(t -> ((JsonObject) t).getString("text")).toList();
  }
}

package townhall.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import townhall.domain.record.Fate;

/**
 * The record's classified summary (issue 17, "the table a ward sends up to the district"): its questions counted
 * by topic and fate, by area and by channel, and each topic's questions by id (their texts are in
 * {@code questions[]}, {@code null} where the record does not show them: those are counted as {@code notShown}).
 * Made from the record's questions as JSON, so that it counts exactly what the record lists; a question without
 * {@code channel} counts as {@code app} (a resident's own). Topics and areas are ordered by key, the questions
 * without one last ({@code null}).
 *
 * <pre>
 * {"topics": [{"topic": "dat-dai", "questions": 3, "notShown": 1,
 *              "fates": {"answered": 1, "merged": 0, "rejected": 1, "open": 1, "not_reviewed": 0, "withdrawn": 0,
 *                        "archived": 0},
 *              "ids": ["1", "4", "9"]}, …, {"topic": null, …}],
 *  "areas": [{"area": "khu-pho-3", "questions": 2}, {"area": null, "questions": 7}],
 *  "channels": [{"channel": "app", "questions": 9}]}
 * </pre>
 */
public final class ClassifiedSummary {
  /** The channel of a question that names none: asked by a resident on their own phone. */
  public static final String APP = "app";

  private final Map<String, TopicCount> topics = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
  private final Map<String, Integer> areas = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
  private final Map<String, Integer> channels = new TreeMap<>();

  /** Counts one question of {@code questions[]}. */
  public void add(JsonObject question) {
    String topic = question.getString("topic");
    TopicCount count = topics.computeIfAbsent(topic, key -> new TopicCount());
    count.questions++;
    if (question.getValue("text") == null) {
      count.notShown++;
    }
    count.fates.merge(question.getString("fate"), 1, Integer::sum);
    count.ids.add(question.getString("id"));
    areas.merge(question.getString("area"), 1, Integer::sum);
    String channel = question.getValue("channel") instanceof String c ? c : APP;
    channels.merge(channel, 1, Integer::sum);
  }

  /** The summary of every question of {@code questions}. */
  public static JsonObject of(JsonArray questions) {
    ClassifiedSummary summary = new ClassifiedSummary();
    for (Object q : questions) {
      summary.add((JsonObject) q);
    }
    return summary.toJson();
  }

  public JsonObject toJson() {
    JsonArray topicRows = new JsonArray();
    topics.forEach((key, count) -> {
      JsonObject fates = new JsonObject();
      for (Fate fate : Fate.values()) {
        fates.put(fate.wireName(), count.fates.getOrDefault(fate.wireName(), 0));
      }
      topicRows.add(new JsonObject().put("topic", key).put("questions", count.questions)
          .put("notShown", count.notShown).put("fates", fates).put("ids", new JsonArray(new ArrayList<>(count.ids))));
    });
    JsonArray areaRows = new JsonArray();
    areas.forEach((key, n) -> areaRows.add(new JsonObject().put("area", key).put("questions", n)));
    JsonArray channelRows = new JsonArray();
    channels.forEach((key, n) -> channelRows.add(new JsonObject().put("channel", key).put("questions", n)));
    return new JsonObject().put("topics", topicRows).put("areas", areaRows).put("channels", channelRows);
  }

  private static final class TopicCount {
    int questions;
    int notShown;
    final Map<String, Integer> fates = new LinkedHashMap<>();
    final List<String> ids = new ArrayList<>();
  }
}

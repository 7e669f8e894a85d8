package townhall.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import townhall.domain.Language;
import townhall.domain.record.Fate;

/**
 * The classified summary's part of the record CSV (issue 17, "the table a ward sends up to the district"), written
 * after the question rows as {@link RecordCsv} writes them (UTF-8, CRLF, RFC 4180 quoting, formulas defused). Four
 * tables, each opened by an empty line and a line with its title, then its header line:
 * <ol>
 *   <li>by topic and fate: a row per topic of {@link ClassifiedSummary} (questions without one last), its
 *       questions, how many of them the record does not show the text of, and one column per fate; then a total;</li>
 *   <li>by area, and 3. by channel: a row each with its questions;</li>
 *   <li>the questions grouped by topic: topic, question number, text (or a word saying it is not shown), fate,
 *       area, channel and upvotes; the topics in the order of the first table, each topic's questions in the
 *       record's order.</li>
 * </ol>
 * Its counts are the JSON record's {@code summary}: the tables are written from it. Topics are named in the session's
 * language (the default list's names; an organization's own topic by its key), areas by their keys, as the question
 * rows name them. Written a part at a time ({@link #tables}, {@link #groupedHeader}, {@link #groupedRow}), so a
 * record of any size is written as it is read; the words are in {@code docs/record.md}.
 */
public final class SummaryCsv {
  private static final Map<String, String> VI = Map.ofEntries(
      Map.entry("title.topics", "Tổng hợp theo lĩnh vực và kết quả"),
      Map.entry("title.areas", "Tổng hợp theo khu vực"), Map.entry("title.channels", "Tổng hợp theo kênh"),
      Map.entry("title.grouped", "Câu hỏi theo lĩnh vực"),
      Map.entry("col.questions", "Số câu hỏi"), Map.entry("col.notShown", "Trong đó không công bố nội dung"),
      Map.entry("total", "Tổng cộng"), Map.entry("noTopic", "(Chưa phân loại)"),
      Map.entry("noArea", "(Chưa có khu vực)"), Map.entry("notShown", "(Nội dung không công bố)"));
  private static final Map<String, String> EN = Map.ofEntries(
      Map.entry("title.topics", "Summary by topic and outcome"),
      Map.entry("title.areas", "Summary by area"), Map.entry("title.channels", "Summary by channel"),
      Map.entry("title.grouped", "Questions by topic"),
      Map.entry("col.questions", "Questions"), Map.entry("col.notShown", "Of which text not shown"),
      Map.entry("total", "Total"), Map.entry("noTopic", "(No topic)"),
      Map.entry("noArea", "(No area)"), Map.entry("notShown", "(Text not shown)"));

  private final RecordWords words;
  private final Map<String, String> own;

  public SummaryCsv(Language language) {
    this.words = new RecordWords(language);
    this.own = language == Language.VI ? VI : EN;
  }

  /** The summary part of a whole record at once: its tables, then its questions grouped by topic. */
  public static String encode(JsonObject summary, JsonArray questions, Language language) {
    SummaryCsv csv = new SummaryCsv(language);
    StringBuilder out = new StringBuilder(csv.tables(summary)).append(csv.groupedHeader());
    for (Object t : summary.getJsonArray("topics")) {
      String topic = ((JsonObject) t).getString("topic");
      for (Object q : questions) {
        JsonObject question = (JsonObject) q;
        if (java.util.Objects.equals(topic, question.getString("topic"))) {
          out.append(csv.groupedRow(question));
        }
      }
    }
    return out.toString();
  }

  /** The three tables of counts ({@code summary} as {@link ClassifiedSummary#toJson} makes it). */
  public String tables(JsonObject summary) {
    StringBuilder out = new StringBuilder();
    title(out, "title.topics");
    List<String> header = new ArrayList<>(List.of(words.column("topic"), own.get("col.questions"),
        own.get("col.notShown")));
    for (Fate fate : Fate.values()) {
      header.add(words.of("fate", fate.wireName()));
    }
    line(out, header);
    int[] totals = new int[2 + Fate.values().length];
    for (Object item : summary.getJsonArray("topics")) {
      JsonObject row = (JsonObject) item;
      int[] counts = new int[totals.length];
      counts[0] = row.getInteger("questions");
      counts[1] = row.getInteger("notShown");
      for (Fate fate : Fate.values()) {
        counts[2 + fate.ordinal()] = row.getJsonObject("fates").getInteger(fate.wireName(), 0);
      }
      line(out, counts(topic(row.getString("topic")), counts));
      for (int i = 0; i < totals.length; i++) {
        totals[i] += counts[i];
      }
    }
    line(out, counts(own.get("total"), totals));
    title(out, "title.areas");
    line(out, List.of(words.column("area"), own.get("col.questions")));
    for (Object item : summary.getJsonArray("areas")) {
      JsonObject row = (JsonObject) item;
      String area = row.getString("area");
      line(out, List.of(area == null ? own.get("noArea") : area, String.valueOf(row.getInteger("questions"))));
    }
    title(out, "title.channels");
    line(out, List.of(words.column("channel"), own.get("col.questions")));
    for (Object item : summary.getJsonArray("channels")) {
      JsonObject row = (JsonObject) item;
      line(out, List.of(words.of("channel", row.getString("channel")),
          String.valueOf(row.getInteger("questions"))));
    }
    return out.toString();
  }

  /** The title and header of the questions grouped by topic. */
  public String groupedHeader() {
    StringBuilder out = new StringBuilder();
    title(out, "title.grouped");
    line(out, List.of(words.column("topic"), words.column("id"), words.column("text"), words.column("fate"),
        words.column("area"), words.column("channel"), words.column("votes")));
    return out.toString();
  }

  /** One question of {@code questions[]} in the grouped table, CRLF included. */
  public String groupedRow(JsonObject question) {
    StringBuilder out = new StringBuilder();
    String text = question.getString("text");
    String area = question.getString("area");
    String channel = question.getValue("channel") instanceof String c ? c : ClassifiedSummary.APP;
    line(out, List.of(topic(question.getString("topic")), question.getString("id"),
        text == null ? own.get("notShown") : text, words.of("fate", question.getString("fate")),
        area == null ? "" : area, words.of("channel", channel), String.valueOf(question.getInteger("votes", 0))));
    return out.toString();
  }

  private String topic(String key) {
    return key == null ? own.get("noTopic") : words.topic(key);
  }

  private static List<String> counts(String name, int[] counts) {
    List<String> fields = new ArrayList<>(List.of(name));
    for (int count : counts) {
      fields.add(String.valueOf(count));
    }
    return fields;
  }

  /** An empty line, then the table's title alone on its line. */
  private void title(StringBuilder out, String key) {
    out.append("\r\n");
    line(out, List.of(own.get(key)));
  }

  private static void line(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(RecordCsv.field(fields.get(i)));
    }
    out.append("\r\n");
  }
}

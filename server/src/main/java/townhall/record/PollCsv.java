package townhall.record;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import townhall.domain.Language;
import townhall.domain.record.PollRecord;

/**
 * The record CSV's poll part (issue 18): after the questions' rows, as the record's other tables are, an empty
 * line, a line with its title alone ({@code Thăm dò ý kiến} / {@code Polls}), then its header line and a row per option of each poll opened (a rating's five rows are 1 to 5; a text poll's rows are its answers shown,
 * neither hidden nor flagged, or one row when it has none), each row repeating the poll's number, question, kind,
 * times and how many answered, so a spreadsheet can filter and sum them. Written as {@link RecordCsv} writes (the
 * same quoting, defusing and times); empty for a record without polls, whose CSV stays one table. A poll not yet
 * closed has empty counts (the record has its results only from its close). Columns in {@code docs/record.md}.
 */
public final class PollCsv {
  /** The poll part's columns by name (as in {@code docs/record.md}), in order. */
  public static final List<String> COLUMN_KEYS = List.of("poll", "question", "kind", "openedAt", "closedAt",
      "answers", "option", "count", "text", "hiddenAnswers");
  /** A rating's choices, as its counts are kept. */
  private static final int RATINGS = 5;

  private static final Map<String, String> VI = Map.ofEntries(
      Map.entry("title", "Thăm dò ý kiến"), Map.entry("poll", "Thăm dò số"), Map.entry("question", "Câu hỏi thăm dò"), Map.entry("kind", "Hình thức"),
      Map.entry("openedAt", "Thời điểm mở"), Map.entry("closedAt", "Thời điểm đóng"),
      Map.entry("answers", "Số người trả lời"), Map.entry("option", "Phương án"),
      Map.entry("count", "Số lượt chọn"), Map.entry("text", "Câu trả lời được hiển thị"),
      Map.entry("hiddenAnswers", "Số câu trả lời bị ẩn"),
      Map.entry("kind.single", "Chọn một"), Map.entry("kind.multiple", "Chọn nhiều (tối đa %d)"),
      Map.entry("kind.rating", "Chấm điểm 1–5"), Map.entry("kind.text", "Trả lời ngắn"));

  private static final Map<String, String> EN = Map.ofEntries(
      Map.entry("title", "Polls"), Map.entry("poll", "Poll no."), Map.entry("question", "Poll question"), Map.entry("kind", "Kind"),
      Map.entry("openedAt", "Opened at"), Map.entry("closedAt", "Closed at"),
      Map.entry("answers", "Answered by"), Map.entry("option", "Option"), Map.entry("count", "Count"),
      Map.entry("text", "Answer shown"), Map.entry("hiddenAnswers", "Answers hidden"),
      Map.entry("kind.single", "Single choice"), Map.entry("kind.multiple", "Multiple choice (up to %d)"),
      Map.entry("kind.rating", "Rating 1–5"), Map.entry("kind.text", "Short text"));

  private final Map<String, String> words;
  private final DateTimeFormatter time;

  public PollCsv(Language language, ZoneId zone) {
    this.words = language == Language.VI ? VI : EN;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(zone);
  }

  /** The poll part's column names in {@code language}, in order. */
  public static List<String> columns(Language language) {
    Map<String, String> words = language == Language.VI ? VI : EN;
    return COLUMN_KEYS.stream().map(words::get).toList();
  }

  /** The poll part's title in {@code language}: the line after the empty one that opens the part. */
  public static String title(Language language) {
    return (language == Language.VI ? VI : EN).get("title");
  }

  /** The empty line, the title, the header line and the polls' rows, CRLF included; empty without polls. */
  public String part(List<PollRecord> polls) {
    if (polls == null || polls.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("\r\n");
    RecordCsv.line(out, List.of(words.get("title")));
    RecordCsv.line(out, COLUMN_KEYS.stream().map(words::get).toList());
    polls.forEach(p -> rows(out, p));
    return out.toString();
  }

  private void rows(StringBuilder out, PollRecord p) {
    List<String> poll = List.of(p.id(), p.question(), kind(p), time(p.openedAt()),
        p.closedAt() == null ? "" : time(p.closedAt()), p.answers() == null ? "" : String.valueOf(p.answers()));
    String hidden = String.valueOf(p.hiddenAnswers());
    if ("text".equals(p.kind())) {
      List<PollRecord.Text> texts = p.texts() == null ? List.of() : p.texts();
      if (texts.isEmpty()) {
        RecordCsv.line(out, with(poll, "", "", "", hidden));
      }
      texts.forEach(t -> RecordCsv.line(out, with(poll, "", "", t.text(), hidden)));
      return;
    }
    List<String> options = new ArrayList<>(p.options());
    if ("rating".equals(p.kind())) {
      options.clear();
      for (int r = 1; r <= RATINGS; r++) {
        options.add(String.valueOf(r));
      }
    }
    for (int i = 0; i < options.size(); i++) {
      String count = p.counts() == null || i >= p.counts().size() ? "" : String.valueOf(p.counts().get(i));
      RecordCsv.line(out, with(poll, options.get(i), count, "", ""));
    }
  }

  private static List<String> with(List<String> poll, String option, String count, String text, String hidden) {
    List<String> row = new ArrayList<>(poll);
    row.addAll(List.of(option, count, text, hidden));
    return row;
  }

  /** The kind in words, a multiple choice with its maximum; a kind these tables do not know as its wire name. */
  private String kind(PollRecord p) {
    String word = words.getOrDefault("kind." + p.kind(), p.kind());
    return "multiple".equals(p.kind()) ? String.format(word, p.max()) : word;
  }

  private String time(long at) {
    return time.format(Instant.ofEpochMilli(at));
  }
}

package townhall.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.record.QuestionRecord;
import townhall.domain.record.SessionRecord;

/**
 * The record as CSV for spreadsheet programs: UTF-8 with a byte order mark (so they read Vietnamese as UTF-8), one
 * header line and one row per question, lines ending in CRLF, and RFC 4180 quoting: a field holding a comma, a
 * double quote, a CR or an LF is put in double quotes, and a double quote inside is doubled. Times are UTC,
 * {@code yyyy-MM-dd HH:mm:ss}. A field that a spreadsheet would take for a formula (it starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a CR) gets a leading apostrophe; the JSON record keeps every text exactly.
 * Columns are listed in {@code docs/record.md}.
 */
public final class RecordCsv {
  /** The byte order mark that starts the text. */
  public static final String BOM = "\uFEFF";
  public static final List<String> COLUMNS = List.of("id", "asked_at_utc", "author", "text", "original_text",
      "fate", "status", "votes", "rejection_reason", "merged_into", "merged_from", "answer", "answered_at_utc",
      "on_stage_utc", "steps");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  private RecordCsv() {
  }

  public static String encode(SessionRecord record) {
    StringBuilder out = new StringBuilder(BOM);
    line(out, COLUMNS);
    for (QuestionRecord q : record.questions()) {
      line(out, row(q));
    }
    return out.toString();
  }

  private static List<String> row(QuestionRecord q) {
    List<String> stage = new ArrayList<>();
    q.stage().forEach(s -> stage.add(time(s.from()) + " – " + (s.to() == null ? "" : time(s.to()))));
    List<String> steps = new ArrayList<>();
    q.steps().forEach(s -> steps.add(step(s)));
    return List.of(q.id(), time(q.askedAt()), orEmpty(q.author()), orEmpty(q.text()), orEmpty(q.originalText()),
        q.fate().wireName(), q.status().wireName(), String.valueOf(q.votes()), orEmpty(q.rejectionReason()),
        orEmpty(q.mergedInto()), String.join(" ", q.mergedFrom()), q.answer() == null ? "" : q.answer().text(),
        q.answeredAt() == null ? "" : time(q.answeredAt()), String.join("\n", stage), String.join("\n", steps));
  }

  /** One line of the steps column: when, what, who, and the step's text, reason or target. */
  private static String step(QuestionRecord.Step s) {
    StringBuilder line = new StringBuilder(time(s.at())).append(' ').append(s.action()).append(' ')
        .append(s.by() == null ? "author" : moderatorLabel(s.by()));
    String detail = s.reason() != null ? s.reason() : s.text() != null ? s.text()
        : s.into() != null ? "into " + s.into() : null;
    if (detail != null) {
      line.append(": ").append(detail);
    }
    if (s.votes() != null) {
      line.append(" (").append(s.votes()).append(" votes)");
    }
    return line.toString();
  }

  /** "Organizer" for 0, else "Moderator n". */
  public static String moderatorLabel(int number) {
    return number == 0 ? "Organizer" : "Moderator " + number;
  }

  private static void line(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields.get(i)));
    }
    out.append("\r\n");
  }

  /** A field, defused against formulas and quoted when RFC 4180 asks for it. */
  static String field(String value) {
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  private static String time(long at) {
    return TIME.format(Instant.ofEpochMilli(at));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

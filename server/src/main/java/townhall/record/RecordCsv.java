package townhall.record;

import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.Language;
import townhall.domain.TextCategory;
import townhall.domain.record.FollowUpState;
import townhall.domain.record.QuestionRecord;
import townhall.domain.record.SessionRecord;

/**
 * The record as CSV for people and their spreadsheet programs: UTF-8 with a byte order mark (so they read
 * Vietnamese as UTF-8), one header line and one row per question (then the classified summary's tables,
 * {@link SummaryCsv}), lines ending in CRLF, and RFC 4180 quoting: a
 * field holding a comma, a double quote, a CR or an LF is put in double quotes, and a double quote inside is
 * doubled. Column names, fates, statuses and actions are words in the session's language (Vietnamese or English);
 * times are local to the deployment's zone and carry their offset ({@code 2026-12-06 09:05:00 +07:00}). A field
 * that a spreadsheet would take for a formula (it starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or
 * a CR) gets a leading apostrophe; the JSON record keeps every text exactly. Columns are listed in
 * {@code docs/record.md}. A record with polls has its poll part after the questions' rows ({@link PollCsv}).
 *
 * <p>Written a row at a time ({@link #header()}, {@link #row}), so a record of any size is written as it is read.
 */
public final class RecordCsv {
  /** The byte order mark that starts the text. */
  public static final String BOM = "\uFEFF";
  /** The columns by name (as in {@code docs/record.md}), in order. */
  public static final List<String> COLUMN_KEYS = List.of("id", "askedAt", "author", "text", "originalText", "fate",
      "status", "votes", "rejectionReason", "rejectionCategory", "withheld", "mergedInto", "mergedFrom", "answer",
      "answeredAt", "onStage", "steps", "channel", "enteredBy", "onBehalfOf", "followUpStep", "followUpAgency",
      "followUpDue", "followUpAnsweredAt", "satisfied", "notSatisfied", "topic", "area");

  private final RecordWords words;
  private final DateTimeFormatter time;

  public RecordCsv(Language language, ZoneId zone) {
    this.words = new RecordWords(language);
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(zone);
  }

  /** The column names in {@code language}, in order. */
  public static List<String> columns(Language language) {
    RecordWords words = new RecordWords(language);
    return COLUMN_KEYS.stream().map(words::column).toList();
  }

  /**
   * The whole record at once, its classified summary ({@link SummaryCsv}) after its questions (small records;
   * exports write {@link #header()} and {@link #row} as they read).
   */
  public static String encode(SessionRecord record, ZoneId zone) {
    RecordCsv csv = new RecordCsv(record.locale(), zone);
    StringBuilder out = new StringBuilder(csv.header());
    record.questions().forEach(q -> out.append(csv.row(q)));
    JsonArray questions = RecordJson.questions(record.questions());
    out.append(SummaryCsv.encode(ClassifiedSummary.of(questions), questions, record.locale()));
    out.append(new PollCsv(record.locale(), zone).part(record.polls()));
    return out.toString();
  }

  /** The byte order mark and the header line. */
  public String header() {
    StringBuilder out = new StringBuilder(BOM);
    line(out, COLUMN_KEYS.stream().map(words::column).toList());
    return out.toString();
  }

  /** One question's line, CRLF included. */
  public String row(QuestionRecord q) {
    List<String> stage = new ArrayList<>();
    q.stage().forEach(s -> stage.add(time(s.from()) + " – " + (s.to() == null ? "" : time(s.to()))));
    List<String> steps = new ArrayList<>();
    q.steps().forEach(s -> steps.add(step(s)));
    StringBuilder out = new StringBuilder();
    // with its text withheld, a question's author is not public either: not "anonymous"
    String author = q.author() != null ? q.author() : q.text() == null ? "" : words.anonymous();
    QuestionRecord.ClerkEntry entry = q.clerkEntry();
    line(out, List.of(q.id(), time(q.askedAt()), author,
        orEmpty(q.text()), orEmpty(q.originalText()), words.of("fate", q.fate().wireName()),
        words.of("status", q.status().wireName()), String.valueOf(q.votes()), orEmpty(q.rejectionReason()),
        category(q.rejectionCategory()), category(q.withheld()), orEmpty(q.mergedInto()), String.join(" ", q.mergedFrom()), q.answer() == null ? "" : q.answer().text(),
        q.answeredAt() == null ? "" : time(q.answeredAt()), String.join("\n", stage), String.join("\n", steps),
        words.of("channel", q.channel().wireName()), words.clerk(entry == null ? null : entry.clerk()),
        entry == null ? "" : onBehalfOf(entry),
        followUpStep(q), orEmpty(FollowUpState.agency(q.followUp())), orEmpty(FollowUpState.due(q.followUp())),
        answeredInWriting(q), String.valueOf(q.satisfaction().satisfied()),
        String.valueOf(q.satisfaction().notSatisfied()), words.topic(q.topic()), orEmpty(q.area())));
    return out.toString();
  }

  /** The follow-up's latest step in words, or empty when it has none. */
  private String followUpStep(QuestionRecord q) {
    return q.followUp().isEmpty() ? "" : words.of("followUp", q.followUp().get(q.followUp().size() - 1).step());
  }

  /** When the latest written answer was published after the session, or empty. */
  private String answeredInWriting(QuestionRecord q) {
    Long at = FollowUpState.answeredAt(q.followUp());
    return at == null ? "" : time(at);
  }

  /** The person a clerk entered the question for: their name (where this copy reveals it) and area. */
  private static String onBehalfOf(QuestionRecord.ClerkEntry entry) {
    List<String> parts = new ArrayList<>();
    if (entry.name() != null) {
      parts.add(entry.name());
    }
    if (entry.area() != null) {
      parts.add(entry.area());
    }
    return String.join(", ", parts);
  }

  /** One line of the history column: when, who, what, and the step's text, reason or target. */
  private String step(QuestionRecord.Step s) {
    StringBuilder line = new StringBuilder(time(s.at())).append(' ').append(words.who(s.by())).append(": ")
        .append(words.of("action", s.action()));
    String detail = s.reason() != null ? s.reason() : s.text() != null ? s.text()
        : s.into() != null ? words.into(s.into()) : s.category() != null ? category(s.category()) : null;
    if (detail != null) {
      line.append(": ").append(detail);
    }
    if (s.votes() != null) {
      line.append(" (").append(words.votes(s.votes())).append(')');
    }
    return line.toString();
  }

  /** One line of fields, each defused and quoted as {@link #field} does, CRLF included. */
  static void line(StringBuilder out, List<String> fields) {
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

  /** A rejection's or withholding's category in words, or empty. */
  private String category(TextCategory category) {
    return category == null ? "" : words.of("category", category.wireName());
  }

  private String time(long at) {
    return time.format(Instant.ofEpochMilli(at));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

package townhall.record;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import townhall.domain.Language;
import townhall.domain.record.TrackerFigures;

/**
 * The public tracker's open items as CSV, written as the record's CSV is ({@link RecordCsv}: UTF-8 with a byte order
 * mark, CRLF, RFC 4180 quoting, formulas defused), in Vietnamese or English: one row per open item, most overdue
 * first. Columns in {@code docs/api.md}.
 */
public final class TrackerCsv {
  /** The columns by name, in order. */
  public static final List<String> COLUMN_KEYS = List.of("followCode", "session", "sessionTitle", "question",
      "text", "step", "agency", "agencyName", "due", "daysOverdue");

  private static final Map<String, String> VI = Map.ofEntries(Map.entry("followCode", "Mã theo dõi"),
      Map.entry("session", "Phiên"), Map.entry("sessionTitle", "Tên phiên"), Map.entry("question", "Số câu hỏi"),
      Map.entry("text", "Nội dung"), Map.entry("step", "Bước mới nhất"), Map.entry("agency", "Mã cơ quan"),
      Map.entry("agencyName", "Cơ quan"), Map.entry("due", "Hạn trả lời"), Map.entry("daysOverdue", "Số ngày quá hạn"));
  private static final Map<String, String> EN = Map.ofEntries(Map.entry("followCode", "Follow-up code"),
      Map.entry("session", "Session"), Map.entry("sessionTitle", "Session title"), Map.entry("question", "Question no."),
      Map.entry("text", "Question"), Map.entry("step", "Latest step"), Map.entry("agency", "Agency code"),
      Map.entry("agencyName", "Agency"), Map.entry("due", "Due"), Map.entry("daysOverdue", "Days overdue"));

  private TrackerCsv() {
  }

  /** The column names in {@code language}. */
  public static List<String> columns(Language language) {
    Map<String, String> words = language == Language.VI ? VI : EN;
    return COLUMN_KEYS.stream().map(words::get).toList();
  }

  /** The whole file; {@code names}: an agency's name by slug (its slug when unknown). */
  public static String encode(List<TrackerFigures.OpenItem> open, Language language,
      Function<String, String> names) {
    RecordWords words = new RecordWords(language);
    StringBuilder out = new StringBuilder(RecordCsv.BOM);
    line(out, columns(language));
    for (TrackerFigures.OpenItem o : open) {
      line(out, List.of(orEmpty(o.item().followCode()), o.session().sessionId(), orEmpty(o.session().title()),
          o.item().questionId(), orEmpty(o.item().text()), words.of("followUp", o.step()), o.agency(),
          names.apply(o.agency()), orEmpty(o.due()), String.valueOf(o.daysOverdue())));
    }
    return out.toString();
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

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

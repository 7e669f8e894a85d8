package townhall.testing;

import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 reader for tests: quoted fields may hold commas, doubled quotes, CR and LF; records end in CRLF. */
public final class Csv {
  private Csv() {
  }

  /**
   * The header and question rows of a record's CSV ({@code text} without its byte order mark): the lines before the
   * first empty one, after which the record's other tables follow (the classified summary, …).
   */
  public static List<List<String>> recordQuestions(String text) {
    List<List<String>> rows = parse(text);
    int end = rows.indexOf(List.of(""));
    return end < 0 ? rows : rows.subList(0, end);
  }

  /**
   * The tables after a record CSV's question rows, by title: each is an empty line, a line with its title alone, then
   * its rows (its header first), up to the next empty line.
   */
  public static java.util.Map<String, List<List<String>>> recordTables(String text) {
    List<List<String>> rows = parse(text);
    java.util.Map<String, List<List<String>>> tables = new java.util.LinkedHashMap<>();
    int i = rows.indexOf(List.of(""));
    while (i >= 0 && i + 1 < rows.size()) {
      String title = rows.get(i + 1).get(0);
      int end = i + 2;
      while (end < rows.size() && !rows.get(end).equals(List.of(""))) {
        end++;
      }
      tables.put(title, new ArrayList<>(rows.subList(i + 2, end)));
      i = end < rows.size() ? end : -1;
    }
    return tables;
  }

  /** The records of {@code text} (which must not start with a byte order mark); fails on malformed quoting. */
  public static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    boolean quoted = false;
    boolean fieldStarted = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          if (i < text.length() && ",\r\n".indexOf(text.charAt(i)) < 0) {
            throw new IllegalArgumentException("text after a closing quote at " + i);
          }
          continue;
        }
        field.append(c);
        i++;
      } else if (c == '"') {
        if (fieldStarted || field.length() > 0) {
          throw new IllegalArgumentException("a quote inside an unquoted field at " + i);
        }
        quoted = true;
        fieldStarted = true;
        i++;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
        i++;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        record.add(field.toString());
        records.add(record);
        record = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
        i += 2;
      } else if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException("a bare line break outside quotes at " + i);
      } else {
        field.append(c);
        i++;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("an unclosed quote");
    }
    if (field.length() > 0 || fieldStarted || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}

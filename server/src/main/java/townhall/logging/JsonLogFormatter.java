package townhall.logging;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code ts} (UTC, milliseconds), {@code level} (JUL's name), {@code logger},
 * {@code msg}, {@code node} (when known), then the record's {@link LogFields} ({@code session} first when there
 * is one), then {@code error} ({@code class}, {@code message}, {@code stack}) when the record carries a throwable.
 * The JSON encoder escapes quotes, backslashes and control characters (newlines included), so a line never breaks;
 * other characters (Vietnamese text, say) are written as they are, in the handler's encoding (UTF-8).
 */
public final class JsonLogFormatter extends Formatter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final String node;

  /** Lines without a node (as named in a {@code logging.properties} file). */
  public JsonLogFormatter() {
    this(null);
  }

  /** Lines that name this process's node. */
  public JsonLogFormatter(String node) {
    this.node = node;
  }

  @Override
  public String format(LogRecord record) {
    LogFields fields = LogFields.of(record);
    JsonObject line = new JsonObject()
        .put("ts", TIME.format(record.getInstant()))
        .put("level", record.getLevel().getName())
        .put("logger", record.getLoggerName())
        .put("msg", fields.isEmpty() ? formatMessage(record) : record.getMessage());
    if (node != null) {
      line.put("node", node);
    }
    Object session = fields.values().get(LogFields.SESSION);
    if (session != null) {
      line.put(LogFields.SESSION, String.valueOf(session));
    }
    for (Map.Entry<String, Object> field : fields.values().entrySet()) {
      if (!line.containsKey(field.getKey())) {
        line.put(field.getKey(), jsonValue(field.getValue()));
      }
    }
    Throwable error = record.getThrown();
    if (error != null) {
      line.put("error", new JsonObject().put("class", error.getClass().getName())
          .put("message", error.getMessage()).put("stack", stackOf(error)));
    }
    return line.encode() + System.lineSeparator();
  }

  private static Object jsonValue(Object value) {
    return value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
  }

  static String stackOf(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}

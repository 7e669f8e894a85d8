package townhall.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.LogRecord;

/**
 * The key/value fields of one log record ({@code session}, {@code path}, ...), carried as the record's only
 * parameter so that {@link JsonLogFormatter} and {@link TextLogFormatter} can write them; other formatters show
 * the message alone. Keys keep the order they were given in.
 */
public record LogFields(Map<String, Object> values) {
  /** The key that names the session a record concerns. */
  public static final String SESSION = "session";

  public LogFields {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The fields a record carries, or none. */
  public static LogFields of(LogRecord record) {
    Object[] parameters = record.getParameters();
    if (parameters != null) {
      for (Object parameter : parameters) {
        if (parameter instanceof LogFields fields) {
          return fields;
        }
      }
    }
    return new LogFields(Map.of());
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}

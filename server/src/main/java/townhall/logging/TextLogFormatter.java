package townhall.logging;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One readable line per record: {@code HH:mm:ss.SSS LEVEL logger: message key=value ...}, then the stack trace
 * of a throwable on the lines after. For people reading a terminal; collectors should read {@link JsonLogFormatter}.
 */
public final class TextLogFormatter extends Formatter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
      .withZone(ZoneId.systemDefault());

  private final String node;

  /** Lines without a node (as named in a {@code logging.properties} file). */
  public TextLogFormatter() {
    this(null);
  }

  /** Lines that name this process's node. */
  public TextLogFormatter(String node) {
    this.node = node;
  }

  @Override
  public String format(LogRecord record) {
    LogFields fields = LogFields.of(record);
    StringBuilder line = new StringBuilder(160)
        .append(TIME.format(record.getInstant())).append(' ').append(record.getLevel().getName()).append(' ')
        .append(record.getLoggerName()).append(": ")
        .append(fields.isEmpty() ? formatMessage(record) : record.getMessage());
    if (node != null) {
      line.append(" node=").append(node);
    }
    fields.values().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    line.append(System.lineSeparator());
    if (record.getThrown() != null) {
      line.append(JsonLogFormatter.stackOf(record.getThrown()));
    }
    return line.toString();
  }
}

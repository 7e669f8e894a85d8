package townhall.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One log call with fields: {@code LogLine.session(LOG, sessionId).with("path", path).warning("...", e)}. Every
 * log call of ours that concerns a session goes through {@link #session}, so each such line carries the session
 * id as a field of its own rather than inside the message. Use a line once, on one thread.
 */
public final class LogLine {
  private final Logger logger;
  private final Map<String, Object> fields = new LinkedHashMap<>();

  private LogLine(Logger logger) {
    this.logger = logger;
  }

  /** A line about nothing in particular. */
  public static LogLine of(Logger logger) {
    return new LogLine(logger);
  }

  /** A line about a session; a {@code null} id (not known yet) is left out. */
  public static LogLine session(Logger logger, String sessionId) {
    return new LogLine(logger).with(LogFields.SESSION, sessionId);
  }

  /** Adds a field; a {@code null} value is left out. */
  public LogLine with(String key, Object value) {
    if (value != null) {
      fields.put(key, value);
    }
    return this;
  }

  public void severe(String message, Throwable error) {
    log(Level.SEVERE, message, error);
  }

  public void warning(String message) {
    log(Level.WARNING, message, null);
  }

  public void warning(String message, Throwable error) {
    log(Level.WARNING, message, error);
  }

  public void info(String message) {
    log(Level.INFO, message, null);
  }

  public void fine(String message) {
    log(Level.FINE, message, null);
  }

  public void fine(String message, Throwable error) {
    log(Level.FINE, message, error);
  }

  /** Logs when the logger takes {@code level}; {@code error} may be {@code null}. */
  public void log(Level level, String message, Throwable error) {
    if (!logger.isLoggable(level)) {
      return;
    }
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger.getName());
    // the logger's name stands for the caller; JUL would otherwise infer this class
    record.setSourceClassName(logger.getName());
    record.setSourceMethodName(null);
    record.setParameters(new Object[] {new LogFields(fields)});
    record.setThrown(error);
    logger.log(record);
  }
}

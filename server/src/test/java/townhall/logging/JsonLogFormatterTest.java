package townhall.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** One JSON object per line, whatever the message holds. */
class JsonLogFormatterTest {
  private static final String VIETNAMESE = "Khi nào sửa xong đường Lê Lợi? Nguyễn Thị Hương hỏi «phường» ✓";

  private final JsonLogFormatter formatter = new JsonLogFormatter("n-abc123");

  private static LogRecord record(Level level, String message, Map<String, Object> fields, Throwable error) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName("townhall.ws.Room");
    record.setInstant(Instant.parse("2025-11-03T08:15:30.123456Z"));
    record.setParameters(new Object[] {new LogFields(fields)});
    record.setThrown(error);
    return record;
  }

  /** Formats and checks it is exactly one line of JSON; answers the parsed object. */
  private JsonObject line(LogRecord record) {
    String text = formatter.format(record);
    assertTrue(text.endsWith(System.lineSeparator()), "ends the line");
    String body = text.substring(0, text.length() - System.lineSeparator().length());
    assertFalse(body.contains("\n") || body.contains("\r"), () -> "one line: " + body);
    return new JsonObject(body);
  }

  @Test
  void everyLineHasTimeLevelLoggerMessageNodeAndTheRecordsFields() {
    JsonObject json = line(record(Level.WARNING, "cannot follow",
        Map.of("session", "k3J9xQ2mVt0aR1bC"), null));

    assertEquals("2025-11-03T08:15:30.123Z", json.getString("ts"));
    assertEquals("WARNING", json.getString("level"));
    assertEquals("townhall.ws.Room", json.getString("logger"));
    assertEquals("cannot follow", json.getString("msg"));
    assertEquals("n-abc123", json.getString("node"));
    assertEquals("k3J9xQ2mVt0aR1bC", json.getString("session"));
    assertNull(json.getValue("error"), "no error without a throwable");
    assertEquals(List.of("ts", "level", "logger", "msg", "node", "session"), List.copyOf(json.fieldNames()));
  }

  @Test
  void quotesBackslashesNewlinesControlsAndVietnameseSurviveTheRoundTrip() {
    String message = "He said \"stop\"\\ then\nleft\r\n\ttab \u0001 " + VIETNAMESE;
    JsonObject json = line(record(Level.INFO, message, Map.of("session", "s1", "text", VIETNAMESE + "\n\"q\""),
        null));

    assertEquals(message, json.getString("msg"));
    assertEquals(VIETNAMESE + "\n\"q\"", json.getString("text"));
  }

  @Test
  void vietnameseIsWrittenAsItIsNotEscaped() {
    String text = formatter.format(record(Level.INFO, VIETNAMESE, Map.of(), null));

    assertTrue(text.contains(VIETNAMESE), text);
  }

  @Test
  void numbersAndBooleansStayJsonTypesOtherValuesBecomeText() {
    JsonObject json = line(record(Level.INFO, "m", Map.of("lastSeq", 41L, "draining", true,
        "path", java.nio.file.Path.of("/api/sessions")), null));

    assertEquals(41L, json.getLong("lastSeq"));
    assertEquals(true, json.getBoolean("draining"));
    assertEquals("/api/sessions", json.getString("path"));
  }

  @Test
  void anErrorCarriesItsClassMessageAndStackWithCauses() {
    IllegalStateException error = new IllegalStateException("Storage is \"full\"\nretry",
        new RuntimeException("OOM command not allowed when used memory > 'maxmemory'."));
    JsonObject json = line(record(Level.SEVERE, "store unavailable", Map.of("session", "s1"), error));

    JsonObject logged = json.getJsonObject("error");
    assertEquals(IllegalStateException.class.getName(), logged.getString("class"));
    assertEquals("Storage is \"full\"\nretry", logged.getString("message"));
    String stack = logged.getString("stack");
    assertTrue(stack.contains(getClass().getName()), "the stack names this test: " + stack);
    assertTrue(stack.contains("Caused by: java.lang.RuntimeException: OOM command not allowed"), stack);
    assertEquals("error", List.copyOf(json.fieldNames()).get(json.fieldNames().size() - 1), "error comes last");
  }

  @Test
  void aRecordWithoutFieldsOrNodeIsFormattedWithItsParameters() {
    LogRecord plain = new LogRecord(Level.INFO, "Connected to {0}");
    plain.setLoggerName("io.lettuce.core.RedisClient");
    plain.setParameters(new Object[] {"127.0.0.1:6379"});
    String text = new JsonLogFormatter().format(plain);
    JsonObject json = new JsonObject(text.trim());

    assertEquals("Connected to 127.0.0.1:6379", json.getString("msg"));
    assertFalse(json.containsKey("node"), "no node when none was given");
    assertFalse(json.containsKey("session"));
  }
}

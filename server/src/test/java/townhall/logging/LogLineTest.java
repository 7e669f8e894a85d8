package townhall.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A log call about a session carries the session id as a field of its own. */
class LogLineTest {
  private final Logger logger = Logger.getLogger("townhall.test.LogLineTest");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void listen() {
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false);
    logger.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(capture);
  }

  @Test
  void aSessionLineCarriesTheSessionIdAndItsOtherFieldsInOrder() {
    IllegalStateException error = new IllegalStateException("down");
    LogLine.session(logger, "k3J9xQ2mVt0aR1bC").with("ref", "a-1").with("lastSeq", 41).warning("cannot follow", error);

    assertEquals(1, records.size());
    LogRecord record = records.get(0);
    assertEquals(Level.WARNING, record.getLevel());
    assertEquals("cannot follow", record.getMessage(), "the id is a field, not part of the message");
    assertEquals(logger.getName(), record.getLoggerName());
    assertSame(error, record.getThrown());
    assertEquals(List.of("session", "ref", "lastSeq"), List.copyOf(LogFields.of(record).values().keySet()));

    JsonObject json = new JsonObject(new JsonLogFormatter("n-1").format(record).trim());
    assertEquals("k3J9xQ2mVt0aR1bC", json.getString("session"));
    assertEquals("a-1", json.getString("ref"));
    assertEquals(41, json.getInteger("lastSeq"));
    assertEquals("down", json.getJsonObject("error").getString("message"));
    String text = new TextLogFormatter().format(record);
    assertTrue(text.contains("cannot follow session=k3J9xQ2mVt0aR1bC ref=a-1 lastSeq=41"), text);
  }

  @Test
  void nullValuesAreLeftOut() {
    LogLine.session(logger, null).with("path", null).info("no session known yet");

    assertTrue(LogFields.of(records.get(0)).isEmpty(), () -> LogFields.of(records.get(0)).toString());
  }
}

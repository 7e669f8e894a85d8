package townhall.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UnsupportedEncodingException;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import townhall.config.TownhallConfig;

/** {@code Main} sets the format of every root handler; the test puts the previous formatters back. */
class LogSetupTest {
  private Handler[] handlers;
  private Formatter[] formatters;
  private String[] encodings;

  @BeforeEach
  void remember() {
    handlers = Logger.getLogger("").getHandlers();
    formatters = new Formatter[handlers.length];
    encodings = new String[handlers.length];
    for (int i = 0; i < handlers.length; i++) {
      formatters[i] = handlers[i].getFormatter();
      encodings[i] = handlers[i].getEncoding();
    }
  }

  @AfterEach
  void restore() throws UnsupportedEncodingException {
    for (int i = 0; i < handlers.length; i++) {
      handlers[i].setFormatter(formatters[i]);
      handlers[i].setEncoding(encodings[i]);
    }
  }

  @Test
  void jsonFormatGivesEveryRootHandlerTheJsonFormatterNamingTheNodeInUtf8() {
    LogSetup.install(TownhallConfig.Logging.Format.JSON, "n-test01");

    Handler[] installed = Logger.getLogger("").getHandlers();
    assertTrue(installed.length > 0, "a root handler");
    for (Handler handler : installed) {
      Formatter formatter = assertInstanceOf(JsonLogFormatter.class, handler.getFormatter());
      assertTrue(formatter.format(new LogRecord(Level.INFO, "x")).contains("\"node\":\"n-test01\""));
      assertEquals("UTF-8", handler.getEncoding());
    }
  }

  @Test
  void textFormatGivesEveryRootHandlerTheTextFormatter() {
    LogSetup.install(TownhallConfig.Logging.Format.TEXT, "n-test02");

    for (Handler handler : Logger.getLogger("").getHandlers()) {
      Formatter formatter = assertInstanceOf(TextLogFormatter.class, handler.getFormatter());
      assertTrue(formatter.format(new LogRecord(Level.INFO, "x")).contains("node=n-test02"));
    }
  }
}

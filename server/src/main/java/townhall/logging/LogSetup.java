package townhall.logging;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import townhall.config.TownhallConfig;

/**
 * Sets the format of the process's log lines. Everything logs through {@code java.util.logging}: our classes
 * directly, Lettuce, Netty and Micrometer through SLF4J ({@code slf4j-jdk14}), so one formatter on the root
 * handlers covers every line.
 */
public final class LogSetup {
  private LogSetup() {
  }

  /**
   * Gives every handler of the root logger (a console handler, on standard error, if it has none) the formatter
   * of {@code format}, naming {@code node} on every line, and UTF-8 output.
   */
  public static void install(TownhallConfig.Logging.Format format, String node) {
    Logger root = Logger.getLogger("");
    if (root.getHandlers().length == 0) {
      root.addHandler(new ConsoleHandler());
    }
    Formatter formatter = format == TownhallConfig.Logging.Format.JSON
        ? new JsonLogFormatter(node) : new TextLogFormatter(node);
    for (Handler handler : root.getHandlers()) {
      handler.setFormatter(formatter);
      try {
        handler.setEncoding(StandardCharsets.UTF_8.name());
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException("UTF-8 is always supported", e);
      }
    }
  }
}

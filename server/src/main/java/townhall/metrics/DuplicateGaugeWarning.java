package townhall.metrics;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Drops one known, harmless warning: vertx-micrometer-metrics 5.0 registers the {@code vertx.*} connection gauges
 * again for every accepted connection (vert-x3/vertx-micrometer-metrics#259), counting on Micrometer to hand back
 * the gauge it has; since 1.13.9 Micrometer also warns "This Gauge has been already registered" the first time.
 * The gauge and its value are right (Vert.x keeps one counter per gauge id), so the warning only misleads.
 * Every other record of that logger passes.
 */
public final class DuplicateGaugeWarning implements Filter {
  /** Held so the logger, and the filter set on it, cannot be garbage collected. */
  private static final Logger MICROMETER = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  /** Installs the filter on Micrometer's registry logger; calling it again changes nothing. */
  public static void silence() {
    if (!(MICROMETER.getFilter() instanceof DuplicateGaugeWarning)) {
      MICROMETER.setFilter(new DuplicateGaugeWarning());
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    String message = record.getMessage();
    return !(record.getLevel().intValue() <= Level.WARNING.intValue() && message != null
        && message.startsWith("This Gauge has been already registered (MeterId{name='vertx."));
  }
}

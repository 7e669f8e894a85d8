package townhall.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DuplicateGaugeWarningTest {
  private final DuplicateGaugeWarning filter = new DuplicateGaugeWarning();

  @Test
  void dropsMicrometersWarningAboutVertxGaugesRegisteredAgain() {
    assertFalse(filter.isLoggable(new LogRecord(Level.WARNING, "This Gauge has been already registered "
        + "(MeterId{name='vertx.http.server.active.connections', tags=[]}), the registration will be ignored. Note "
        + "that subsequent logs will be logged at debug level.")));
  }

  @Test
  void keepsTheSameWarningAboutOtherGaugesAndEveryOtherRecord() {
    assertTrue(filter.isLoggable(new LogRecord(Level.WARNING,
        "This Gauge has been already registered (MeterId{name='townhall_connections', tags=[]}), the registration "
            + "will be ignored.")));
    assertTrue(filter.isLoggable(new LogRecord(Level.WARNING, "A MeterFilter is being configured after a Meter has "
        + "been registered to this registry.")));
    assertTrue(filter.isLoggable(new LogRecord(Level.SEVERE, null)));
  }

  @Test
  void silenceInstallsTheFilterOnMicrometersRegistryLogger() {
    DuplicateGaugeWarning.silence();
    assertInstanceOf(DuplicateGaugeWarning.class,
        Logger.getLogger("io.micrometer.core.instrument.MeterRegistry").getFilter());
  }
}

package townhall.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A restart storm counts each resident's time back from the restarted node's first healthy answer too. */
class StormMeasurementsTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void timeBackAfterHealthyIsCountedFromTheFirstHealthyAnswerAndNeverNegative() {
    StormMeasurements storm = new StormMeasurements(0);
    long killed = 1_000 * SECOND;
    long healthy = killed + 4 * SECOND;
    storm.back("resumed", true, killed, healthy - SECOND / 100, 0); // back just before the poll saw it healthy
    storm.healthy(healthy);
    storm.healthy(healthy + SECOND); // only the first healthy answer counts
    storm.back("resumed", true, killed, healthy + SECOND / 2, 0);
    storm.back("welcome", false, killed, healthy + 2 * SECOND, 0);

    MeasurementResult result = new MeasurementResult();
    storm.addTo(result);
    Histogram afterHealthy = result.histogram("reconnect.backAfterHealthy");
    assertEquals(3, afterHealthy.getTotalCount());
    assertEquals(0, afterHealthy.getMinValue(), "the one back before the poll counts as back at once");
    assertTrue(Math.abs(afterHealthy.getMaxValue() - 2_000_000) < 2_000, "µs from healthy to the last back");
    Histogram fromKill = result.histogram("reconnect.backTime");
    assertTrue(fromKill.getMaxValue() > 5_900_000, "kill -> back still counts from the kill");
  }

  @Test
  void withoutARestartThereIsNoTimeAfterHealthy() {
    StormMeasurements storm = new StormMeasurements(0);
    storm.back("resumed", true, 0, SECOND, 0);
    MeasurementResult result = new MeasurementResult();
    storm.addTo(result);
    assertEquals(0, result.histogram("reconnect.backAfterHealthy").getTotalCount());
  }
}

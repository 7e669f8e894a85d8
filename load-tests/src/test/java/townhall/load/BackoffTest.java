package townhall.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generator's joiners and returning residents wait as the web client does ({@code socket.js}). */
class BackoffTest {
  private static final int DRAWS = 2_000;

  @Test
  void aServersRetryAfterIsHonouredWithUpToHalfMoreAtRandom() {
    for (int i = 0; i < DRAWS; i++) {
      long delay = Backoff.delayMs(1 + i % 5, 2_000);
      assertTrue(delay >= 2_000 && delay <= 3_000, () -> "retryAfterMs 2000 waited " + delay);
    }
  }

  @Test
  void withoutRetryAfterTheFirstRetryComesWithinHalfASecondToOneAndAHalf() {
    for (int i = 0; i < DRAWS; i++) {
      long delay = Backoff.delayMs(1, 0);
      assertTrue(delay >= 500 && delay <= 1_500, () -> "first retry after " + delay);
    }
  }

  @Test
  void laterRetriesDoubleWithTheSameJitterUpToTwoAndAHalfSeconds() {
    for (int i = 0; i < DRAWS; i++) {
      long second = Backoff.delayMs(2, 0);
      assertTrue(second >= 1_000 && second <= 2_500, () -> "second retry after " + second);
      long late = Backoff.delayMs(30, 0);
      assertTrue(late >= 1_250 && late <= 2_500, () -> "a late retry after " + late);
    }
  }
}

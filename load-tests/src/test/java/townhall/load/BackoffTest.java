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
  void laterRetriesDoubleWithTheSameJitterUpToFifteenSeconds() {
    for (int i = 0; i < DRAWS; i++) {
      long third = Backoff.delayMs(3, 0);
      assertTrue(third >= 2_000 && third <= 6_000, () -> "third retry after " + third);
      long late = Backoff.delayMs(30, 0);
      assertTrue(late >= 7_500 && late <= 15_000, () -> "a late retry after " + late);
    }
  }
}

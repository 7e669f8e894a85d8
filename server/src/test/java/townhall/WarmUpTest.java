package townhall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The start's warm-up runs the codec and tokens round after round, and stops at its bound. */
class WarmUpTest {
  @Test
  void runsEveryRoundWithinItsTime() {
    assertEquals(50, WarmUp.run(50, System.nanoTime() + 60_000_000_000L));
  }

  @Test
  void stopsAtItsDeadlineWhateverIsLeft() {
    assertTrue(WarmUp.run(WarmUp.ROUNDS, System.nanoTime()) < WarmUp.ROUNDS, "nothing run past the deadline");
  }
}

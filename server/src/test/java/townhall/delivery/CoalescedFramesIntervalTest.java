package townhall.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How often a changing poll's results and, during a storm, vote counts go out, by the number of screens, and the
 * throttle that keeps to it.
 */
class CoalescedFramesIntervalTest {

  @Test
  void onceATickWhileTheScreensTakeNoMoreThanTheBudget() {
    assertEquals(100, Room.framesIntervalMs(100, 0, 40_000));
    assertEquals(100, Room.framesIntervalMs(100, 300, 40_000));
    // 4 000 screens at 10 ticks a second are exactly 40 000 frames a second
    assertEquals(100, Room.framesIntervalMs(100, 4_000, 40_000));
  }

  @Test
  void everyFewTicksBeyondTheBudgetAndNeverMoreThanFiveApart() {
    assertEquals(200, Room.framesIntervalMs(100, 4_001, 40_000));
    assertEquals(300, Room.framesIntervalMs(100, 10_000, 40_000));
    assertEquals(500, Room.framesIntervalMs(100, 19_000, 40_000));
    assertEquals(500, Room.framesIntervalMs(100, 1_000_000, 40_000));
    assertEquals(250, Room.framesIntervalMs(50, 19_000, 1));
  }

  @Test
  void voteCountsGoOnceATickUnlessHellosWaitInTheNodesLine() {
    assertEquals(100, Room.voteCountsIntervalMs(100, 19_800, 20_000, false));
    assertEquals(100, Room.voteCountsIntervalMs(100, 0, 20_000, false));
    // a storm: a small room keeps its tick, a big one sends counts every few ticks, never more than five apart
    assertEquals(100, Room.voteCountsIntervalMs(100, 2_000, 20_000, true));
    assertEquals(200, Room.voteCountsIntervalMs(100, 2_001, 20_000, true));
    assertEquals(500, Room.voteCountsIntervalMs(100, 9_900, 20_000, true));
    assertEquals(500, Room.voteCountsIntervalMs(100, 19_800, 20_000, true));
  }

  @Test
  void theThrottleReadsItsIntervalAtEachTrigger() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicLong interval = new AtomicLong(0);
      List<Long> runs = Collections.synchronizedList(new ArrayList<>());
      Throttle[] throttle = new Throttle[1];
      vertx.runOnContext(v -> {
        throttle[0] = new Throttle(vertx, interval::get, () -> runs.add(System.nanoTime()));
        throttle[0].trigger(); // not run for an interval: at once
        interval.set(300);
        throttle[0].trigger(); // within the new interval: at its end
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (runs.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(2, runs.size(), "the throttle ran twice");
      assertTrue(runs.get(1) - runs.get(0) >= TimeUnit.MILLISECONDS.toNanos(290),
          "the second run waited for the interval read at its trigger");
    } finally {
      vertx.close().await();
    }
  }
}

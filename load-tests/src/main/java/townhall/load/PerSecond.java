package townhall.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts events per wall-clock second (epoch seconds), cheaply enough to be called for every frame: a growing
 * array from the second it was created in. Not thread-safe.
 */
final class PerSecond {
  private final long originSecond;
  private long[] counts = new long[64];
  private int used;

  /** Counts from the second that holds {@code originEpochMs} on. */
  PerSecond(long originEpochMs) {
    this.originSecond = Math.floorDiv(originEpochMs, 1000);
  }

  /** Adds {@code n} to the second that holds {@code epochMs} (earlier times count in the first second). */
  void add(long epochMs, long n) {
    int slot = (int) Math.max(0, Math.floorDiv(epochMs, 1000) - originSecond);
    if (slot >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(slot + 1, counts.length * 2));
    }
    counts[slot] += n;
    used = Math.max(used, slot + 1);
  }

  /** Epoch second to count, every second from the first to the last one seen (zeros included). */
  Map<Long, Double> snapshot() {
    Map<Long, Double> values = new TreeMap<>();
    for (int slot = 0; slot < used; slot++) {
      values.put(originSecond + slot, (double) counts[slot]);
    }
    return values;
  }
}

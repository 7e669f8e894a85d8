package townhall.load;

import org.HdrHistogram.Histogram;

/** Creates the latency histograms (microseconds, 3 significant digits, resizing) and records nanosecond spans. */
final class Latency {
  private Latency() {
  }

  static Histogram histogram() {
    return new Histogram(3);
  }

  /** Records {@code to - from} (nanoseconds) as microseconds; a negative span counts as 0. */
  static void record(Histogram histogram, long fromNanos, long toNanos) {
    histogram.recordValue(Math.max(0, (toNanos - fromNanos) / 1_000));
  }
}

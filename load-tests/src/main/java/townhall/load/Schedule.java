package townhall.load;

/**
 * An open-loop schedule: event {@code i} is due at {@code t0 + i / rate}, whatever happened to the events before it.
 * Times are {@link System#nanoTime()} values.
 */
public final class Schedule {
  private final long t0;
  private final double rate;
  private final long count;

  /**
   * @param t0 when event 0 is due
   * @param rate events per second (0: no events)
   * @param count how many events there are
   */
  public Schedule(long t0, double rate, long count) {
    this.t0 = t0;
    this.rate = rate;
    this.count = rate > 0 ? count : 0;
  }

  /** How many events at {@code rate} per second fall in {@code seconds}: those due strictly before the end. */
  public static long eventsIn(double rate, double seconds) {
    return rate <= 0 ? 0 : (long) Math.ceil(rate * seconds - 1e-9);
  }

  /** The intended time of event {@code i}. */
  public long intendedNanos(long i) {
    return t0 + Math.round(i * 1e9 / rate);
  }

  /** How many events there are. */
  public long count() {
    return count;
  }
}

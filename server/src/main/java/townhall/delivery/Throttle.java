package townhall.delivery;

import io.vertx.core.Vertx;
import java.util.function.LongSupplier;

/**
 * Runs an action at most once per interval: at once when it has not run for an interval (so a lone change is not
 * delayed), otherwise at the end of the interval, once for all triggers in between. Use it from one context only.
 */
public final class Throttle {
  private final Vertx vertx;
  private final LongSupplier intervalMs;
  private final Runnable action;
  private long lastRunNanos;
  private long timerId = -1;

  public Throttle(Vertx vertx, long intervalMs, Runnable action) {
    this(vertx, () -> intervalMs, action);
  }

  /** A throttle whose interval is read at each trigger (it may change with what the action costs). */
  public Throttle(Vertx vertx, LongSupplier intervalMs, Runnable action) {
    this.vertx = vertx;
    this.intervalMs = intervalMs;
    this.action = action;
    this.lastRunNanos = System.nanoTime() - intervalMs.getAsLong() * 1_000_000;
  }

  public void trigger() {
    if (timerId != -1) {
      return;
    }
    long waitMs = intervalMs.getAsLong() - (System.nanoTime() - lastRunNanos) / 1_000_000;
    if (waitMs <= 0) {
      run();
    } else {
      timerId = vertx.setTimer(waitMs, id -> {
        timerId = -1;
        run();
      });
    }
  }

  public void cancel() {
    if (timerId != -1) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void run() {
    lastRunNanos = System.nanoTime();
    action.run();
  }
}

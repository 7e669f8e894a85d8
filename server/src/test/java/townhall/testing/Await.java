package townhall.testing;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeoutException;

/** Waits for a future on the test thread, with a deadline. */
public final class Await {
  private Await() {
  }

  public static <T> T result(Future<T> future, long seconds) {
    try {
      return future.await(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("No result within " + seconds + " s", e);
    }
  }

  /**
   * Polls {@code condition} until it holds; fails after {@code seconds}. Each poll should take real time (an HTTP
   * request, say): this spins, it does not sleep.
   */
  public static void until(BooleanSupplier condition, long seconds, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not true within " + seconds + " s: " + what);
      }
      Thread.onSpinWait();
    }
  }

  public static <T> T result(Future<T> future) {
    return result(future, 10);
  }
}

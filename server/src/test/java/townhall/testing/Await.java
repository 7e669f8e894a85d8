package townhall.testing;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
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

  public static <T> T result(Future<T> future) {
    return result(future, 10);
  }
}

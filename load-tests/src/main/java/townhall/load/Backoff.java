package townhall.load;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When a client tries again, as the web client does ({@code socket.js}): after a refusal with
 * {@code retryAfterMs}, that long plus 0–50 % at random; otherwise first after 0.5–1.5 s, then twice as long
 * each time with the same jitter, at most 2.5 s; once at the cap, evenly between 1.25 and 2.5 s.
 */
final class Backoff {
  private static final long FIRST_MS = 1_000;
  private static final long MOST_MS = 2_500;

  private Backoff() {
  }

  /**
   * @param failures failed attempts so far (1 after the first)
   * @param retryAfterMs what the server asked for, 0 when nothing
   */
  static long delayMs(int failures, long retryAfterMs) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (retryAfterMs > 0) {
      return retryAfterMs + (long) (retryAfterMs * 0.5 * random.nextDouble());
    }
    long grown = FIRST_MS << Math.min(20, Math.max(0, failures - 1));
    if (grown >= MOST_MS) {
      return Math.round(MOST_MS * (0.5 + 0.5 * random.nextDouble()));
    }
    return Math.min(MOST_MS, (long) (grown * (0.5 + random.nextDouble())));
  }
}

package townhall.domain;

/**
 * A token bucket's shape: up to {@code burst} actions at once, refilled at {@code perMinute}. A burst of 0 means no
 * limit.
 */
public record RateLimit(int burst, int perMinute) {
  public RateLimit {
    if (burst < 0 || perMinute < 0) {
      throw new IllegalArgumentException("A rate limit is not negative: " + burst + "/" + perMinute);
    }
  }

  public static RateLimit unlimited() {
    return new RateLimit(0, 0);
  }

  public boolean limits() {
    return burst > 0;
  }
}

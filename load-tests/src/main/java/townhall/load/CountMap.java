package townhall.load;

import java.util.Map;
import java.util.TreeMap;

/** Counts occurrences by name (error codes, close codes, anomalies); not thread-safe. */
public final class CountMap {
  private final Map<String, Long> counts = new TreeMap<>();

  /** Adds one to {@code name}. */
  public void increment(String name) {
    counts.merge(name, 1L, Long::sum);
  }

  /** The sum of all counts. */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A sorted copy of the counts. */
  public Map<String, Long> snapshot() {
    return new TreeMap<>(counts);
  }
}

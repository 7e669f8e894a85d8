package townhall.load;

import java.util.Map;

/**
 * Counts one group's connections: attempted, established (welcomed), failed (with why), dropped by the server, and
 * how many are open now.
 */
public final class ConnectionStats {
  private long attempted;
  private long established;
  private long failed;
  private long dropped;
  private long closed;
  private final CountMap failures = new CountMap();
  private final CountMap closeCodes = new CountMap();

  /** A connection attempt started. */
  public synchronized void attempted() {
    attempted++;
  }

  /** The welcome arrived. */
  public synchronized void established() {
    established++;
  }

  /** The attempt failed before the welcome. */
  public synchronized void failed(String reason) {
    failed++;
    failures.increment(reason == null ? "unknown" : reason.length() > 120 ? reason.substring(0, 120) : reason);
  }

  /** A welcomed socket closed, whoever closed it. */
  public synchronized void closed() {
    closed++;
  }

  /** Welcomed sockets not closed yet. */
  public synchronized long open() {
    return established - closed;
  }

  /** A welcomed socket was closed by the server (or the connection broke). */
  public synchronized void dropped(Short code) {
    dropped++;
    closeCodes.increment(code == null ? "none" : code.toString());
  }

  /** The numbers so far. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(attempted, established, failed, dropped, failures.snapshot(), closeCodes.snapshot());
  }

  /**
   * Connection numbers.
   *
   * @param closeCodes close codes of the sockets the server closed, by code ({@code none}: no close frame)
   */
  public record Snapshot(long attempted, long established, long failed, long dropped, Map<String, Long> failures,
      Map<String, Long> closeCodes) {
  }
}

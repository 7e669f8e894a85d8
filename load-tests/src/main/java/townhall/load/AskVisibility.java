package townhall.load;

import java.util.Arrays;
import java.util.BitSet;
import org.HdrHistogram.Histogram;

/**
 * When each question asked during the measurement reached each client of one group (its first {@code question}
 * event there), from the ask's intended send time. The ask is recognised by the marker in its text
 * ({@link QuestionTexts}), so a process measures the asks of every process, not only its own; the asker itself is
 * not counted. In a pre-moderated session residents see a question once a moderator approved it, so the time
 * includes the approval. Not thread-safe.
 */
public final class AskVisibility {
  private final long asks;
  private final int clients;
  private final int[] asker;
  private final BitSet[] seenBy;
  private final long[] slowest;
  private final Histogram visible;
  private final CountMap anomalies;
  private Schedule schedule;
  private long deliveries;

  /**
   * @param asks how many asks the whole run schedules
   * @param clients how many clients of the group watch
   * @param visible receives ask to seen latencies, one per (ask, client other than its asker)
   */
  public AskVisibility(long asks, int clients, Histogram visible, CountMap anomalies) {
    this.asks = asks;
    this.clients = clients;
    this.asker = new int[Math.toIntExact(asks)];
    Arrays.fill(asker, -1);
    this.seenBy = new BitSet[asker.length];
    this.slowest = new long[asker.length];
    this.visible = visible;
    this.anomalies = anomalies;
  }

  /** The global ask schedule, known once t0 is. */
  public void schedule(Schedule asks) {
    this.schedule = asks;
  }

  /** Ask {@code j} was sent by this group's client {@code client} (so that client is not waited for). */
  public void onSent(long j, int client) {
    asker[(int) j] = client;
  }

  /** A client got a {@code question} event for the scheduled ask {@code j}. */
  public void onQuestionEvent(int client, long j, long nowNanos) {
    if (j < 0 || j >= asks || schedule == null) {
      anomalies.increment("question event for an ask the schedule does not hold");
      return;
    }
    int i = (int) j;
    if (asker[i] == client) {
      return;
    }
    if (seenBy[i] == null) {
      seenBy[i] = new BitSet(clients);
    }
    if (seenBy[i].get(client)) {
      return;
    }
    seenBy[i].set(client);
    long intended = schedule.intendedNanos(j);
    Latency.record(visible, intended, nowNanos);
    slowest[i] = Math.max(slowest[i], Math.max(0, nowNanos - intended));
    deliveries++;
  }

  /** (ask, client) pairs seen. */
  public long deliveries() {
    return deliveries;
  }

  /**
   * How many (ask, client) pairs there are to see among {@code clients} connected clients: every client but the
   * asker, for every scheduled ask.
   */
  public long expectedDeliveries(int clients) {
    long expected = 0;
    for (int a : asker) {
      expected += a >= 0 ? clients - 1 : clients;
    }
    return expected;
  }

  /**
   * Ends the measurement: per scheduled ask, the latency (µs) until the last client of the group (its asker
   * aside) saw it, or {@link VoteVisibility#NOT_SEEN_BY_ALL}.
   *
   * @param clients how many clients of the group were connected
   */
  public int[] slowestMicros(int clients) {
    int[] result = new int[asker.length];
    for (int i = 0; i < asker.length; i++) {
      int expected = asker[i] >= 0 ? clients - 1 : clients;
      int seen = seenBy[i] == null ? 0 : seenBy[i].cardinality();
      result[i] = seen >= expected ? (int) Math.min(Integer.MAX_VALUE, slowest[i] / 1_000)
          : VoteVisibility.NOT_SEEN_BY_ALL;
    }
    return result;
  }
}

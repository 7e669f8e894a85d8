package townhall.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * When each upvote became visible at each client, without a per-client record of every vote.
 *
 * <p>Counts only grow in this load (every vote is a distinct upvote), so the vote whose ack said "count k on
 * question q" is visible at a client once that client has seen a count of at least k for q. Per question it keeps
 * {@code sendTimeByCount[k]}, the intended send time of the vote acked with k, and per client the last count it saw
 * per question. When a client's count for q goes from a to b, each j in (a, b] is delivered now; a j whose ack has
 * not arrived yet waits in a small pending list (arrival times) that its ack resolves. Not thread-safe.
 */
public final class VoteVisibility {
  private static final long UNKNOWN = Long.MIN_VALUE;

  private final int maxCount;
  private final long[][] sendTimeByCount;
  private final int[][] seenBy;
  private final long[][] slowest;
  private final int[][] lastSeen;
  private final int[][] lastBroadcast;
  private final Map<Long, List<Long>> pending = new HashMap<>();
  private final Histogram visible;
  private final CountMap anomalies;
  private final CountMap notes;

  /**
   * @param questions how many questions are voted on
   * @param clients how many clients watch (client numbers are 0 to clients - 1)
   * @param visible receives one value per (vote, client): intended send time to seen at that client
   * @param anomalies where server behaviour that contradicts the protocol is counted
   * @param notes where allowed but noteworthy server behaviour is counted
   */
  public VoteVisibility(int questions, int clients, Histogram visible, CountMap anomalies, CountMap notes) {
    this.maxCount = clients;
    this.sendTimeByCount = new long[questions][clients + 1];
    this.seenBy = new int[questions][clients + 1];
    this.slowest = new long[questions][clients + 1];
    this.lastSeen = new int[clients][questions];
    this.lastBroadcast = new int[clients][questions];
    for (long[] times : sendTimeByCount) {
      java.util.Arrays.fill(times, UNKNOWN);
    }
    this.visible = visible;
    this.anomalies = anomalies;
    this.notes = notes;
  }

  /** The count a client starts from (from its welcome). */
  public void initialCount(int client, int question, int count) {
    lastSeen[client][question] = count;
    lastBroadcast[client][question] = count;
  }

  /**
   * The ack of a vote said {@code count}: from now on that count stands for this vote; the voter has seen it.
   *
   * @param intendedNanos the vote's intended send time
   */
  public void onAck(int voter, int question, int count, long intendedNanos, long nowNanos) {
    if (count < 1 || count > maxCount) {
      anomalies.increment("vote ack count out of range");
      return;
    }
    if (sendTimeByCount[question][count] != UNKNOWN) {
      anomalies.increment("two vote acks with the same count");
    } else {
      sendTimeByCount[question][count] = intendedNanos;
      List<Long> waiting = pending.remove(key(question, count));
      if (waiting != null) {
        for (long seenAt : waiting) {
          deliver(question, count, seenAt);
        }
      }
    }
    advance(voter, question, count, nowNanos);
  }

  /**
   * A client saw {@code count} for a question in a {@code votes} frame. A count lower than an earlier
   * {@code votes} frame's is an anomaly; one lower only than the client's own vote ack (a broadcast that was
   * under way when the ack overtook it) is counted as a note.
   */
  public void onVotesFrame(int client, int question, int count, long nowNanos) {
    if (count < lastBroadcast[client][question]) {
      anomalies.increment("votes frame count lower than an earlier votes frame at the same client");
      return;
    }
    lastBroadcast[client][question] = count;
    if (count < lastSeen[client][question]) {
      notes.increment("votes frame count lower than the client's own newer vote ack");
      return;
    }
    advance(client, question, count, nowNanos);
  }

  /** The client now knows {@code count}: every count in (last seen, count] becomes visible to it. */
  private void advance(int client, int question, int count, long nowNanos) {
    int before = lastSeen[client][question];
    if (count <= before) {
      return;
    }
    for (int j = before + 1; j <= Math.min(count, maxCount); j++) {
      if (sendTimeByCount[question][j] != UNKNOWN) {
        deliver(question, j, nowNanos);
      } else {
        pending.computeIfAbsent(key(question, j), k -> new ArrayList<>(4)).add(nowNanos);
      }
    }
    if (count > maxCount) {
      anomalies.increment("vote count above the number of residents");
    }
    lastSeen[client][question] = count;
  }

  private void deliver(int question, int count, long seenAtNanos) {
    long latency = seenAtNanos - sendTimeByCount[question][count];
    Latency.record(visible, sendTimeByCount[question][count], seenAtNanos);
    seenBy[question][count]++;
    slowest[question][count] = Math.max(slowest[question][count], latency);
  }

  private long key(int question, int count) {
    return (long) question * (maxCount + 1) + count;
  }

  /**
   * Ends the measurement: records, for every acked vote seen by all {@code expectedClients}, the latency until the
   * last of them saw it.
   */
  public Result finish(int expectedClients, Histogram allVisible) {
    long acked = 0;
    long deliveries = 0;
    long seenByAll = 0;
    for (int q = 0; q < sendTimeByCount.length; q++) {
      for (int k = 1; k <= maxCount; k++) {
        if (sendTimeByCount[q][k] == UNKNOWN) {
          continue;
        }
        acked++;
        deliveries += seenBy[q][k];
        if (seenBy[q][k] >= expectedClients) {
          seenByAll++;
          allVisible.recordValue(Math.max(0, slowest[q][k] / 1_000));
        }
      }
    }
    long unexplained = pending.values().stream().mapToLong(List::size).sum();
    return new Result(acked, deliveries, seenByAll, acked - seenByAll, unexplained);
  }

  /**
   * What {@link #finish} found.
   *
   * @param ackedCounts distinct (question, count) pairs acked
   * @param deliveries (vote, client) pairs seen
   * @param votesSeenByAll acked votes every client saw
   * @param votesNotSeenByAll acked votes some client never saw
   * @param unexplainedSightings counts seen at a client that no ack ever explained
   */
  public record Result(long ackedCounts, long deliveries, long votesSeenByAll, long votesNotSeenByAll,
      long unexplainedSightings) {
  }
}

package townhall.load;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * When each question asked during the measurement reached each other client (its first {@code question} event
 * there), from the ask's intended send time. A {@code question} event may come before the asker's ack that names
 * the id; it then waits until the ack arrives. Not thread-safe.
 */
public final class AskVisibility {
  private final long[] intended;
  private final int[] asker;
  private final boolean[] acked;
  private final BitSet[] seenBy;
  private final Map<String, Integer> askById = new HashMap<>();
  private final Map<String, List<long[]>> pending = new HashMap<>();
  private final Set<String> ignored = new HashSet<>();
  private final Histogram ack;
  private final Histogram visible;

  /**
   * @param planned how many asks the measurement sends
   * @param ack receives ask to ack latencies
   * @param visible receives ask to seen latencies, one per other client
   */
  public AskVisibility(int planned, Histogram ack, Histogram visible) {
    this.intended = new long[planned];
    this.asker = new int[planned];
    this.acked = new boolean[planned];
    this.seenBy = new BitSet[planned];
    this.ack = ack;
    this.visible = visible;
  }

  /** Question ids that are not part of the measurement (the seeded ones); their events are ignored. */
  public void ignore(List<String> questionIds) {
    ignored.addAll(questionIds);
  }

  /** Ask {@code i} was sent by {@code client}, due at {@code intendedNanos}. */
  public void onSent(int i, int client, long intendedNanos) {
    intended[i] = intendedNanos;
    asker[i] = client;
    seenBy[i] = new BitSet();
  }

  /** Ask {@code i} was acked with the id of the new question. */
  public void onAck(int i, String questionId, long nowNanos) {
    if (acked[i]) {
      return;
    }
    acked[i] = true;
    Latency.record(ack, intended[i], nowNanos);
    askById.put(questionId, i);
    List<long[]> waiting = pending.remove(questionId);
    if (waiting != null) {
      for (long[] sighting : waiting) {
        deliver(i, (int) sighting[0], sighting[1]);
      }
    }
  }

  /** A client got a {@code question} event for {@code questionId}. */
  public void onQuestionEvent(int client, String questionId, long nowNanos) {
    if (ignored.contains(questionId)) {
      return;
    }
    Integer i = askById.get(questionId);
    if (i == null) {
      pending.computeIfAbsent(questionId, id -> new ArrayList<>()).add(new long[] {client, nowNanos});
    } else {
      deliver(i, client, nowNanos);
    }
  }

  private void deliver(int i, int client, long seenAtNanos) {
    if (client == asker[i] || seenBy[i].get(client)) {
      return;
    }
    seenBy[i].set(client);
    Latency.record(visible, intended[i], seenAtNanos);
  }

  /** Ends the measurement: how many acked asks reached all {@code expectedOthers} other clients. */
  public Result finish(int expectedOthers) {
    long ackedAsks = 0;
    long seenByAll = 0;
    long deliveries = 0;
    for (int i = 0; i < acked.length; i++) {
      if (!acked[i]) {
        continue;
      }
      ackedAsks++;
      int seen = seenBy[i].cardinality();
      deliveries += seen;
      if (seen >= expectedOthers) {
        seenByAll++;
      }
    }
    long unexplained = pending.values().stream().mapToLong(List::size).sum();
    return new Result(ackedAsks, deliveries, seenByAll, ackedAsks - seenByAll, unexplained);
  }

  /**
   * What {@link #finish} found.
   *
   * @param acked asks acked
   * @param deliveries (ask, other client) pairs seen
   * @param seenByAll asks every other client saw
   * @param notSeenByAll asks some other client never saw
   * @param unexplainedEvents question events for ids no ack of ours named
   */
  public record Result(long acked, long deliveries, long seenByAll, long notSeenByAll, long unexplainedEvents) {
  }
}

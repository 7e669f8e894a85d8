package townhall.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * When each upvote of the run became visible at each client of one group, without the voter's ack: the schedule
 * alone says which vote a count stands for.
 *
 * <p>Every process knows the global schedule: vote {@code i} goes to question {@code i mod Q} and is due at
 * {@code t0 + i/R}. Counts only grow in this load (every vote is a distinct upvote on a fresh question), so when
 * a client sees count {@code k} on question {@code q}, the k-th vote on q is visible there; it is taken to be the
 * k-th in schedule order, vote {@code q + (k-1)Q}, whose intended send time every process can compute, whichever
 * process sent it. That is exact when the server applies the votes on one question in the order they were due
 * (they are Q/R seconds apart) and off by at most that reordering otherwise. A vote that was never applied (not
 * sent, refused) shifts the later ones and leaves the last count of its question unseen, which the run reports.
 *
 * <p>Per client it keeps the last count seen per question; when it goes from a to b, the votes for counts
 * (a, b] are delivered now. Per vote it keeps how many clients saw it and the slowest of them. Not thread-safe.
 */
public final class VoteVisibility {
  /** In {@link #slowestMicros}: some client of this group never saw the vote. */
  public static final int NOT_SEEN_BY_ALL = -1;

  private final int questions;
  private final long votes;
  private final int[][] lastSeen;
  private final int[][] lastBroadcast;
  private final int[] seenBy;
  private final long[] slowest;
  private final Histogram visible;
  private final CountMap anomalies;
  private final CountMap notes;
  private Schedule schedule;
  private Histogram[] visibleBySecond = new Histogram[0];
  private long deliveries;

  /**
   * @param questions Q, how many questions are voted on
   * @param votes how many votes the whole run schedules
   * @param clients how many clients of the group watch (client numbers are 0 to clients - 1)
   * @param visible receives one value per (vote, client): intended send time to seen at that client
   * @param anomalies where server behaviour that contradicts the protocol is counted
   * @param notes where allowed but noteworthy server behaviour is counted
   */
  public VoteVisibility(int questions, long votes, int clients, Histogram visible, CountMap anomalies,
      CountMap notes) {
    this.questions = questions;
    this.votes = votes;
    this.lastSeen = new int[clients][questions];
    this.lastBroadcast = new int[clients][questions];
    this.seenBy = new int[Math.toIntExact(votes)];
    this.slowest = new long[Math.toIntExact(votes)];
    this.visible = visible;
    this.anomalies = anomalies;
    this.notes = notes;
  }

  /** The global vote schedule, known once t0 is. Counts seen before it are anomalies. */
  public void schedule(Schedule voteSchedule) {
    this.schedule = voteSchedule;
    long span = voteSchedule.intendedNanos(Math.max(0, votes - 1)) - voteSchedule.intendedNanos(0);
    this.visibleBySecond = new Histogram[(int) (span / 1_000_000_000L) + 1];
  }

  /** How many votes of the schedule go to question {@code q}: those {@code i < N} with {@code i mod Q = q}. */
  public long votesOn(int q) {
    return votes <= q ? 0 : (votes - q + questions - 1) / questions;
  }

  /** The count a client starts from (its welcome): counts up to it are visible now. */
  public void initialCount(int client, int question, int count, long nowNanos) {
    lastBroadcast[client][question] = Math.max(lastBroadcast[client][question], count);
    advance(client, question, count, nowNanos);
  }

  /** The voter's ack said {@code count}: the voter has seen it. */
  public void onAck(int voter, int question, int count, long nowNanos) {
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
    if (schedule == null) {
      anomalies.increment("vote count above 0 before the measurement started");
      lastSeen[client][question] = count;
      return;
    }
    long scheduled = votesOn(question);
    for (long k = before + 1; k <= Math.min(count, scheduled); k++) {
      deliver(question + (k - 1) * questions, nowNanos);
    }
    if (count > scheduled) {
      anomalies.increment("vote count above the votes the schedule holds for the question");
    }
    lastSeen[client][question] = count;
  }

  private void deliver(long vote, long seenAtNanos) {
    int i = (int) vote;
    long intended = schedule.intendedNanos(vote);
    long latency = Math.max(0, seenAtNanos - intended);
    Latency.record(visible, intended, seenAtNanos);
    int second = (int) ((intended - schedule.intendedNanos(0)) / 1_000_000_000L);
    Histogram ofSecond = visibleBySecond[second];
    if (ofSecond == null) {
      ofSecond = Latency.histogram();
      visibleBySecond[second] = ofSecond;
    }
    Latency.record(ofSecond, intended, seenAtNanos);
    deliveries++;
    seenBy[i]++;
    slowest[i] = Math.max(slowest[i], latency);
  }

  /**
   * Ends the measurement: per scheduled vote, the latency (µs) until the last of {@code expectedClients} saw it,
   * or {@link #NOT_SEEN_BY_ALL}.
   */
  public int[] slowestMicros(int expectedClients) {
    int[] result = new int[seenBy.length];
    Arrays.fill(result, NOT_SEEN_BY_ALL);
    for (int i = 0; i < seenBy.length; i++) {
      if (seenBy[i] >= expectedClients) {
        result[i] = (int) Math.min(Integer.MAX_VALUE, slowest[i] / 1_000);
      }
    }
    return result;
  }

  /** (vote, client) pairs seen. */
  public long deliveries() {
    return deliveries;
  }

  /** The visibility latencies by the second (since t0) the vote was due in. */
  public Map<Long, Histogram> visibleBySecond() {
    Map<Long, Histogram> bySecond = new TreeMap<>();
    for (int second = 0; second < visibleBySecond.length; second++) {
      if (visibleBySecond[second] != null) {
        bySecond.put((long) second, visibleBySecond[second]);
      }
    }
    return bySecond;
  }
}

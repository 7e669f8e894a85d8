package townhall.load;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
 * (a, b] are delivered now. Per vote it keeps how many clients saw it and the slowest of them, and per second of
 * intended send a histogram of the latencies (the whole run's histogram is their sum).
 *
 * <p>One instance holds the clients of the group that live on one event loop ({@link LoopMeasurements}) and is
 * only used from that loop, without a lock; the instances of the loops are combined at the end
 * ({@link #addTo}, {@link #slowestMicros(List, long, int)}). Not thread-safe.
 */
public final class VoteVisibility {
  /** In {@link #slowestMicros}: some client of this group never saw the vote. */
  public static final int NOT_SEEN_BY_ALL = -1;

  private final int questions;
  private final long votes;
  private final int[][] lastCounts;
  private final Supplier<Schedule> schedules;
  private final CountMap anomalies;
  private final CountMap notes;
  private Schedule schedule;
  private long firstIntended;
  private int[] seenBy;
  private long[] slowest;
  private Histogram[] visibleBySecond;
  private long deliveries;

  /**
   * @param questions Q, how many questions are voted on
   * @param votes how many votes the whole run schedules
   * @param clients how many clients the group may have (client numbers are 0 to clients - 1)
   * @param schedules the global vote schedule, {@code null} until t0 is known (counts seen before it are
   *     anomalies); read until it is known, then kept
   * @param anomalies where server behaviour that contradicts the protocol is counted
   * @param notes where allowed but noteworthy server behaviour is counted
   */
  public VoteVisibility(int questions, long votes, int clients, Supplier<Schedule> schedules, CountMap anomalies,
      CountMap notes) {
    this.questions = questions;
    this.votes = votes;
    this.lastCounts = new int[clients][];
    this.schedules = schedules;
    this.anomalies = anomalies;
    this.notes = notes;
  }

  /** How many votes of the schedule go to question {@code q}: those {@code i < N} with {@code i mod Q = q}. */
  public long votesOn(int q) {
    return votes <= q ? 0 : (votes - q + questions - 1) / questions;
  }

  /** The count a client starts from (its welcome): counts up to it are visible now. */
  public void initialCount(int client, int question, int count, long nowNanos) {
    int[] last = row(client);
    last[questions + question] = Math.max(last[questions + question], count);
    advance(last, question, count, nowNanos);
  }

  /** The voter's ack said {@code count}: the voter has seen it. */
  public void onAck(int voter, int question, int count, long nowNanos) {
    advance(row(voter), question, count, nowNanos);
  }

  /**
   * A client saw {@code count} for a question in a {@code votes} frame. A count lower than an earlier
   * {@code votes} frame's is an anomaly; one lower only than the client's own vote ack (a broadcast that was
   * under way when the ack overtook it) is counted as a note.
   */
  public void onVotesFrame(int client, int question, int count, long nowNanos) {
    int[] last = row(client);
    if (count < last[questions + question]) {
      anomalies.increment("votes frame count lower than an earlier votes frame at the same client");
      return;
    }
    last[questions + question] = count;
    if (count < last[question]) {
      notes.increment("votes frame count lower than the client's own newer vote ack");
      return;
    }
    advance(last, question, count, nowNanos);
  }

  /**
   * A client's last counts: per question the last count it knows ({@code [0, Q)}) and the last a {@code votes}
   * frame gave it ({@code [Q, 2Q)}). Made by the loop that uses it, so rows of clients of different loops do not
   * share cache lines.
   */
  private int[] row(int client) {
    int[] row = lastCounts[client];
    if (row == null) {
      row = new int[2 * questions];
      lastCounts[client] = row;
    }
    return row;
  }

  /** The client now knows {@code count}: every count in (last seen, count] becomes visible to it. */
  private void advance(int[] last, int question, int count, long nowNanos) {
    int before = last[question];
    if (count <= before) {
      return;
    }
    if (schedule == null && !scheduleKnown()) {
      anomalies.increment("vote count above 0 before the measurement started");
      last[question] = count;
      return;
    }
    long scheduled = votesOn(question);
    for (long k = before + 1; k <= Math.min(count, scheduled); k++) {
      deliver((int) (question + (k - 1) * questions), nowNanos);
    }
    if (count > scheduled) {
      anomalies.increment("vote count above the votes the schedule holds for the question");
    }
    last[question] = count;
  }

  private boolean scheduleKnown() {
    Schedule known = schedules.get();
    if (known == null) {
      return false;
    }
    schedule = known;
    firstIntended = known.intendedNanos(0);
    long span = known.intendedNanos(Math.max(0, votes - 1)) - firstIntended;
    visibleBySecond = new Histogram[(int) (span / 1_000_000_000L) + 1];
    seenBy = new int[Math.toIntExact(votes)];
    slowest = new long[seenBy.length];
    return true;
  }

  private void deliver(int vote, long seenAtNanos) {
    long intended = schedule.intendedNanos(vote);
    int second = (int) ((intended - firstIntended) / 1_000_000_000L);
    Histogram ofSecond = visibleBySecond[second];
    if (ofSecond == null) {
      ofSecond = Latency.histogram();
      visibleBySecond[second] = ofSecond;
    }
    Latency.record(ofSecond, intended, seenAtNanos);
    deliveries++;
    seenBy[vote]++;
    slowest[vote] = Math.max(slowest[vote], seenAtNanos - intended);
  }

  /**
   * Adds this part's deliveries and latencies to the result: {@code <group>.votes.deliveries}, the histogram
   * {@code <group>.voteVisible} and its per-second histograms.
   */
  public void addTo(MeasurementResult result, ClientGroup group) {
    result.count(group.name("votes.deliveries"), deliveries);
    if (visibleBySecond == null) {
      return;
    }
    for (int second = 0; second < visibleBySecond.length; second++) {
      Histogram ofSecond = visibleBySecond[second];
      if (ofSecond != null) {
        result.histogram(group.name("voteVisible"), ofSecond)
            .bySecond(group.name("voteVisible"), Map.of((long) second, ofSecond));
      }
    }
  }

  /**
   * Ends the measurement of a group: per scheduled vote, the latency (µs) until the last of
   * {@code expectedClients} (over all the parts) saw it, or {@link #NOT_SEEN_BY_ALL}.
   *
   * @param parts the group's parts, one per event loop
   * @param votes how many votes the whole run schedules
   */
  public static int[] slowestMicros(List<VoteVisibility> parts, long votes, int expectedClients) {
    int length = Math.toIntExact(votes);
    int[] seen = new int[length];
    long[] slowest = new long[length];
    for (VoteVisibility part : parts) {
      if (part.seenBy == null) {
        continue;
      }
      for (int i = 0; i < length; i++) {
        seen[i] += part.seenBy[i];
        slowest[i] = Math.max(slowest[i], part.slowest[i]);
      }
    }
    int[] result = new int[length];
    Arrays.fill(result, NOT_SEEN_BY_ALL);
    for (int i = 0; i < length; i++) {
      if (seen[i] >= expectedClients) {
        result[i] = (int) Math.min(Integer.MAX_VALUE, slowest[i] / 1_000);
      }
    }
    return result;
  }
}

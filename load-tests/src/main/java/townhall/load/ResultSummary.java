package townhall.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The numbers a reader wants, derived from a (possibly merged) {@link MeasurementResult}: per client group the
 * votes and asks every client saw, the latency until the last client saw each one, frames per client per second;
 * and what went wrong.
 */
public final class ResultSummary {
  private final RunInfo run;
  private final MeasurementResult data;
  private final Map<ClientGroup, Group> groups = new EnumMap<>(ClientGroup.class);

  /** Summarises {@code data} of {@code run}. */
  public ResultSummary(RunInfo run, MeasurementResult data) {
    this.run = run;
    this.data = data;
    for (ClientGroup group : ClientGroup.values()) {
      groups.put(group, summarise(group));
    }
  }

  private Group summarise(ClientGroup group) {
    long clients = data.counter(group.name("clients"));
    Histogram voteLast = Latency.histogram();
    Histogram askLast = Latency.histogram();
    long[] votes = seen(data.slowest(group.name("vote")), voteLast);
    long[] asks = seen(data.slowest(group.name("ask")), askLast);
    double framesPerClient = clients == 0 ? 0
        : data.counter(group.name("frames.window")) / run.durationSeconds() / clients;
    return new Group(clients, data.counter(group.name("votes.deliveries")),
        data.counter(group.name("votes.expectedDeliveries")), votes[0], votes[1], voteLast,
        data.counter(group.name("asks.deliveries")), data.counter(group.name("asks.expectedDeliveries")),
        asks[0], asks[1], askLast, framesPerClient);
  }

  /** Counts seen / not seen by every client and records the seen ones' slowest latency. */
  private static long[] seen(int[] slowest, Histogram into) {
    long seen = 0;
    long missed = 0;
    if (slowest != null) {
      for (int micros : slowest) {
        if (micros < 0) {
          missed++;
        } else {
          seen++;
          into.recordValue(micros);
        }
      }
    }
    return new long[] {seen, missed};
  }

  /** The run's facts. */
  public RunInfo run() {
    return run;
  }

  /** The numbers. */
  public MeasurementResult data() {
    return data;
  }

  /** One group's summary. */
  public Group group(ClientGroup group) {
    return groups.get(group);
  }

  /** Every client of every group, connected at the start of the measurement. */
  public long allClients() {
    return groups.values().stream().mapToLong(Group::clients).sum();
  }

  /** What went wrong, one line each; empty when the run is clean. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (ClientGroup group : ClientGroup.values()) {
      long failed = data.counter(group.name("connections.failed"));
      long dropped = data.counter(group.name("connections.dropped"));
      if (failed > 0) {
        problems.add(failed + " " + group.key() + " connection(s) failed");
      }
      if (dropped > 0) {
        problems.add(dropped + " " + group.key() + " connection(s) closed by the server");
      }
      Group g = groups.get(group);
      if (g.votesNotSeenByAll() > 0) {
        problems.add(g.votesNotSeenByAll() + " vote(s) not seen by every client (" + group.key() + ")");
      }
      if (g.asksNotSeenByAll() > 0) {
        problems.add(g.asksNotSeenByAll() + " ask(s) not seen by every client (" + group.key() + ")");
      }
    }
    long errors = total(data.counts("errors"));
    if (errors > 0) {
      problems.add(errors + " error frame(s) " + data.counts("errors"));
    }
    long notSent = total(data.counts("notSent"));
    if (notSent > 0) {
      problems.add(notSent + " due action(s) not sent");
    }
    long votesSent = data.counter("votes.sent");
    if (data.counter("votes.acked") < votesSent) {
      problems.add((votesSent - data.counter("votes.acked")) + " vote(s) not acked");
    }
    long asksSent = data.counter("asks.sent");
    if (data.counter("asks.acked") < asksSent) {
      problems.add((asksSent - data.counter("asks.acked")) + " ask(s) not acked");
    }
    if (data.counter("approvals.acked") < data.counter("approvals.sent")) {
      problems.add((data.counter("approvals.sent") - data.counter("approvals.acked")) + " approval(s) not acked");
    }
    if (!data.counts("anomalies").isEmpty()) {
      problems.add("protocol anomalies: " + data.counts("anomalies"));
    }
    problems.addAll(new StormReport(data).problems());
    return problems;
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * One client group's numbers.
   *
   * @param clients connected when the measurement started
   * @param voteDeliveries (vote, client) pairs seen
   * @param voteExpected scheduled votes x clients
   * @param votesSeenByAll scheduled votes every client saw
   * @param votesNotSeenByAll scheduled votes some client never saw
   * @param voteLastClient latency until the last client saw each vote (µs)
   * @param askDeliveries (ask, client other than its asker) pairs seen
   * @param askExpected pairs to see
   * @param asksSeenByAll scheduled asks every client saw
   * @param asksNotSeenByAll scheduled asks some client never saw
   * @param askLastClient latency until the last client saw each ask (µs)
   * @param framesPerSecondPerClient frames received in the window / duration / clients
   */
  public record Group(long clients, long voteDeliveries, long voteExpected, long votesSeenByAll,
      long votesNotSeenByAll, Histogram voteLastClient, long askDeliveries, long askExpected, long asksSeenByAll,
      long asksNotSeenByAll, Histogram askLastClient, double framesPerSecondPerClient) {
  }
}

package townhall.load;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One client group's numbers: its connections, how many clients it had when the measurement started, and when
 * each ask of the run became visible to them, guarded by the {@link Measurements} lock; and, at the end, the
 * frame counts and vote visibility its clients recorded on each event loop ({@link LoopMeasurements}), added up.
 */
public final class GroupMeasurements {
  private final ClientGroup group;
  private final ConnectionStats connections = new ConnectionStats();
  private final Histogram askVisible = Latency.histogram();
  private final AskVisibility asks;
  private final long scheduledVotes;
  private int clients;

  /**
   * @param group which clients
   * @param capacity how many clients the group may have (client numbers are 0 to capacity - 1)
   * @param scheduledVotes votes of the whole run
   * @param scheduledAsks asks of the whole run
   */
  public GroupMeasurements(ClientGroup group, int capacity, long scheduledVotes, long scheduledAsks,
      CountMap anomalies) {
    this.group = group;
    this.scheduledVotes = scheduledVotes;
    this.asks = new AskVisibility(scheduledAsks, capacity, askVisible, anomalies);
  }

  /** The group's connection counters (they have their own lock). */
  public ConnectionStats connections() {
    return connections;
  }

  /** The ask visibility tracker. */
  public AskVisibility asks() {
    return asks;
  }

  /** How many clients of the group were connected when the measurement started. */
  public void clients(int connected) {
    clients = connected;
  }

  /**
   * Adds the group's numbers to the result, named {@code <group>.<what>}.
   *
   * @param loops the per-loop measurements, handed over (nothing records there any more)
   */
  public void addTo(MeasurementResult result, List<LoopMeasurements> loops) {
    ConnectionStats.Snapshot c = connections.snapshot();
    result.count(group.name("clients"), clients)
        .count(group.name("connections.attempted"), c.attempted())
        .count(group.name("connections.established"), c.established())
        .count(group.name("connections.failed"), c.failed())
        .count(group.name("connections.dropped"), c.dropped())
        .counts(group.name("closeCodes"), c.closeCodes())
        .counts(group.name("connectFailures"), c.failures())
        .count(group.name("frames.total"), 0)
        .count(group.name("frames.window"), 0)
        .counts(group.name("frameTypes"), Map.of())
        .series(group.name("frames"), Map.of());
    loops.forEach(loop -> loop.frames(group).addTo(result, group));
    if (clients == 0) {
      return;
    }
    List<VoteVisibility> votes = loops.stream().map(loop -> loop.votes(group)).toList();
    result.count(group.name("votes.deliveries"), 0)
        .count(group.name("votes.expectedDeliveries"), scheduledVotes * clients)
        .histogram(group.name("voteVisible"), Latency.histogram())
        .bySecond(group.name("voteVisible"), Map.of());
    votes.forEach(part -> part.addTo(result, group));
    result.slowest(group.name("vote"), VoteVisibility.slowestMicros(votes, scheduledVotes, clients))
        .count(group.name("asks.deliveries"), asks.deliveries())
        .count(group.name("asks.expectedDeliveries"), asks.expectedDeliveries(clients))
        .histogram(group.name("askVisible"), askVisible)
        .slowest(group.name("ask"), asks.slowestMicros(clients));
  }
}

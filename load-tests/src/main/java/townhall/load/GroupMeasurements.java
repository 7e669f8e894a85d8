package townhall.load;

import org.HdrHistogram.Histogram;

/**
 * What is measured for one {@link ClientGroup}: its connections, the frames its clients received (in all, in the
 * measurement window, per second, by type), and when each vote and each ask of the run became visible to them.
 * Guarded by the {@link Measurements} lock.
 */
public final class GroupMeasurements {
  private final ClientGroup group;
  private final ConnectionStats connections = new ConnectionStats();
  private final Histogram voteVisible = Latency.histogram();
  private final Histogram askVisible = Latency.histogram();
  private final CountMap frameTypes = new CountMap();
  private final VoteVisibility votes;
  private final AskVisibility asks;
  private final PerSecond frames;
  private final long scheduledVotes;
  private long framesTotal;
  private long framesInWindow;
  private int clients;

  /**
   * @param group which clients
   * @param capacity how many clients the group may have (client numbers are 0 to capacity - 1)
   * @param questions Q, the seeded questions
   * @param scheduledVotes votes of the whole run
   * @param scheduledAsks asks of the whole run
   * @param originEpochMs when the run started (the per-second counts start there)
   */
  public GroupMeasurements(ClientGroup group, int capacity, int questions, long scheduledVotes, long scheduledAsks,
      CountMap anomalies, CountMap notes, long originEpochMs) {
    this.group = group;
    this.scheduledVotes = scheduledVotes;
    this.votes = new VoteVisibility(questions, scheduledVotes, capacity, voteVisible, anomalies, notes);
    this.asks = new AskVisibility(scheduledAsks, capacity, askVisible, anomalies);
    this.frames = new PerSecond(originEpochMs);
  }

  /** The group's connection counters (they have their own lock). */
  public ConnectionStats connections() {
    return connections;
  }

  /** The vote visibility tracker. */
  public VoteVisibility votes() {
    return votes;
  }

  /** The ask visibility tracker. */
  public AskVisibility asks() {
    return asks;
  }

  /** A frame of this type arrived at {@code epochMs}; {@code inWindow}: during the measurement. */
  public void frame(String type, boolean inWindow, long epochMs) {
    framesTotal++;
    framesInWindow += inWindow ? 1 : 0;
    frameTypes.increment(type);
    frames.add(epochMs, 1);
  }

  /** A frame that was not JSON arrived. */
  public void unparsable(boolean inWindow, long epochMs) {
    frame("(not JSON)", inWindow, epochMs);
  }

  /** The run's schedules are known (t0 is fixed). */
  public void schedule(Schedule voteSchedule, Schedule askSchedule) {
    votes.schedule(voteSchedule);
    asks.schedule(askSchedule);
  }

  /** How many clients of the group were connected when the measurement started. */
  public void clients(int connected) {
    clients = connected;
  }

  /** Adds the group's numbers to the result, named {@code <group>.<what>}. */
  public void addTo(MeasurementResult result) {
    ConnectionStats.Snapshot c = connections.snapshot();
    result.count(group.name("clients"), clients)
        .count(group.name("connections.attempted"), c.attempted())
        .count(group.name("connections.established"), c.established())
        .count(group.name("connections.failed"), c.failed())
        .count(group.name("connections.dropped"), c.dropped())
        .counts(group.name("closeCodes"), c.closeCodes())
        .counts(group.name("connectFailures"), c.failures())
        .count(group.name("frames.total"), framesTotal)
        .count(group.name("frames.window"), framesInWindow)
        .counts(group.name("frameTypes"), frameTypes.snapshot())
        .series(group.name("frames"), frames.snapshot());
    if (clients == 0) {
      return;
    }
    result.count(group.name("votes.deliveries"), votes.deliveries())
        .count(group.name("votes.expectedDeliveries"), scheduledVotes * clients)
        .histogram(group.name("voteVisible"), voteVisible)
        .bySecond(group.name("voteVisible"), votes.visibleBySecond())
        .slowest(group.name("vote"), votes.slowestMicros(clients))
        .count(group.name("asks.deliveries"), asks.deliveries())
        .count(group.name("asks.expectedDeliveries"), asks.expectedDeliveries(clients))
        .histogram(group.name("askVisible"), askVisible)
        .slowest(group.name("ask"), asks.slowestMicros(clients));
  }
}

package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * What the sockets of one event loop measure per frame, without a lock: for each client group its frame counts
 * and its share of the vote visibility, and the anomalies and notes found there. Only that loop's thread touches
 * it (each socket's handlers run on the context it was connected from) until {@link #handOver()}, which runs on
 * the loop itself; afterwards the loop records nothing more and another thread may read it all.
 */
final class LoopMeasurements {
  private final Context context;
  private final FrameCounts[] frames = new FrameCounts[ClientGroup.values().length];
  private final VoteVisibility[] votes = new VoteVisibility[ClientGroup.values().length];
  private final CountMap anomalies = new CountMap();
  private final CountMap notes = new CountMap();
  private boolean handedOver;
  private Thread owner;

  /**
   * @param context the event-loop context whose sockets record here
   * @param capacity per group (by ordinal), how many clients it may have
   * @param questions Q, the seeded questions
   * @param scheduledVotes votes of the whole run
   * @param voteSchedule the global vote schedule, {@code null} until t0 is known
   * @param originEpochMs when the run started (the per-second counts start there)
   */
  LoopMeasurements(Context context, int[] capacity, int questions, long scheduledVotes,
      Supplier<Schedule> voteSchedule, long originEpochMs) {
    this.context = context;
    for (ClientGroup group : ClientGroup.values()) {
      frames[group.ordinal()] = new FrameCounts(originEpochMs);
      votes[group.ordinal()] = new VoteVisibility(questions, scheduledVotes, capacity[group.ordinal()],
          voteSchedule, anomalies, notes);
    }
  }

  /**
   * Whether frames are still recorded (false once handed over). Called on the loop before each frame; checks,
   * when assertions are on, that it is always the same thread.
   */
  boolean recording() {
    assert confined() : "measurements of one event loop used from " + Thread.currentThread() + ", not " + owner;
    return !handedOver;
  }

  private boolean confined() {
    if (owner == null) {
      owner = Thread.currentThread();
    }
    return owner == Thread.currentThread();
  }

  /** A group's frame counts. */
  FrameCounts frames(ClientGroup group) {
    return frames[group.ordinal()];
  }

  /** A group's share of the vote visibility. */
  VoteVisibility votes(ClientGroup group) {
    return votes[group.ordinal()];
  }

  /** Where anomalies found on this loop are counted. */
  CountMap anomalies() {
    return anomalies;
  }

  /** Where notes found on this loop are counted. */
  CountMap notes() {
    return notes;
  }

  /**
   * Stops recording, on the loop: completes once the loop has recorded its last frame, after which everything
   * here may be read from the thread that waited for it.
   */
  Future<Void> handOver() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      handedOver = true;
      done.complete();
    });
    return done.future();
  }
}

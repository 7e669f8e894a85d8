package townhall.load;

import java.util.Map;

/**
 * The frames the clients of one group on one event loop received: in all, in the measurement window, per second
 * of arrival, and by type. {@code votes} frames, nearly all of them, are counted without a map lookup. Not
 * thread-safe: used by one event loop ({@link LoopMeasurements}), added up at the end.
 */
final class FrameCounts {
  private static final String VOTES = "votes";

  private final CountMap otherTypes = new CountMap();
  private final PerSecond perSecond;
  private long total;
  private long inWindow;
  private long votes;

  /** Counts per second from the second that holds {@code originEpochMs} on. */
  FrameCounts(long originEpochMs) {
    this.perSecond = new PerSecond(originEpochMs);
  }

  /** A frame of this type arrived at {@code epochMs}; {@code windowed}: during the measurement. */
  void frame(String type, boolean windowed, long epochMs) {
    if (VOTES.equals(type)) {
      votes++;
    } else {
      otherTypes.increment(type);
    }
    count(windowed, epochMs);
  }

  /** A {@code votes} frame arrived. */
  void votesFrame(boolean windowed, long epochMs) {
    votes++;
    count(windowed, epochMs);
  }

  private void count(boolean windowed, long epochMs) {
    total++;
    inWindow += windowed ? 1 : 0;
    perSecond.add(epochMs, 1);
  }

  /** Adds the counts to the result: {@code <group>.frames.total}, {@code .frames.window}, {@code .frameTypes}. */
  void addTo(MeasurementResult result, ClientGroup group) {
    Map<String, Long> types = otherTypes.snapshot();
    if (votes > 0) {
      types.put(VOTES, votes);
    }
    result.count(group.name("frames.total"), total)
        .count(group.name("frames.window"), inWindow)
        .counts(group.name("frameTypes"), types)
        .series(group.name("frames"), perSecond.snapshot());
  }
}

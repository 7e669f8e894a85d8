package townhall.load;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The listener of the sockets of one client group on one event loop: counts every frame and applies the
 * {@code votes} frames (nearly all of them, most read by the {@link VoteCounts} fast path) to that loop's
 * {@link LoopMeasurements}, without a lock; hands the rare frames (welcome, ack, error, question) to
 * {@link Measurements}, which takes its lock for them.
 */
final class MeasuringListener implements FrameListener {
  private final Measurements measurements;
  private final ClientGroup group;
  private final GroupMeasurements measured;
  private final LoopMeasurements loop;
  private final FrameCounts frames;
  private final VoteVisibility votes;

  /**
   * @param measured the group's shared numbers (connections, asks)
   * @param loop the measurements of the event loop the sockets run on
   */
  MeasuringListener(Measurements measurements, ClientGroup group, GroupMeasurements measured,
      LoopMeasurements loop) {
    this.measurements = measurements;
    this.group = group;
    this.measured = measured;
    this.loop = loop;
    this.frames = loop.frames(group);
    this.votes = loop.votes(group);
  }

  @Override
  public void onVotes(ResidentSocket socket, String text, VoteCounts counts, long nanos) {
    if (!loop.recording()) {
      return;
    }
    frames.votesFrame(measurements.inWindow(nanos), measurements.epochMillis(nanos));
    QuestionIndex seeded = measurements.seededIndex();
    int client = socket.index();
    for (int n = 0; n < counts.size(); n++) {
      int q = seeded.find(text, counts.keyStart(n), counts.keyEnd(n));
      if (q >= 0) {
        votes.onVotesFrame(client, q, counts.count(n), nanos);
      }
    }
  }

  @Override
  public void onFrame(ResidentSocket socket, JsonObject frame, long nanos) {
    if (!loop.recording()) {
      return;
    }
    String type = String.valueOf(frame.getValue("type"));
    frames.frame(type, measurements.inWindow(nanos), measurements.epochMillis(nanos));
    switch (type) {
      case "votes" -> onVotes(socket.index(), frame, nanos);
      case "welcome", "ack", "error", "question" ->
          measurements.onRareFrame(group, measured, loop, socket.index(), type, frame, nanos);
      default -> { }
    }
  }

  /** A {@code votes} frame the fast path left to the JSON parser. */
  private void onVotes(int client, JsonObject frame, long nanos) {
    JsonObject counts = frame.getValue("counts") instanceof JsonObject object ? object : null;
    if (counts == null) {
      loop.anomalies().increment("votes frame without counts");
      return;
    }
    QuestionIndex seeded = measurements.seededIndex();
    for (Map.Entry<String, Object> entry : counts) {
      int q = seeded.find(entry.getKey());
      if (q >= 0 && entry.getValue() instanceof Number count) {
        votes.onVotesFrame(client, q, count.intValue(), nanos);
      }
    }
  }

  @Override
  public void onUnparsable(ResidentSocket socket, String text) {
    if (!loop.recording()) {
      return;
    }
    long nanos = System.nanoTime();
    frames.frame("(not JSON)", measurements.inWindow(nanos), measurements.epochMillis(nanos));
    loop.anomalies().increment("frame that is not a JSON object");
  }

  @Override
  public void onClosed(ResidentSocket socket, Short code, boolean byUs) {
    if (socket.welcomed()) {
      measured.connections().closed();
      if (!byUs) {
        measured.connections().dropped(code);
      }
    }
  }
}

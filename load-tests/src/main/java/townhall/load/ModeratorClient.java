package townhall.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * What a moderator socket does besides being measured: in a pre-moderated run, the moderators of process 0
 * approve every {@code pending} question as soon as they see it (in their welcome or in a {@code question}
 * event). The questions are split among them by id, so no two moderators approve the same one (which would be
 * answered {@code conflict}). Frames are handed on to the measuring listener first. Runs on the socket's event
 * loop.
 */
public final class ModeratorClient implements FrameListener {
  private final FrameListener measuring;
  private final Measurements measurements;
  private final int number;
  private final int moderators;
  private final boolean approves;
  private final Set<String> approved = new HashSet<>();
  private ResidentSocket socket;

  /**
   * @param measuring the moderators' measuring listener
   * @param number this moderator's number in its process
   * @param moderators how many moderators the process has
   * @param approves whether this moderator approves pending questions (pre-moderated run, process 0)
   */
  public ModeratorClient(FrameListener measuring, Measurements measurements, int number, int moderators,
      boolean approves) {
    this.measuring = measuring;
    this.measurements = measurements;
    this.number = number;
    this.moderators = moderators;
    this.approves = approves;
  }

  /** The socket this moderator acts through (set before it connects). */
  public void use(ResidentSocket moderatorSocket) {
    this.socket = moderatorSocket;
  }

  @Override
  public void onFrame(ResidentSocket from, JsonObject frame, long nanos) {
    measuring.onFrame(from, frame, nanos);
    if (!approves) {
      return;
    }
    Object type = frame.getValue("type");
    if ("welcome".equals(type)) {
      JsonArray questions = frame.getJsonArray("questions", new JsonArray());
      for (int n = 0; n < questions.size(); n++) {
        consider(questions.getJsonObject(n));
      }
    } else if ("question".equals(type)) {
      consider(frame.getJsonObject("question"));
    }
  }

  private void consider(JsonObject question) {
    if (question == null || !"pending".equals(question.getString("status"))) {
      return;
    }
    String id = question.getString("id");
    if (id == null || Math.floorMod(id.hashCode(), moderators) != number || !approved.add(id)) {
      return;
    }
    measurements.approvalSent();
    socket.send(new JsonObject().put("type", "moderate").put("ref", "m-" + id).put("questionId", id)
        .put("action", "approve"));
  }

  @Override
  public void onVotes(ResidentSocket from, String text, VoteCounts counts, long nanos) {
    measuring.onVotes(from, text, counts, nanos);
  }

  @Override
  public void onUnparsable(ResidentSocket from, String text) {
    measuring.onUnparsable(from, text);
  }

  @Override
  public void onClosed(ResidentSocket from, Short code, boolean byUs) {
    measuring.onClosed(from, code, byUs);
  }
}

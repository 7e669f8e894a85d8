package townhall.load;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** Receives what a {@link ResidentSocket} gets from the server. Called on the socket's event loop. */
public interface FrameListener {

  /**
   * A text frame that parsed as a JSON object.
   *
   * @param nanos {@link System#nanoTime()} when it arrived
   */
  void onFrame(ResidentSocket socket, JsonObject frame, long nanos);

  /**
   * A {@code votes} frame read by the fast path ({@link VoteCounts}), not parsed as JSON. By default the frame
   * is parsed as JSON and given to {@link #onFrame}, for listeners that do not care about the cost.
   *
   * @param text the frame
   * @param counts its counts, as positions in {@code text}; only valid during the call (it is reused for the
   *     socket's next frame)
   * @param nanos {@link System#nanoTime()} when it arrived
   */
  default void onVotes(ResidentSocket socket, String text, VoteCounts counts, long nanos) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      onUnparsable(socket, text);
      return;
    }
    onFrame(socket, frame, nanos);
  }

  /** A text frame that was not a JSON object. */
  default void onUnparsable(ResidentSocket socket, String text) {
  }

  /**
   * The socket closed.
   *
   * @param code the close status code, or {@code null} when the connection ended without a close frame
   * @param byUs whether the generator closed it itself
   */
  default void onClosed(ResidentSocket socket, Short code, boolean byUs) {
  }
}

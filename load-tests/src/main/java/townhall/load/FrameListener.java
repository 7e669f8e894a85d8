package townhall.load;

import io.vertx.core.json.JsonObject;

/** Receives what a {@link ResidentSocket} gets from the server. Called on the socket's event loop. */
public interface FrameListener {

  /**
   * A text frame that parsed as a JSON object.
   *
   * @param nanos {@link System#nanoTime()} when it arrived
   */
  void onFrame(ResidentSocket socket, JsonObject frame, long nanos);

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

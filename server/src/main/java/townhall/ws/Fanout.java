package townhall.ws;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One broadcast's recipients, grouped by the event loop that owns each socket, so the hub hands each loop one task
 * that writes the same buffer to all of its sockets. Writing from the socket's own loop matters: Vert.x measures a
 * socket's write queue in bytes only there (from another thread it counts queued messages, and would call a
 * healthy socket slow after a handful of frames).
 */
final class Fanout {
  private final Map<Context, List<ClientSocket>> byLoop = new HashMap<>(4);

  void add(ClientSocket socket) {
    byLoop.computeIfAbsent(socket.context(), c -> new ArrayList<>()).add(socket);
  }

  boolean isEmpty() {
    return byLoop.isEmpty();
  }

  /** Writes {@code frame} to every recipient, each on its own event loop. */
  void send(Buffer frame) {
    byLoop.forEach((loop, sockets) -> loop.runOnContext(v -> {
      for (ClientSocket socket : sockets) {
        socket.write(frame);
      }
    }));
  }

  /** Writes {@code frame} to one socket on its own event loop. */
  static void sendTo(ClientSocket socket, Buffer frame) {
    socket.context().runOnContext(v -> socket.write(frame));
  }
}

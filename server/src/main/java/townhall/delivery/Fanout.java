package townhall.delivery;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import townhall.metrics.Metrics;
import townhall.protocol.ServerType;

/**
 * One broadcast's recipients, grouped by the event loop that owns each socket, so the hub hands each loop one task
 * that writes the same buffer to all of its sockets (as one {@link SharedMessage}, which the transport frames once). Writing from the socket's own loop matters: Vert.x measures a
 * socket's write queue in bytes only there (from another thread it counts queued messages, and would call a
 * healthy socket slow after a handful of frames).
 */
final class Fanout {
  private final Map<Context, List<Recipient>> byLoop;

  Fanout() {
    this(new HashMap<>(4));
  }

  private Fanout(Map<Context, List<Recipient>> byLoop) {
    this.byLoop = byLoop;
  }

  /** Every socket of {@code sockets}, in the lists they keep while no one joins or leaves (no copy). */
  static Fanout everyone(RecipientsByLoop sockets) {
    return new Fanout(sockets.everyoneByLoop());
  }

  /** The sockets of {@code sockets} that {@code wanted} accepts (called on the hub's context). */
  static Fanout of(RecipientsByLoop sockets, Predicate<Recipient> wanted) {
    Fanout fanout = new Fanout();
    for (Map.Entry<Context, Set<Recipient>> group : sockets.groups().entrySet()) {
      List<Recipient> chosen = new ArrayList<>(group.getValue().size());
      for (Recipient socket : group.getValue()) {
        if (wanted.test(socket)) {
          chosen.add(socket);
        }
      }
      if (!chosen.isEmpty()) {
        fanout.byLoop.put(group.getKey(), chosen);
      }
    }
    return fanout;
  }

  void add(Recipient socket) {
    byLoop.computeIfAbsent(socket.context(), c -> new ArrayList<>()).add(socket);
  }

  boolean isEmpty() {
    return byLoop.isEmpty();
  }

  /** Writes {@code frame}, a message of {@code type}, to every recipient, each on its own event loop. */
  void send(Buffer frame, ServerType type, Metrics metrics) {
    byLoop.forEach((loop, sockets) -> loop.runOnContext(v -> {
      int written = 0;
      try (SharedMessage shared = new SharedMessage(frame)) {
        for (Recipient socket : sockets) {
          if (socket.write(shared)) {
            written++;
          }
        }
      }
      metrics.messagesOut(type, written);
    }));
  }

  /** Writes {@code frame}, a message of {@code type}, to one socket on its own event loop. */
  static void sendTo(Recipient socket, Buffer frame, ServerType type, Metrics metrics) {
    socket.context().runOnContext(v -> {
      if (socket.write(frame)) {
        metrics.messagesOut(type, 1);
      }
    });
  }
}

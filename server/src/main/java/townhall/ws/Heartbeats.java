package townhall.ws;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds dead sockets (a phone that lost its network without closing): at every beat, a socket that sent nothing
 * since the previous beat gets a WebSocket ping, and one that still sent nothing, not even the pong, by the next
 * beat is closed. One timer per event loop walks that loop's sockets, so the cost does not grow with a timer per
 * socket. Every method runs on the socket's own event loop.
 */
final class Heartbeats {
  private final Vertx vertx;
  private final long intervalMs;
  private final Map<Context, Set<ClientSocket>> byLoop = new ConcurrentHashMap<>();

  Heartbeats(Vertx vertx, long intervalMs) {
    this.vertx = vertx;
    this.intervalMs = intervalMs;
  }

  /** Watches a socket; call on its context. */
  void watch(ClientSocket socket) {
    byLoop.computeIfAbsent(socket.context(), this::startBeating).add(socket);
  }

  /** Stops watching a socket; call on its context. */
  void forget(ClientSocket socket) {
    Set<ClientSocket> sockets = byLoop.get(socket.context());
    if (sockets != null) {
      sockets.remove(socket);
    }
  }

  private Set<ClientSocket> startBeating(Context loop) {
    Set<ClientSocket> sockets = new HashSet<>();
    // called on that loop's context, so the timer fires there and the set is only ever touched by that loop
    vertx.setPeriodic(intervalMs, id -> new ArrayList<>(sockets).forEach(ClientSocket::beat));
    return sockets;
  }
}

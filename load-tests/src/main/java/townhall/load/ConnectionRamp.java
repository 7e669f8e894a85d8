package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Connects the residents: resident {@code i} is started at {@code i * ramp / C} (but never more than the
 * concurrency limit in flight), on node {@code i mod nodes} and context {@code i mod contexts}; each attempt ends
 * with the welcome or a failure.
 */
public final class ConnectionRamp {
  private static final long WELCOME_TIMEOUT_MS = 15_000;

  private final List<Context> contexts;
  private final WebSocketClient client;
  private final List<NodeAddress> nodes;
  private final String sessionId;
  private final int residents;
  private final long rampNanos;
  private final int concurrency;
  private final ConnectionStats connections;
  private final List<FrameListener> listeners = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger settled = new AtomicInteger();
  private final AtomicReferenceArray<ResidentSocket> welcomed;
  private final Promise<List<ResidentSocket>> done = Promise.promise();
  private int next;
  private long start;
  private long timer;

  /**
   * @param contexts contexts the sockets are spread over (the first one also runs the ramp)
   * @param measurements receives the residents' frames and the connection counts
   */
  public ConnectionRamp(List<Context> contexts, WebSocketClient client, List<NodeAddress> nodes, String sessionId,
      LoadOptions options, Measurements measurements) {
    this.contexts = contexts;
    this.client = client;
    this.nodes = nodes;
    this.sessionId = sessionId;
    this.residents = options.residents();
    this.rampNanos = (long) (options.rampSeconds() * 1e9);
    this.concurrency = options.connectConcurrency();
    this.connections = measurements.connections(ClientGroup.RESIDENTS);
    for (Context context : contexts) {
      listeners.add(measurements.listener(ClientGroup.RESIDENTS, context));
    }
    this.welcomed = new AtomicReferenceArray<>(residents);
  }

  /** Starts connecting; completes with the welcomed residents in index order once every attempt has ended. */
  public Future<List<ResidentSocket>> connectAll() {
    Context ramp = contexts.get(0);
    ramp.runOnContext(v -> {
      start = System.nanoTime();
      timer = ramp.owner().setPeriodic(1, id -> tick());
      tick();
    });
    return done.future();
  }

  private void tick() {
    long elapsed = System.nanoTime() - start;
    while (next < residents && inFlight.get() < concurrency
        && elapsed >= rampNanos * next / residents) {
      launch(next++);
    }
    if (next == residents) {
      contexts.get(0).owner().cancelTimer(timer);
    }
  }

  private void launch(int i) {
    inFlight.incrementAndGet();
    connections.attempted();
    Context context = contexts.get(i % contexts.size());
    ResidentSocket socket = new ResidentSocket(i, nodes.get(i % nodes.size()), listeners.get(i % contexts.size()));
    context.runOnContext(v -> socket.connect(client, context, sessionId, WELCOME_TIMEOUT_MS).onComplete(result -> {
      if (result.succeeded()) {
        connections.established();
        welcomed.set(i, socket);
      } else {
        connections.failed(String.valueOf(result.cause().getMessage()));
        socket.close();
      }
      inFlight.decrementAndGet();
      if (settled.incrementAndGet() == residents) {
        List<ResidentSocket> connected = new ArrayList<>();
        for (int n = 0; n < residents; n++) {
          if (welcomed.get(n) != null) {
            connected.add(welcomed.get(n));
          }
        }
        done.complete(connected);
      }
    }));
  }
}

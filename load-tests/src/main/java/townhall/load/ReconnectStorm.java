package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The reconnect storm: process 0 kills one node with SIGKILL at {@code t0 + killAt}; every resident whose
 * connection is lost comes back as a page does: after the web client's backoff ({@link Backoff}: 0.5–1.5 s, then
 * longer, or the server's {@code retryAfterMs} plus 0–50 %), on the next node of {@code --url} (a load balancer
 * taking the dead node out), with {@code hello} carrying its token, its last {@code seq} and its epoch. Until it is
 * back its votes and asks wait and then go out (as a page's pending actions do), so "nothing lost" is the usual
 * check: every vote and ask reaches every client, the counts include every acknowledged vote. Measured
 * ({@link StormMeasurements}): kill → back per resident (every process uses the common kill time), how it was
 * answered ({@code resumed} or {@code welcome}), whether it is the same participant, refusals and retries.
 */
public final class ReconnectStorm {
  private final WebSocketClient client;
  private final List<NodeAddress> nodes;
  private final String sessionId;
  private final StormOptions storm;
  private final StormMeasurements measured;
  private final Measurements clock;
  private final List<Context> contexts;
  private volatile long killNanos = Long.MAX_VALUE;
  private volatile boolean stopped;

  public ReconnectStorm(List<Context> contexts, WebSocketClient client, List<NodeAddress> nodes, String sessionId,
      StormOptions storm, StormMeasurements measured, Measurements clock) {
    this.contexts = contexts;
    this.client = client;
    this.nodes = nodes;
    this.sessionId = sessionId;
    this.storm = storm;
    this.measured = measured;
    this.clock = clock;
  }

  /** Makes each resident come back when its connection is lost; call before the measurement. */
  public void watch(List<ResidentSocket> residents) {
    for (ResidentSocket resident : residents) {
      Context context = contexts.get(resident.index() % contexts.size());
      resident.onLost(lost -> {
        long now = System.nanoTime();
        measured.lost();
        String before = lost.participantId();
        NodeAddress dead = lost.node();
        NodeAddress to = dead.equals(nodes.get(storm.killNode()))
            ? nodes.get((storm.killNode() + 1) % nodes.size()) : dead;
        long from = Math.min(now, killNanos);
        comeBack(lost, context, to, before, from, 1, 0);
      });
    }
  }

  /** When the node is (or was) killed: from then on, back times count from it. */
  public void killAt(long nanos) {
    killNanos = nanos;
  }

  /** Kills the node now with SIGKILL (process 0); answers whether the signal went out. */
  public boolean kill() {
    return ProcessHandle.of(storm.killPid()).map(ProcessHandle::destroyForcibly).orElse(false);
  }

  /** Stops bringing residents back. */
  public void stop() {
    stopped = true;
  }

  private void comeBack(ResidentSocket resident, Context context, NodeAddress to, String before, long from,
      int attempt, long retryAfterMs) {
    long delay = Backoff.delayMs(attempt, retryAfterMs);
    context.owner().setTimer(Math.max(1, delay), id -> {
      if (stopped) {
        return;
      }
      measured.reconnectAttempt();
      resident.resume(client, context, to, sessionId, 30_000).onComplete(result -> {
        if (result.succeeded()) {
          long now = System.nanoTime();
          JsonObject answer = result.result();
          measured.back(String.valueOf(answer.getValue("type")), before != null
              && before.equals(resident.participantId()), from, now, clock.epochMillis(now));
          return;
        }
        String refusal = resident.refusal();
        String message = String.valueOf(result.cause().getMessage());
        measured.reconnectRefused(refusal != null ? refusal
            : message.length() > 100 ? message.substring(0, 100) : message);
        comeBack(resident, context, to, before, from, attempt + 1, resident.refusalRetryAfterMs());
      });
    });
  }
}

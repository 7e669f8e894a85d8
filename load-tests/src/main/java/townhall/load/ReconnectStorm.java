package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reconnect storm: process 0 kills one node with SIGKILL at {@code t0 + killAt}; every resident whose
 * connection is lost comes back as a page does: after the web client's backoff ({@link Backoff}: 0.5–1.5 s, then
 * longer, or the server's {@code retryAfterMs} plus 0–50 %), on the next node of {@code --url} (a load balancer
 * taking the dead node out), with {@code hello} carrying its token, its last {@code seq} and its epoch. Until it is
 * back its votes and asks wait and then go out (as a page's pending actions do), so "nothing lost" is the usual
 * check: every vote and ask reaches every client, the counts include every acknowledged vote. Measured
 * ({@link StormMeasurements}): kill → back per resident (every process uses the common kill time), how it was
 * answered ({@code resumed} or {@code welcome}), whether it is the same participant, refusals and retries.
 *
 * <p>With one node in {@code --url} it is a restart storm: the residents come back to the same node once whoever
 * started it has started it again; each process polls the node's {@code /health} every 50 ms from the first lost
 * connection on, and also measures each resident's time back from the node's first healthy answer.
 */
public final class ReconnectStorm {
  private static final long HEALTH_POLL_MS = 50;
  /**
   * How long one attempt waits for its answer. A page waits for the answer to its hello as long as the socket is
   * open (its heartbeat starts with the first answer), so an attempt is not given up early: one given up after 30 s
   * (as before) went back to the end of the node's join line and lost its place, and the run ended before the
   * retry was answered.
   */
  static final long ATTEMPT_TIMEOUT_MS = 120_000;
  private static final Pattern CLOSED = Pattern.compile("closed before welcome \\(code (-?\\d+|null)\\)");

  private final WebSocketClient client;
  private final HttpClientAgent http;
  private final AtomicBoolean polling = new AtomicBoolean();
  private final List<NodeAddress> nodes;
  private final String sessionId;
  private final StormOptions storm;
  private final StormMeasurements measured;
  private final Measurements clock;
  private final List<Context> contexts;
  private volatile long killNanos = Long.MAX_VALUE;
  private volatile boolean stopped;

  public ReconnectStorm(List<Context> contexts, WebSocketClient client, HttpClientAgent http, List<NodeAddress> nodes,
      String sessionId, StormOptions storm, StormMeasurements measured, Measurements clock) {
    this.contexts = contexts;
    this.client = client;
    this.http = http;
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
        if (to.equals(dead) && polling.compareAndSet(false, true)) {
          pollHealth(context, to);
        }
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

  /** Asks the restarted node's {@code /health} every 50 ms until it answers 200 (or the storm stops). */
  private void pollHealth(Context context, NodeAddress node) {
    context.owner().setTimer(HEALTH_POLL_MS, id -> {
      if (stopped) {
        return;
      }
      http.request(HttpMethod.GET, node.port(), node.host(), "/health")
          .compose(request -> request.send())
          .onComplete(answer -> {
            if (answer.succeeded() && answer.result().statusCode() == 200) {
              measured.healthy(System.nanoTime());
              return;
            }
            pollHealth(context, node);
          });
    });
  }

  private void comeBack(ResidentSocket resident, Context context, NodeAddress to, String before, long from,
      int attempt, long retryAfterMs) {
    long delay = Backoff.delayMs(attempt, retryAfterMs);
    context.owner().setTimer(Math.max(1, delay), id -> {
      if (stopped) {
        return;
      }
      measured.reconnectAttempt();
      resident.resume(client, context, to, sessionId, ATTEMPT_TIMEOUT_MS).onComplete(result -> {
        if (result.succeeded()) {
          long now = System.nanoTime();
          JsonObject answer = result.result();
          measured.back(String.valueOf(answer.getValue("type")), before != null
              && before.equals(resident.participantId()), from, now, clock.epochMillis(now));
          return;
        }
        Outcome outcome = outcome(resident.refusal(), String.valueOf(result.cause().getMessage()));
        if (outcome.refused()) {
          measured.reconnectRefused(outcome.why());
        } else {
          measured.reconnectFailed(outcome.why());
        }
        comeBack(resident, context, to, before, from, attempt + 1, resident.refusalRetryAfterMs());
      });
    });
  }

  /**
   * How a failed attempt ended, by code: refused by the node (an {@code error} frame's code, or the close code of a
   * socket the node closed before answering), or failed without an answer from it (the connection refused while
   * the node is down, no answer in time, anything else).
   */
  record Outcome(boolean refused, String why) {
  }

  static Outcome outcome(String errorCode, String message) {
    if (errorCode != null) {
      return new Outcome(true, "error " + errorCode);
    }
    Matcher closed = CLOSED.matcher(message);
    if (closed.find()) {
      return new Outcome(true, "closed " + closed.group(1));
    }
    if (message.contains("Connection refused")) {
      return new Outcome(false, "connection refused");
    }
    if (message.startsWith("no welcome within")) {
      return new Outcome(false, "no answer within " + ATTEMPT_TIMEOUT_MS / 1000 + " s");
    }
    return new Outcome(false, message.length() > 100 ? message.substring(0, 100) : message);
  }
}

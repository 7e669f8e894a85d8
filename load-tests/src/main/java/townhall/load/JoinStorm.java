package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The join storm: residents who join the session during the measurement ("scan the code now"), on an open-loop
 * schedule: global joiner {@code j} is due at {@code start + j / rate} and connects then, whatever happened to the
 * others; process {@code p} of {@code n} runs joiners {@code p, p + n, …}, joiner {@code j} on node
 * {@code j mod nodes}. A refused {@code hello} (an {@code error} before the welcome, a close, a failed connection,
 * no welcome within the timeout) is retried as the web client does ({@link Backoff}: {@code retryAfterMs} plus
 * 0–50 %, else a jittered exponential backoff). Measured ({@link StormMeasurements}): hello → welcome of the first
 * hello (retries included) and of the attempt that got in, due → welcome, the welcome's bytes and questions,
 * refusals by error code, closes before the welcome by close code, connection failures, retries. A joiner that got
 * in stays connected until the end, like a phone in the hall; its frames are not measured.
 */
public final class JoinStorm {
  private final List<Context> contexts;
  private final WebSocketClient client;
  private final List<NodeAddress> nodes;
  private final String sessionId;
  private final ProcessShare share;
  private final StormOptions storm;
  private final StormMeasurements measured;
  private final Measurements clock;
  private final List<Joiner> joiners = new ArrayList<>();
  private final CountDownLatch settled;
  private volatile boolean stopped;
  private long startNanos;
  private int next;
  private long timer;

  /**
   * @param clock the run's clock (epoch milliseconds of the per-second series)
   */
  public JoinStorm(List<Context> contexts, WebSocketClient client, List<NodeAddress> nodes, String sessionId,
      LoadOptions options, StormMeasurements measured, Measurements clock) {
    this.contexts = contexts;
    this.client = client;
    this.nodes = nodes;
    this.sessionId = sessionId;
    this.share = options.share();
    this.storm = options.storm();
    this.measured = measured;
    this.clock = clock;
    int own = options.ownJoiners();
    for (int k = 0; k < own; k++) {
      joiners.add(new Joiner(share.global(k)));
    }
    this.settled = new CountDownLatch(own);
    measured.planned(own);
  }

  /** Starts the schedule: joiner 0 is due at {@code startNanos} ({@link System#nanoTime()}). */
  public void start(long startNanos) {
    this.startNanos = startNanos;
    Context first = contexts.get(0);
    first.runOnContext(v -> {
      timer = first.owner().setPeriodic(1, id -> tick());
      tick();
    });
  }

  private void tick() {
    long now = System.nanoTime();
    while (next < joiners.size() && due(joiners.get(next).global) <= now && !stopped) {
      Joiner joiner = joiners.get(next++);
      Context context = contexts.get((int) (joiner.global % contexts.size()));
      context.runOnContext(v -> joiner.attempt(context));
    }
    if (next == joiners.size() || stopped) {
      contexts.get(0).owner().cancelTimer(timer);
    }
  }

  private long due(long global) {
    return startNanos + (long) (global * 1e9 / storm.joinRate());
  }

  /** Waits until every joiner of this process got in (or the time is up); answers whether they all did. */
  public boolean awaitJoined(long timeoutNanos) throws InterruptedException {
    return settled.await(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /** Stops retrying and closes every joiner's socket. */
  public Future<Void> stop() {
    stopped = true;
    List<Future<Void>> closes = new ArrayList<>();
    for (Joiner joiner : joiners) {
      ResidentSocket socket = joiner.socket;
      if (socket != null) {
        closes.add(socket.close());
      }
    }
    return Future.join(closes).mapEmpty();
  }

  /** One joining resident; its state lives on its context. */
  private final class Joiner implements FrameListener {
    private final long global;
    private ResidentSocket socket;
    private long firstHello;
    private int failures;
    private int questions;
    private boolean joined;

    Joiner(long global) {
      this.global = global;
    }

    void attempt(Context context) {
      if (stopped) {
        return;
      }
      measured.attempt(failures > 0);
      ResidentSocket attempt = new ResidentSocket(-1, nodes.get((int) (global % nodes.size())), this);
      socket = attempt;
      long timeoutMs = (long) (storm.joinTimeoutSeconds() * 1000);
      attempt.connect(client, context, sessionId, timeoutMs).onComplete(result -> {
        if (firstHello == 0 && attempt.helloNanos() != 0) {
          firstHello = attempt.helloNanos();
        }
        if (result.succeeded()) {
          long now = System.nanoTime();
          joined = true;
          measured.joined(due(global), firstHello, attempt.helloNanos(), now, clock.epochMillis(now),
              attempt.welcomeBytes(), questions);
          settled.countDown();
          return;
        }
        String refusal = attempt.refusal();
        String message = String.valueOf(result.cause().getMessage());
        if (refusal != null) {
          measured.refused(refusal);
        } else if (message.startsWith("no welcome within")) {
          measured.refused("timeout (no welcome within " + timeoutMs + " ms)");
        } else if (!message.startsWith("closed before welcome")) {
          measured.connectFailed(message.length() > 100 ? message.substring(0, 100) : message);
        }
        if (!message.startsWith("closed before welcome")) {
          attempt.close(); // (a closed one's onClosed still has to count its close code as the server's)
        }
        failures++;
        long delay = Backoff.delayMs(failures, attempt.refusalRetryAfterMs());
        context.owner().setTimer(Math.max(1, delay), id -> attempt(context));
      });
    }

    @Override
    public void onFrame(ResidentSocket from, JsonObject frame, long nanos) {
      if (!joined && "welcome".equals(frame.getValue("type"))) {
        questions = frame.getValue("questions") instanceof JsonArray list ? list.size() : 0;
      }
    }

    @Override
    public void onVotes(ResidentSocket from, String text, VoteCounts counts, long nanos) {
      // a joiner's vote counts are not measured (the voters' are)
    }

    @Override
    public void onClosed(ResidentSocket from, Short code, boolean byUs) {
      if (byUs || from != socket) {
        return;
      }
      if (joined) {
        measured.droppedAfterJoin(code);
      } else {
        measured.closedBeforeWelcome(code);
      }
    }
  }
}

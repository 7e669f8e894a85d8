package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run, phase by phase: session, seeded questions, residents over the ramp, the open-loop measurement, a drain,
 * then the report. Progress goes to stderr, the summary to stdout.
 */
public final class LoadRun {
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final LoadOptions options;

  /** A run with these options. */
  public LoadRun(LoadOptions options) {
    this.options = options;
  }

  /** Runs to the end and returns the exit status: 0 when clean, 1 when anything went wrong. */
  public int execute() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    List<ResidentSocket> residents = List.of();
    try {
      List<Context> contexts = EventLoopContexts.create(vertx, 2).await();
      HttpClientAgent http = vertx.createHttpClient();
      WebSocketClient webSockets = vertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(options.residents() + 16)
          .setMaxFrameSize(1 << 20)
          .setMaxMessageSize(64 << 20));
      NodeAddress first = options.nodes().get(0);
      SessionSetup setup = new SessionSetup(http, first);
      String sessionId = (options.sessionId() == null ? setup.create(options.adminToken())
          : setup.check(options.sessionId())).await(30, TimeUnit.SECONDS);
      progress("session %s", sessionId);

      int questionCount = options.seededQuestions();
      List<String> questionIds = new QuestionSeeder(contexts.get(0), questionCount)
          .seed(webSockets, first, sessionId).await(60 + questionCount / 10, TimeUnit.SECONDS);
      progress("seeded %d questions", questionIds.size());

      Measurements measurements = new Measurements(options, questionIds);
      residents = new ConnectionRamp(contexts, webSockets, options.nodes(), sessionId, options, measurements)
          .connectAll().await((long) options.rampSeconds() + 60, TimeUnit.SECONDS);
      progress("%d of %d residents connected", residents.size(), options.residents());

      if (!residents.isEmpty()) {
        long t0 = System.nanoTime() + START_DELAY_NANOS;
        long end = t0 + (long) (options.durationSeconds() * 1e9);
        measurements.startWindow(t0, end, residents.size());
        Schedule votes = new Schedule(t0, options.voteRate(), options.plannedVotes());
        Schedule asks = new Schedule(t0, options.askRate(), options.plannedAsks());
        new LoadScheduler(contexts.get(0), votes, asks, residents, questionIds, measurements).start();
        progress("measuring for %.0f s, then draining for 5 s", options.durationSeconds());
        sleepUntil(end + DRAIN_NANOS);
      }

      MeasurementResult result = measurements.finish();
      closeAll(residents);
      ResultReport report = new ResultReport(options, sessionId, questionIds.size(), result);
      System.out.print(report.text());
      boolean written = options.out() == null || write(report);
      return result.problems().isEmpty() && written ? 0 : 1;
    } catch (TimeoutException e) {
      System.err.println("load: run failed: a setup phase did not finish in time");
      closeAll(residents);
      return 1;
    } catch (Exception e) {
      // Future.await() rethrows the failure's cause as is, checked exceptions included
      System.err.println("load: run failed: " + e);
      closeAll(residents);
      return 1;
    } finally {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        System.err.println("load: Vert.x did not close within 10 s");
      }
    }
  }

  private boolean write(ResultReport report) {
    try {
      Files.writeString(options.out(), report.json().encodePrettily() + "\n");
      progress("result written to %s", options.out());
      return true;
    } catch (IOException e) {
      System.err.println("load: cannot write the result to " + options.out() + ": " + e);
      return false;
    }
  }

  private static void closeAll(List<ResidentSocket> residents) {
    try {
      Future.join(residents.stream().map(ResidentSocket::close).toList()).await(10, TimeUnit.SECONDS);
    } catch (TimeoutException | RuntimeException e) {
      System.err.println("load: not every socket closed cleanly: " + e.getMessage());
    }
  }

  private static void sleepUntil(long deadlineNanos) {
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void progress(String format, Object... args) {
    System.err.println("load: " + String.format(Locale.ROOT, format, args));
  }
}

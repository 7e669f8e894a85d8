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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of one generator process, phase by phase: what the nodes are, the session, the moderators and the stage
 * client, the seeded questions, the residents over the ramp, the open-loop measurement from t0 (now, or the
 * common {@code --start-at}), a drain, then the summary, the JSON result and the HTML report. Progress goes to
 * stderr, the summary to stdout.
 */
public final class LoadRun {
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long SESSION_FILE_TIMEOUT_MS = 120_000;

  private final LoadOptions options;
  private ResultReport report;

  /** A run with these options. */
  public LoadRun(LoadOptions options) {
    this.options = options;
  }

  /** Runs to the end and returns the exit status: 0 when clean, 1 when anything went wrong. */
  public int execute() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
    List<ResidentSocket> sockets = new ArrayList<>();
    RunSampler sampler = null;
    try {
      List<Context> contexts = EventLoopContexts.create(vertx, 2).await();
      HttpClientAgent http = vertx.createHttpClient();
      WebSocketClient webSockets = vertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(options.residents() + options.moderators() + options.ownJoiners() + 16)
          .setMaxFrameSize(1 << 20)
          .setMaxMessageSize(64 << 20));
      NodeAddress first = options.nodes().get(0);
      TargetProbe.Target target = new TargetProbe(http).probe(options.nodes()).await(30, TimeUnit.SECONDS);
      SessionInfo session = session(new SessionSetup(http, first));
      progress("transport: %s", vertx.isNativeTransportEnabled() ? "native" : "NIO");
      progress("process %d of %d: session %s on %s %s", options.share().index(), options.share().count(),
          session.id(), target.name(), target.nodeIds());

      QuestionTexts texts = new QuestionTexts(tag());
      Measurements measurements = new Measurements(options, texts);
      sampler = new RunSampler(measurements, options.pids(), "generator-" + options.share().index());
      sampler.start();
      long t0 = options.startAt() == null ? Long.MIN_VALUE : measurements.nanosAt(options.startAt());
      if (options.startAt() != null) {
        schedule(measurements, t0);
      }

      String moderatorToken = session.moderatorToken() != null ? session.moderatorToken()
          : options.moderatorToken();
      if (options.moderators() > 0 && moderatorToken == null) {
        throw new IllegalStateException("moderators need the session's moderator token: give --moderator-token");
      }
      boolean approve = options.preModerated() && options.share().index() == 0;
      sockets.addAll(new WatcherConnector(contexts, webSockets, options.nodes(), measurements)
          .connect(session.id(), moderatorToken, options.moderators(), approve, options.stage())
          .await(60, TimeUnit.SECONDS));
      if (options.moderators() + (options.stage() ? 1 : 0) > 0) {
        progress("%d moderator(s) and %d stage client(s) connected",
            measurements.connections(ClientGroup.MODERATORS).open(),
            measurements.connections(ClientGroup.STAGE).open());
      }

      int questionCount = options.seededQuestions();
      boolean seeds = options.share().index() == 0;
      int fillers = options.fillerQuestions();
      List<String> questionIds = new QuestionSeeder(contexts.get(0), questionCount, fillers, texts, seeds)
          .seed(webSockets, first, session.id()).await(120 + (questionCount + fillers) / 10, TimeUnit.SECONDS);
      measurements.seeded(questionIds);
      progress("%s %d questions%s", seeds ? "seeded" : "found the", questionIds.size(),
          seeds && fillers > 0 ? " after " + fillers + " filler questions" : "");

      List<ResidentSocket> residents = new ConnectionRamp(contexts, webSockets, options.nodes(), session.id(),
          options, measurements).connectAll().await((long) options.rampSeconds() + 60, TimeUnit.SECONDS);
      sockets.addAll(residents);
      progress("%d of %d residents connected", residents.size(), options.residents());

      StormOptions stormOptions = options.storm();
      StormMeasurements storm = new StormMeasurements(measurements.originEpochMs());
      boolean first0 = options.share().index() == 0;
      RedisPhases redis = stormOptions.redis() != null && first0 ? new RedisPhases(stormOptions.redis()) : null;
      ReconnectStorm reconnects = null;
      if (stormOptions.kills()) {
        reconnects = new ReconnectStorm(contexts, webSockets, http, options.nodes(), session.id(), stormOptions,
            storm, measurements);
        reconnects.watch(residents);
      }

      long now = System.nanoTime();
      if (options.startAt() == null) {
        t0 = now + START_DELAY_NANOS;
        schedule(measurements, t0);
      } else if (t0 > now) {
        progress("waiting %.1f s for --start-at", (t0 - now) / 1e9);
      } else {
        progress("late: --start-at passed %.1f s ago; the votes due since are sent at once (see the send lag)",
            (now - t0) / 1e9);
      }
      long end = t0 + (long) (options.durationSeconds() * 1e9);
      measurements.startWindow(t0, end);
      measurements.clients(ClientGroup.RESIDENTS, residents.size());
      for (ClientGroup group : List.of(ClientGroup.MODERATORS, ClientGroup.STAGE)) {
        measurements.clients(group, (int) measurements.connections(group).open());
      }
      JoinStorm joins = null;
      PageReader reader = null;
      Future<Void> pages = null;
      if (!residents.isEmpty()) {
        if (reconnects != null) {
          reconnects.killAt(t0 + (long) (stormOptions.killAtSeconds() * 1e9));
        }
        sleepUntil(t0);
        mark(redis, "t0");
        new LoadScheduler(contexts.get(0), voteSchedule(t0), askSchedule(t0), options.share(), texts, residents,
            questionIds, measurements).start();
        progress("measuring for %.0f s, then draining for %.0f s", options.durationSeconds(),
            options.drainSeconds());
        if (reconnects != null && first0) {
          killLater(reconnects, t0 + (long) (stormOptions.killAtSeconds() * 1e9));
        }
        if (options.ownJoiners() > 0) {
          joins = new JoinStorm(contexts, webSockets, options.nodes(), session.id(), options, storm, measurements);
          joins.start(t0 + (long) (stormOptions.joinAtSeconds() * 1e9));
          progress("join storm: %d joiners here, %d in all at %.0f/s from t0 + %.1f s", options.ownJoiners(),
              stormOptions.joiners(), stormOptions.joinRate(), stormOptions.joinAtSeconds());
          boolean all = joins.awaitJoined(Math.max(0, end - System.nanoTime()));
          progress(all ? "join storm: every joiner of this process is in" : "join storm: not every joiner got in"
              + " by the end of the measurement");
          mark(redis, "settled");
        }
        if (stormOptions.pageAll() && first0) {
          reader = new PageReader(contexts.get(1 % contexts.size()));
          pages = reader.readAll(webSockets, first, session.id());
          progress("paging through the whole session");
        }
        sleepUntil(end);
        mark(redis, "end");
        sleepUntil(end + (long) (options.drainSeconds() * 1e9));
      }
      if (reconnects != null) {
        reconnects.stop();
      }
      if (joins != null) {
        // joiners still waiting (in the node's queue, or for a retry) get up to one join timeout more: a join that
        // takes longer than the measurement is slow, not lost
        if (!joins.awaitJoined((long) (stormOptions.joinTimeoutSeconds() * 1e9))) {
          progress("join storm: some joiners did not get in within %.0f s after the end",
              stormOptions.joinTimeoutSeconds());
        }
        joins.stop().await(10, TimeUnit.SECONDS);
      }

      if (pages != null) {
        try {
          pages.await(120, TimeUnit.SECONDS);
          progress("paged through the whole session");
        } catch (TimeoutException | RuntimeException e) {
          progress("paging through the whole session did not finish: %s", e.getMessage());
        }
      }
      MeasurementResult result = measurements.finish();
      storm.addTo(result);
      if (reader != null) {
        reader.addTo(result);
      }
      if (redis != null) {
        redis.addTo(result, "storm", "t0", "settled");
        redis.addTo(result, "window", "t0", "end");
        redis.addMemoryTo(result);
      }
      sampler.finishInto(result);
      sampler = null;
      closeAll(sockets);
      report = new ResultReport(RunInfo.of(options, target.name(), target.nodeIds(), session.id(),
          measurements.epochMillis(t0), questionCount), result);
      System.out.print(report.text());
      boolean written = write(report);
      return report.summary().problems().isEmpty() && written ? 0 : 1;
    } catch (TimeoutException e) {
      System.err.println("load: run failed: a setup phase did not finish in time (" + e.getMessage() + ")");
      closeAll(sockets);
      return 1;
    } catch (Exception e) {
      // Future.await() rethrows the failure's cause as is, checked exceptions included
      System.err.println("load: run failed: " + e);
      closeAll(sockets);
      return 1;
    } finally {
      if (sampler != null) {
        sampler.finishInto(new MeasurementResult());
      }
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        System.err.println("load: Vert.x did not close within 10 s");
      }
    }
  }

  /** The report of the finished run, or {@code null} when it did not get that far. */
  public ResultReport report() {
    return report;
  }

  private SessionInfo session(SessionSetup setup) throws Exception {
    if (options.adminToken() != null) {
      SessionInfo created = setup.create(options.adminToken(), options.moderation()).await(30, TimeUnit.SECONDS);
      if (options.sessionFile() != null) {
        new SessionFile(options.sessionFile(), startAtOrZero()).write(created);
        progress("session written to %s", options.sessionFile());
      }
      return created;
    }
    String id = options.sessionId();
    String token = options.moderatorToken();
    if (id == null) {
      progress("waiting for process 0's session in %s", options.sessionFile());
      SessionInfo shared = new SessionFile(options.sessionFile(), startAtOrZero()).await(SESSION_FILE_TIMEOUT_MS);
      id = shared.id();
      token = token != null ? token : shared.moderatorToken();
    }
    return setup.check(id, options.moderation(), token).await(30, TimeUnit.SECONDS);
  }

  private long startAtOrZero() {
    return options.startAt() == null ? 0 : options.startAt();
  }

  /** The run's tag in question texts: the same for all processes of a run (from --start-at), else random. */
  private String tag() {
    if (options.startAt() != null) {
      return "L" + Long.toString(options.startAt(), 36);
    }
    return "L" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
  }

  private void schedule(Measurements measurements, long t0) {
    measurements.schedule(voteSchedule(t0), askSchedule(t0));
  }

  private Schedule voteSchedule(long t0) {
    return new Schedule(t0, options.voteRate(), options.scheduledVotes());
  }

  private Schedule askSchedule(long t0) {
    return new Schedule(t0, options.askRate(), options.scheduledAsks());
  }

  private boolean write(ResultReport result) {
    boolean ok = true;
    if (options.out() != null) {
      try {
        Files.writeString(options.out(), result.json().encodePrettily() + "\n");
        progress("result written to %s", options.out());
      } catch (IOException e) {
        System.err.println("load: cannot write the result to " + options.out() + ": " + e);
        ok = false;
      }
    }
    if (options.reportDir() != null) {
      try {
        new HtmlReport(result).write(options.reportDir());
        progress("report written to %s", options.reportDir().resolve("index.html"));
      } catch (IOException e) {
        System.err.println("load: cannot write the report to " + options.reportDir() + ": " + e);
        ok = false;
      }
    }
    return ok;
  }

  private static void mark(RedisPhases redis, String moment) {
    if (redis != null) {
      redis.mark(moment);
    }
  }

  /** Kills the node at {@code atNanos} from a thread of its own (the main thread is waiting for the storm). */
  private static void killLater(ReconnectStorm reconnects, long atNanos) {
    Thread killer = new Thread(() -> {
      sleepUntil(atNanos);
      progress("reconnect storm: kill -9 of the node %s", reconnects.kill() ? "sent" : "FAILED (no such process?)");
    }, "load-killer");
    killer.setDaemon(true);
    killer.start();
  }

  private static void closeAll(List<ResidentSocket> sockets) {
    try {
      Future.join(sockets.stream().map(ResidentSocket::close).toList()).await(10, TimeUnit.SECONDS);
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

  static void progress(String format, Object... args) {
    System.err.println("load: " + String.format(Locale.ROOT, format, args));
  }
}

package townhall.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.config.NodeSecrets;
import townhall.config.TownhallConfig;

/**
 * Keeps the load generator working: short in-process runs (20 residents, 20 votes/s, a few seconds) against the
 * floor, against the floor from two generator processes merged afterwards, and against a real Townhall node on an
 * embedded Redis. Each must see every vote at every client and write its JSON and HTML report.
 */
class LoadSmokeTest {
  private static final int RESIDENTS = 20;

  @TempDir
  Path dir;

  @Test
  void floorRunSeesEveryVoteAndWritesItsReport() throws Exception {
    FloorServer floor = FloorServer.start(0, 100).await(30, TimeUnit.SECONDS);
    try {
      LoadRun run = new LoadRun(LoadOptions.parse(args(floor.port(), "3",
          "--admin-token", "smoke", "--moderators", "1", "--stage",
          "--out", dir.resolve("floor.json").toString(), "--report", dir.resolve("report").toString())));
      assertEquals(0, run.execute(), "the run is clean");
      ResultSummary summary = run.report().summary();
      assertEquals("floor", summary.run().target());
      assertEquals(60, summary.run().scheduledVotes());
      assertEveryVoteSeen(summary, RESIDENTS);
      assertEquals(60, summary.group(ClientGroup.STAGE).votesSeenByAll());
      assertEquals(60, summary.group(ClientGroup.MODERATORS).votesSeenByAll());

      JsonObject json = new JsonObject(Files.readString(dir.resolve("floor.json")));
      assertEquals(ResultReport.FORMAT, json.getString("format"));
      assertTrue(json.getBoolean("ok"));
      for (String file : List.of("index.html", "report.js", "data.js", "uPlot.iife.min.js", "uPlot.min.css")) {
        assertTrue(Files.size(dir.resolve("report").resolve(file)) > 0, file + " written");
      }
      String index = Files.readString(dir.resolve("report").resolve("index.html"));
      assertFalse(index.contains("http:") || index.contains("https:") || index.contains("//"),
          "index.html makes no network reference");
      Matcher loads = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(index);
      int loaded = 0;
      while (loads.find()) {
        loaded++;
        assertTrue(Files.exists(dir.resolve("report").resolve(loads.group(1))), loads.group(1) + " is next to it");
      }
      assertEquals(4, loaded, "uPlot's script and styles, data.js and report.js");
      assertFalse(Files.readString(dir.resolve("report").resolve("report.js")).matches("(?s).*(https?:|fetch\\().*"));
    } finally {
      floor.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoProcessesShareOneSessionAndMergeExactly() throws Exception {
    FloorServer floor = FloorServer.start(0, 100).await(30, TimeUnit.SECONDS);
    try {
      // room for the second process to read the session, wait for the seeded questions and connect on a cold JVM
      long startAt = System.currentTimeMillis() + 10_000;
      Path sessionFile = dir.resolve("session.json");
      List<String> common = List.of("--process-count", "2", "--start-at", Long.toString(startAt),
          "--session-file", sessionFile.toString(), "--moderation", "pre", "--ramp", "0.2");
      List<CompletableFuture<Integer>> runs = new ArrayList<>();
      for (int index = 0; index < 2; index++) {
        List<String> own = new ArrayList<>(common);
        own.addAll(List.of("--process-index", Integer.toString(index),
            "--out", dir.resolve("p" + index + ".json").toString()));
        if (index == 0) {
          own.addAll(List.of("--admin-token", "smoke", "--moderators", "1"));
        } else {
          own.add("--stage");
        }
        LoadOptions options = LoadOptions.parse(args(floor.port(), "2", own.toArray(String[]::new)));
        // a thread each: the common pool has a single worker on a 2-core machine and would run them one by one
        CompletableFuture<Integer> run = new CompletableFuture<>();
        Thread process = new Thread(() -> {
          try {
            run.complete(new LoadRun(options).execute());
          } catch (RuntimeException e) {
            run.completeExceptionally(e);
          }
        }, "process-" + index);
        process.start();
        runs.add(run);
        if (index == 0) {
          awaitFile(sessionFile, run);
        }
      }
      for (CompletableFuture<Integer> run : runs) {
        assertEquals(0, run.get(60, TimeUnit.SECONDS), "each process's run is clean");
      }
      Path merged = dir.resolve("all.json");
      assertEquals(0, MergeCommand.run(new String[] {dir.resolve("p0.json").toString(),
          dir.resolve("p1.json").toString(), "--out", merged.toString(), "--report", dir.resolve("all").toString()}));
      ResultReport all = ResultReport.fromJson(new JsonObject(Files.readString(merged)));
      ResultSummary summary = all.summary();
      assertEquals(2, summary.run().processes().size());
      assertEquals(40, summary.run().scheduledVotes());
      assertEquals(40, summary.data().counter("votes.acked"), "both processes' votes, each once");
      assertEveryVoteSeen(summary, 2 * RESIDENTS);
      assertEquals(40, summary.group(ClientGroup.STAGE).votesSeenByAll(), "process 1's stage saw process 0's votes");
      assertEquals(summary.data().histogram("residents.voteVisible").getTotalCount(), 40L * 2 * RESIDENTS);
      assertTrue(Files.exists(dir.resolve("all").resolve("index.html")));
    } finally {
      floor.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** An admin token of the length a node requires (32 characters or more). */
  private static final String SMOKE_ADMIN = "smoke-admin-token-of-32-characters-or-more";

  @Test
  void townhallNodeRunSeesEveryVote() throws Exception {
    int redisPort = freePort();
    RedisServer redis = startRedis(redisPort);
    TownhallNode node = null;
    try {
      node = startNode(redisPort, "node");
      LoadRun run = new LoadRun(LoadOptions.parse(args(node.port(), "3", "--admin-token", SMOKE_ADMIN,
          "--report", dir.resolve("townhall").toString())));
      assertEquals(0, run.execute(), "the run is clean");
      assertEquals("townhall", run.report().summary().run().target());
      assertEveryVoteSeen(run.report().summary(), RESIDENTS);
      assertTrue(Files.exists(dir.resolve("townhall").resolve("data.js")));
    } finally {
      if (node != null) {
        node.close().await(20, TimeUnit.SECONDS);
      }
      redis.stop();
    }
  }

  /**
   * The poll storm: residents answering one poll within a short window (a tenth changing their answer) are each
   * counted once, and every screen reaches the final results.
   */
  @Test
  void townhallPollStormCountsEveryAnswerOnceAndEveryScreenShowsTheFinalResults() throws Exception {
    int redisPort = freePort();
    RedisServer redis = startRedis(redisPort);
    TownhallNode node = null;
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      node = startNode(redisPort, "poll-node");
      PollStorm storm = new PollStorm(vertx, java.net.URI.create("http://127.0.0.1:" + node.port()), SMOKE_ADMIN,
          60, 2_000, 100, 7);
      JsonObject result = storm.run();
      assertTrue(result.getBoolean("everyAnswerCountedOnce"), result::encodePrettily);
      assertEquals(0, result.getInteger("screensWithoutFinalResults"), result::encodePrettily);
      assertEquals(60, result.getJsonObject("finalResults").getInteger("answers"), "one answer per resident");
      assertTrue(result.getBoolean("ok"));
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
      if (node != null) {
        node.close().await(20, TimeUnit.SECONDS);
      }
      redis.stop();
    }
  }

  /**
   * The join storm mode: a few hundred residents joining in a burst (open loop, well above what the node takes at
   * once, so its join queue holds them) while the voters vote, into a session bigger than a welcome; none is
   * answered {@code unavailable}, every one gets in, and Redis's accounts of the storm are read.
   */
  @Test
  void townhallJoinStormWelcomesEveryJoinerWithoutUnavailable() throws Exception {
    int redisPort = freePort();
    RedisServer redis = startRedis(redisPort);
    TownhallNode node = null;
    try {
      node = startNode(redisPort, "storm-node");
      Path out = dir.resolve("storm.json");
      LoadRun run = new LoadRun(LoadOptions.parse(args(node.port(), "4", "--admin-token", SMOKE_ADMIN,
          "--joiners", "250", "--join-rate", "2000", "--join-at", "0.2", "--questions", "130",
          "--redis", "127.0.0.1:" + redisPort, "--drain", "10", "--page-all", "--out", out.toString())));
      run.execute();
      MeasurementResult data = run.report().summary().data();
      assertEquals(250, data.counter("storm.planned"));
      assertEquals(250, data.counter("storm.joined"), () -> run.report().text());
      assertFalse(data.counts("storm.refusals").containsKey("unavailable"), () -> run.report().text());
      assertFalse(data.counts("errors").containsKey("unavailable"), () -> run.report().text());
      assertEquals(250, data.histogram("storm.joinTime").getTotalCount());
      assertTrue(data.histogram("storm.welcomeBytes").getMinValue() > 0, "every welcome's size is recorded");
      assertTrue(data.histogram("storm.welcomeQuestions").getMaxValue() < 130, "the welcome is bounded");
      assertTrue(data.counter("redis.storm.evalsha.calls") > 0, "the joins' scripts are in Redis's accounts");
      assertEquals(1, data.counter("paging.finished"), "the reader paged to the end");
      assertTrue(data.counter("paging.questions") >= 130, "every question is reachable by paging");
      assertEquals(0, data.counter("paging.duplicates"));
      JsonObject storms = new JsonObject(Files.readString(out)).getJsonObject("summary").getJsonObject("storms");
      assertEquals(250L, storms.getJsonObject("joinStorm").getLong("joined"));
      assertTrue(storms.getJsonObject("redis").containsKey("usecPerJoin"));
      assertEveryVoteSeen(run.report().summary(), RESIDENTS, false);
    } finally {
      if (node != null) {
        node.close().await(20, TimeUnit.SECONDS);
      }
      redis.stop();
    }
  }

  /**
   * The reconnect storm mode, on two nodes of one Redis: the generator "kills" node 2 (it sends SIGKILL to a
   * stand-in process, whose end closes node 2 here: an in-process node cannot be killed alone) and every resident
   * node 2 held comes back on node 1, as the same participant, with nothing lost: every vote reaches every client.
   */
  @Test
  void townhallReconnectStormBringsEveryResidentBackOnTheOtherNode() throws Exception {
    int redisPort = freePort();
    RedisServer redis = startRedis(redisPort);
    TownhallNode first = null;
    TownhallNode[] second = new TownhallNode[1];
    AtomicReference<Future<Void>> secondClosed = new AtomicReference<>();
    Runnable closeSecond = () -> secondClosed.updateAndGet(closing -> closing != null ? closing : second[0].close());
    Process standIn = new ProcessBuilder("sleep", "120").start();
    try {
      String tokenSecret = NodeSecrets.generate();
      String addressKey = NodeSecrets.generate();
      first = startNode(redisPort, "first", tokenSecret, addressKey);
      second[0] = startNode(redisPort, "second", tokenSecret, addressKey);
      standIn.onExit().thenRun(closeSecond);
      List<String> all = new ArrayList<>(Arrays.asList(args(first.port(), "6", "--admin-token", SMOKE_ADMIN,
          "--kill-pid", Long.toString(standIn.pid()), "--kill-node", "1", "--kill-at", "1.5", "--drain", "10")));
      all.set(1, "http://127.0.0.1:" + first.port() + ",http://127.0.0.1:" + second[0].port());
      LoadRun run = new LoadRun(LoadOptions.parse(all.toArray(String[]::new)));
      run.execute();
      MeasurementResult data = run.report().summary().data();
      assertEquals(RESIDENTS / 2, data.counter("reconnect.lost"), () -> run.report().text());
      assertEquals(RESIDENTS / 2, data.counter("reconnect.back"), () -> run.report().text());
      assertEquals(RESIDENTS / 2, data.counter("reconnect.sameIdentity"), "back as the same participants");
      assertEquals(RESIDENTS / 2, data.histogram("reconnect.backTime").getTotalCount());
      assertEveryVoteSeen(run.report().summary(), RESIDENTS, false);
      assertEquals(0, data.counter("votes.sent") - data.counter("votes.acked"), "every vote acknowledged");
    } finally {
      standIn.destroyForcibly();
      if (second[0] != null) {
        closeSecond.run();
        secondClosed.get().await(20, TimeUnit.SECONDS);
      }
      if (first != null) {
        first.close().await(20, TimeUnit.SECONDS);
      }
      redis.stop();
    }
  }

  private RedisServer startRedis(int port) throws IOException {
    Path redisDir = Files.createTempDirectory(dir, "redis");
    RedisServer redis = RedisServer.builder().port(port).setting("bind 127.0.0.1").setting("save \"\"")
        .setting("appendonly no").setting("dir " + redisDir).build();
    redis.start();
    return redis;
  }

  private TownhallNode startNode(int redisPort, String folder) throws Exception {
    return startNode(redisPort, folder, NodeSecrets.generate(), NodeSecrets.generate());
  }

  /** A node on the Redis at {@code redisPort}; nodes of one deployment share {@code tokenSecret} and the key. */
  private TownhallNode startNode(int redisPort, String folder, String tokenSecret, String addressKey)
      throws Exception {
    // the generator is one loopback address standing for a whole city: limits per address and per resident off
    Map<String, Object> settings = new java.util.HashMap<>(Map.of("server.port", 0, "server.host", "127.0.0.1",
        "rateLimits.identities.burst", 0, "rateLimits.connections.burst", 0, "rateLimits.asks.burst", 0,
        "rateLimits.votes.burst", 0, "metrics.port", 0, "server.dataDir", dir.resolve(folder).toString()));
    settings.putAll(Map.of("security.adminToken", SMOKE_ADMIN, "security.tokenSecret", tokenSecret,
        "security.addressHashKey", addressKey));
    TownhallConfig config = ConfigLoader.load(Map.of(), settings);
    return TownhallNode.start(config, "redis://127.0.0.1:" + redisPort, NodeSecrets.resolve(config))
        .await(30, TimeUnit.SECONDS);
  }

  private static void assertEveryVoteSeen(ResultSummary summary, int residents) {
    assertEveryVoteSeen(summary, residents, true);
  }

  private static void assertEveryVoteSeen(ResultSummary summary, int residents, boolean clean) {
    ResultSummary.Group group = summary.group(ClientGroup.RESIDENTS);
    long votes = summary.run().scheduledVotes();
    assertEquals(residents, group.clients());
    assertEquals(votes * residents, group.voteExpected());
    assertEquals(votes * residents, group.voteDeliveries(), "every vote visible at every resident");
    assertEquals(votes, group.votesSeenByAll());
    assertEquals(0, group.votesNotSeenByAll());
    if (clean) {
      assertTrue(summary.problems().isEmpty(), summary.problems().toString());
    }
  }

  /**
   * The generator's options for a smoke run. The drain (how long after the last vote a late frame still counts) is
   * the generator's default of 5 s: every vote must be seen by every client, and on a loaded build machine a vote
   * may take more than a second to arrive; how long it takes is the benchmark's figure, not this test's.
   */
  private static String[] args(int port, String duration, String... more) {
    List<String> all = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + port, "--residents",
        Integer.toString(RESIDENTS), "--vote-rate", "20", "--ask-rate", "1", "--duration", duration,
        "--ramp", "0.5", "--drain", "5"));
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Process 0 creates the session and writes it; the second process starts once it is there. */
  private static void awaitFile(Path file, CompletableFuture<Integer> writer) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(file)) {
      if (writer.isDone() || System.nanoTime() > deadline) {
        throw new AssertionError("process 0 wrote no session file: " + (writer.isDone() ? writer.get() : "timeout"));
      }
      Thread.onSpinWait();
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}

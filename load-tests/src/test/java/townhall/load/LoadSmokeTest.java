package townhall.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    Path redisDir = Files.createTempDirectory(dir, "redis");
    int redisPort = freePort();
    RedisServer redis = RedisServer.builder().port(redisPort).setting("bind 127.0.0.1").setting("save \"\"")
        .setting("appendonly no").setting("dir " + redisDir).build();
    redis.start();
    TownhallNode node = null;
    try {
      // the generator is one loopback address standing for a whole city: limits per address and per resident off
      Map<String, Object> settings = new java.util.HashMap<>(Map.of("server.port", 0, "server.host", "127.0.0.1",
          "rateLimits.identities.burst", 0, "rateLimits.connections.burst", 0, "rateLimits.asks.burst", 0,
          "rateLimits.votes.burst", 0, "metrics.port", 0, "server.dataDir", dir.resolve("node").toString()));
      settings.putAll(Map.of("security.adminToken", SMOKE_ADMIN, "security.tokenSecret", NodeSecrets.generate(),
          "security.addressHashKey", NodeSecrets.generate()));
      TownhallConfig config = ConfigLoader.load(Map.of(), settings);
      node = TownhallNode.start(config, "redis://127.0.0.1:" + redisPort, NodeSecrets.resolve(config))
          .await(30, TimeUnit.SECONDS);
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

  private static void assertEveryVoteSeen(ResultSummary summary, int residents) {
    ResultSummary.Group group = summary.group(ClientGroup.RESIDENTS);
    long votes = summary.run().scheduledVotes();
    assertEquals(residents, group.clients());
    assertEquals(votes * residents, group.voteExpected());
    assertEquals(votes * residents, group.voteDeliveries(), "every vote visible at every resident");
    assertEquals(votes, group.votesSeenByAll());
    assertEquals(0, group.votesNotSeenByAll());
    assertTrue(summary.problems().isEmpty(), summary.problems().toString());
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

package townhall.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.domain.Language;
import townhall.record.ChainHash;
import townhall.record.RecordCsv;
import townhall.testing.Api;
import townhall.testing.Csv;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;
import townhall.testing.WsClient;

/**
 * A record of any length is read without holding Redis: a session with a chain of 100,000 asked questions (seeded
 * straight into Redis with correct hashes, as the scripts would have chained them) is exported while a resident of
 * another session keeps voting. Every Redis command of the export is seen in the SLOWLOG (threshold 0 on the test's
 * own Redis): each reads a bounded slice, none is a script over the chain. The export is complete (every question,
 * every link, as JSON and as CSV), a second download is served from the node's files (no chain read), the ETag
 * answers 304, gzip comes compressed, and downloads are limited per address.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class RecordExportAtScaleTest {
  private static final int QUESTIONS = 100_000;
  private static final int SLICE = 500;
  private static final int WINDOW = 30_000;

  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;
  private final HttpClient http = HttpClient.newHttpClient();
  private TownhallNode node;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
    client = RedisClient.create(redis.url());
    connection = client.connect();
  }

  @AfterAll
  static void stopRedis() {
    connection.close();
    client.shutdown();
    redis.close();
  }

  @AfterEach
  void stopNode() {
    TestNodes.stop(node);
  }

  @Test
  void aChainOf100000LinksIsExportedInBoundedSlicesWhileAnotherSessionVotes(Vertx vertx) throws Exception {
    String prefix = TestNodes.freshPrefix();
    node = TestNodes.start(redis, prefix, Map.of("record.sliceLinks", SLICE, "record.foldWindow", WINDOW,
        "record.liveMaxAgeMs", 3_600_000));
    Api api = new Api(node.port());
    JsonObject big = api.createSession("Phiên rất lớn", "post", true);
    String id = big.getString("id");
    String moderator = big.getString("moderatorToken");
    String finalHash = seedAskedQuestions(prefix, id, QUESTIONS);

    JsonObject other = api.createSession("Phiên khác", "post", true);
    try (WsClient resident = WsClient.join(vertx, node.port(), other.getString("id"), Msg.hello())) {
      resident.next("welcome");
      String questionId = resident.act(Msg.ask("Câu hỏi trong phiên khác")).getString("questionId");

      startSlowlog();
      CompletableFuture<HttpResponse<String>> export = http.sendAsync(request(id, "", moderator).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      List<JsonObject> answers = new ArrayList<>();
      int value = 1;
      while (!export.isDone() || answers.isEmpty()) {
        answers.add(resident.act(Msg.vote(questionId, value)));
        value = 1 - value;
      }
      for (JsonObject answer : answers) {
        assertEquals("ack", answer.getString("type"), "every vote during the export is applied: " + answer);
      }
      HttpResponse<String> json = export.get(300, TimeUnit.SECONDS);
      List<List<Object>> commands = slowlog();

      assertEquals(200, json.statusCode(), json.body().length() < 500 ? json.body() : "");
      assertCompleteJson(new JsonObject(json.body()), finalHash);

      String chainKey = prefix + ":{" + id + "}:chain";
      String sessionKeys = prefix + ":{" + id + "}:";
      int sliceReads = 0;
      for (List<Object> command : commands) {
        List<String> args = args(command);
        if (args.stream().noneMatch(a -> a.startsWith(sessionKeys))) {
          continue;
        }
        String name = args.get(0).toUpperCase();
        assertFalse(name.startsWith("EVAL") || name.startsWith("FCALL"),
            "no script runs over the exported session's keys: " + args);
        assertFalse(List.of("HVALS", "HGETALL", "ZRANGEBYSCORE", "SMEMBERS").contains(name)
            && !args.get(1).endsWith(":session"), "no unbounded read of a collection: " + args);
        if (args.contains(chainKey)) {
          assertEquals("XRANGE", name, "the chain is read by XRANGE only: " + args);
          int count = Integer.parseInt(args.get(args.indexOf("COUNT") + 1));
          assertTrue(count <= SLICE, "a slice of at most " + SLICE + " links: " + args);
          sliceReads++;
        }
        if (name.equals("ZRANGE") || name.equals("HSCAN")) {
          assertTrue(bounded(args), "a bounded slice: " + args);
        }
      }
      assertTrue(sliceReads >= (QUESTIONS + 1) / SLICE, "the chain was read in slices: " + sliceReads);
    }

    // a second download of the same head comes from the node's files: the head is read, nothing else of it
    startSlowlog();
    long builtAt = buildTime(id, moderator);
    HttpResponse<String> csv = http.send(request(id, "?format=csv", moderator).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, csv.statusCode());
    for (List<Object> command : slowlog()) {
      List<String> args = args(command);
      if (args.stream().anyMatch(a -> a.startsWith(prefix + ":{" + id + "}:"))) {
        assertTrue(args.get(1).endsWith("}:session"),
            "only the session hash (the head; the bearer's generation) is read again: " + args);
      }
    }
    assertEquals(builtAt, buildTime(id, moderator), "no second build");
    assertCompleteCsv(csv.body());
  }

  @Test
  void theEtagAnswers304GzipIsCompressedAndDownloadsAreLimitedPerAddress() throws Exception {
    String prefix = TestNodes.freshPrefix();
    node = TestNodes.start(redis, prefix, Map.of("rateLimits.exports.burst", 4, "rateLimits.exports.perMinute", 1));
    Api api = new Api(node.port());
    JsonObject session = api.createSession("Phiên nhỏ", "post", true);
    String id = session.getString("id");
    String moderator = session.getString("moderatorToken");
    String finalHash = seedAskedQuestions(prefix, id, 3);

    HttpResponse<byte[]> plain = http.send(request(id, "", moderator).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, plain.statusCode());
    String etag = plain.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.contains(finalHash), "the ETag is the chain's final hash: " + etag);
    assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "not compressed when not accepted");

    HttpResponse<byte[]> unchanged = http.send(request(id, "", moderator).header("If-None-Match", etag).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(304, unchanged.statusCode());
    assertEquals(0, unchanged.body().length);

    HttpResponse<byte[]> gzip = http.send(request(id, "", moderator).header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, gzip.statusCode());
    assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(""));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
      assertArrayEquals(plain.body(), in.readAllBytes(), "the same record, compressed");
    }

    HttpResponse<String> csv = http.send(request(id, "?format=csv", moderator).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, csv.statusCode(), "the fourth download of the burst");
    HttpResponse<String> refused = http.send(request(id, "", moderator).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(429, refused.statusCode());
    assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    assertEquals("rate_limited", new JsonObject(refused.body()).getString("error"));
  }

  private static void assertCompleteJson(JsonObject record, String finalHash) {
    JsonArray questions = record.getJsonArray("questions");
    assertEquals(QUESTIONS, questions.size(), "every question");
    for (int i = 0; i < QUESTIONS; i++) {
      JsonObject q = questions.getJsonObject(i);
      assertEquals(String.valueOf(i + 1), q.getString("id"), "in the order asked");
      assertEquals(text(i + 1), q.getString("text"));
    }
    assertEquals(QUESTIONS, record.getJsonObject("totals").getInteger("questions"));
    assertEquals(QUESTIONS, record.getJsonObject("totals").getInteger("open"));
    JsonObject chain = record.getJsonObject("chain");
    assertEquals(QUESTIONS + 1, chain.getInteger("length"));
    assertEquals(QUESTIONS + 1, chain.getJsonArray("links").size(), "every link");
    assertEquals(finalHash, chain.getString("finalHash"));
    JsonArray links = chain.getJsonArray("links");
    assertEquals(finalHash, links.getJsonObject(links.size() - 1).getString("hash"));
    assertEquals(QUESTIONS, record.getJsonObject("activity").getJsonArray("questions").stream()
        .mapToInt(c -> ((Number) c).intValue()).sum(), "every question counted in the activity");
  }

  private static void assertCompleteCsv(String csv) {
    assertTrue(csv.startsWith(RecordCsv.BOM));
    List<List<String>> rows = Csv.recordQuestions(csv.substring(1));
    assertEquals(RecordCsv.columns(Language.VI), rows.get(0));
    assertEquals(QUESTIONS + 1, rows.size(), "a header and a row per question");
    int text = RecordCsv.COLUMN_KEYS.indexOf("text");
    for (int i = 1; i <= QUESTIONS; i++) {
      assertEquals(String.valueOf(i), rows.get(i).get(0));
      assertEquals(text(i), rows.get(i).get(text));
    }
  }

  /** When the files served were built: a session that is not closed has it in its weak ETag. */
  private long buildTime(String id, String moderator) {
    try {
      HttpResponse<Void> head = http.send(request(id, "", moderator).header("If-None-Match", "\"none\"").build(),
          HttpResponse.BodyHandlers.discarding());
      String etag = head.headers().firstValue("ETag").orElseThrow();
      return Long.parseLong(etag.substring(etag.lastIndexOf('-') + 1, etag.length() - 1));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String id, String query, String bearer) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/sessions/" + id + "/record"
        + query)).header("Authorization", "Bearer " + bearer).timeout(Duration.ofSeconds(300));
  }

  private static String text(int i) {
    return "Câu hỏi số " + i + ": khi nào sửa xong đường Lê Lợi, đoạn " + (i % 97) + "?";
  }

  /**
   * Appends {@code count} asked questions to the session's chain as the ask script would (entry n, its hash
   * chained on the session's head), and moves the head; answers the final hash.
   */
  private static String seedAskedQuestions(String prefix, String sessionId, int count) throws Exception {
    RedisAsyncCommands<String, String> redisAsync = connection.async();
    String sessionKey = prefix + ":{" + sessionId + "}:session";
    String chainKey = prefix + ":{" + sessionId + "}:chain";
    Map<String, String> session = connection.sync().hgetall(sessionKey);
    long n = Long.parseLong(session.get("cn"));
    String hash = session.get("ch");
    long at = Long.parseLong(session.get("createdAt"));
    List<RedisFuture<?>> pending = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      n++;
      String entry = new JsonObject().put("k", "asked").put("n", n).put("at", at + i * 1000L)
          .put("q", String.valueOf(i)).put("text", text(i)).put("status", "live").encode();
      hash = ChainHash.next(hash, entry);
      pending.add(redisAsync.xadd(chainKey, new io.lettuce.core.XAddArgs().id(n + "-0"), Map.of("e", entry,
          "h", hash)));
      if (pending.size() == 1000) {
        for (RedisFuture<?> f : pending) {
          f.get(30, TimeUnit.SECONDS);
        }
        pending.clear();
      }
    }
    for (RedisFuture<?> f : pending) {
      f.get(30, TimeUnit.SECONDS);
    }
    connection.sync().hset(sessionKey, Map.of("cn", String.valueOf(n), "ch", hash));
    return hash;
  }

  private static void startSlowlog() {
    connection.sync().configSet("slowlog-log-slower-than", "0");
    connection.sync().configSet("slowlog-max-len", "2000000");
    connection.sync().slowlogReset();
  }

  @SuppressWarnings("unchecked")
  private static List<List<Object>> slowlog() {
    List<Object> entries = connection.sync().slowlogGet(Integer.MAX_VALUE);
    connection.sync().configSet("slowlog-log-slower-than", "10000");
    List<List<Object>> commands = new ArrayList<>();
    for (Object entry : entries) {
      commands.add((List<Object>) entry);
    }
    return commands;
  }

  /** A SLOWLOG entry's arguments: [id, time, micros, [args...], client, name]. */
  @SuppressWarnings("unchecked")
  private static List<String> args(List<Object> entry) {
    List<String> args = new ArrayList<>();
    for (Object arg : (List<Object>) entry.get(3)) {
      args.add(arg instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(arg));
    }
    return args;
  }

  /** A ZRANGE over at most 1,000 members, or an HSCAN with a COUNT of at most 1,000. */
  private static boolean bounded(List<String> args) {
    if (args.get(0).equalsIgnoreCase("ZRANGE")) {
      return Long.parseLong(args.get(3)) - Long.parseLong(args.get(2)) < 1000 && Long.parseLong(args.get(3)) >= 0;
    }
    int count = args.stream().map(String::toUpperCase).toList().indexOf("COUNT");
    return count > 0 && Integer.parseInt(args.get(count + 1)) <= 1000;
  }
}

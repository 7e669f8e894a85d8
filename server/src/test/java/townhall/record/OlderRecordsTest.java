package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.RecordScenario;
import townhall.testing.RespClient;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;

/**
 * Issue 13: records already published keep working. The record's first format (before texts were sealed, before
 * {@code not_reviewed}, categories, withholding, withdrawals and round activity buckets) was written by the code of
 * 2026-12-06 itself (see {@code src/test/resources/older-records/README.md}): a file a resident saved then still
 * verifies with {@code VerifyRecord}, and a change to it is still caught; the session as that version left it in
 * Redis is served by this version, verifies, and can be withdrawn and published again, its chain going on from where
 * the old one stopped. A file that claims the first format for a chain of the later kind gets no leniency.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OlderRecordsTest {
  private static final String FIXTURES = "older-records/";
  private static TestRedis redis;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private static String fixture(String name) {
    try (InputStream in = OlderRecordsTest.class.getClassLoader().getResourceAsStream(FIXTURES + name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String verify(Path file, String... options) {
    List<String> args = new ArrayList<>(List.of(options));
    args.add(file.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = VerifyRecord.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
    return exit + " " + out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRecordSavedInTheFirstFormatStillVerifiesAndAChangeToItIsStillCaught(@TempDir Path dir) throws IOException {
    String saved = fixture("first-format-record.json");
    JsonObject record = new JsonObject(saved);
    assertFalse(record.containsKey("view"), "the fixture is of the first format");
    Path file = Files.writeString(dir.resolve("record.json"), saved);
    String said = verify(file, "--expect", record.getJsonObject("chain").getString("finalHash"));
    assertTrue(said.startsWith("0 VERIFIED: 38 links"), said);

    JsonObject rejectedMadeAnswered = record.copy();
    JsonObject q4 = rejectedMadeAnswered.getJsonArray("questions").getJsonObject(3);
    assertEquals(RecordScenario.Q4, q4.getString("text"));
    q4.put("fate", "answered");
    assertFalse(RecordVerifier.verify(rejectedMadeAnswered).intact(), "a changed fate is caught");
    JsonObject reworded = record.copy();
    reworded.getJsonArray("questions").getJsonObject(1).put("text", "Chợ phường đóng cửa ngày lễ");
    assertFalse(RecordVerifier.verify(reworded).intact(), "a changed text is caught");
    JsonObject shifted = record.copy();
    shifted.getJsonObject("activity").put("from", record.getJsonObject("activity").getLong("from") - 60_000);
    assertFalse(RecordVerifier.verify(shifted).intact(), "a moved activity is caught");
  }

  @Test
  void aFileClaimingTheFirstFormatForALaterChainGetsNoLeniency() {
    String prefix = TestNodes.freshPrefix();
    TownhallNode node = TestNodes.start(redis, prefix);
    try {
      Api api = Api.of(node);
      io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
      try {
        RecordScenario.Result s = RecordScenario.run(vertx, api, node.port());
        assertEquals(200, api.post("/api/sessions/" + s.sessionId() + "/publish", "", TestNodes.ADMIN_TOKEN)
            .status());
        JsonObject record = api.get("/api/sessions/" + s.sessionId() + "/record").json();
        assertTrue(RecordVerifier.verify(record).intact());
        // dressed as the first format: no view, the question never reviewed called open, as the first format did
        JsonObject dressed = record.copy();
        dressed.remove("view");
        for (Object q : dressed.getJsonArray("questions")) {
          if ("not_reviewed".equals(((JsonObject) q).getString("fate"))) {
            ((JsonObject) q).put("fate", "open");
          }
        }
        JsonObject totals = dressed.getJsonObject("totals");
        totals.put("open", totals.getInteger("open") + totals.getInteger("notReviewed"));
        totals.remove("notReviewed");
        assertFalse(RecordVerifier.verify(dressed).intact(), "its chain seals texts: it is checked as it is");
      } finally {
        vertx.close();
      }
    } finally {
      TestNodes.stop(node);
    }
  }

  @Test
  void aSessionTheEarlierVersionLeftInRedisIsServedVerifiedWithdrawnAndPublishedAgain() {
    String prefix = TestNodes.freshPrefix();
    JsonObject dump = new JsonObject(fixture("first-format-redis.json"));
    String id = dump.getString("sessionId");
    restore(dump, prefix);
    TownhallNode node = TestNodes.start(redis, prefix);
    try {
      Api api = Api.of(node);
      String base = "/api/sessions/" + id;
      JsonObject before = new JsonObject(fixture("first-format-record.json"));

      Api.Reply served = api.get(base + "/record");
      assertEquals(200, served.status(), "published then, public now: " + served.body());
      JsonObject record = served.json();
      RecordVerifier.Result check = RecordVerifier.verify(record);
      assertTrue(check.intact(), () -> check.problems().toString());
      assertEquals(before.getJsonObject("chain").getString("finalHash"), check.finalHash(), "the same chain");
      assertEquals(before.getJsonObject("session").getLong("publishedAt"),
          record.getJsonObject("session").getLong("publishedAt"));
      // written in the open then, shown as before (docs/record.md, sealed fields)
      assertEquals(RecordScenario.Q1_EDITED, record.getJsonArray("questions").getJsonObject(0).getString("text"));
      assertEquals(8, record.getJsonObject("totals").getInteger("questions"));
      assertEquals(200, api.get(base + "/record?format=csv").status());
      assertEquals(200, api.get("/r/" + id).status());

      String reason = "Rà soát lại theo quy định mới";
      assertEquals(200, api.post(base + "/unpublish", new JsonObject().put("reason", reason).encode(),
          TestNodes.ADMIN_TOKEN).status());
      assertEquals(401, api.get(base + "/record").status(), "withdrawn");
      JsonObject full = api.get(base + "/record", TestNodes.ADMIN_TOKEN).json();
      assertEquals(reason, full.getJsonObject("session").getJsonArray("withdrawals").getJsonObject(0)
          .getString("reason"));
      assertEquals(200, api.post(base + "/publish", "", TestNodes.ADMIN_TOKEN).status());
      JsonObject again = api.get(base + "/record").json();
      RecordVerifier.Result checkAgain = RecordVerifier.verify(again);
      assertTrue(checkAgain.intact(), () -> checkAgain.problems().toString());
      assertEquals(40, again.getJsonObject("chain").getInteger("length"), "the old chain goes on: 38 + 2");
      JsonArray links = again.getJsonObject("chain").getJsonArray("links");
      assertEquals(before.getJsonObject("chain").getJsonArray("links").getJsonObject(37).getString("hash"),
          links.getJsonObject(37).getString("hash"), "nothing already chained changed");
    } finally {
      TestNodes.stop(node);
    }
  }

  /** Writes the dumped keys back under {@code prefix}, each as the type it had. */
  private static void restore(JsonObject dump, String prefix) {
    for (Object item : dump.getJsonArray("keys")) {
      JsonObject key = (JsonObject) item;
      String name = prefix + key.getString("key").substring(key.getString("key").indexOf(":{"));
      List<String> command = new ArrayList<>();
      switch (key.getString("type")) {
        case "string" -> command.addAll(List.of("SET", name, key.getString("value")));
        case "hash" -> {
          command.addAll(List.of("HSET", name));
          key.getJsonObject("value").forEach(e -> command.addAll(List.of(e.getKey(), (String) e.getValue())));
        }
        case "set" -> {
          command.addAll(List.of("SADD", name));
          key.getJsonArray("value").forEach(v -> command.add((String) v));
        }
        case "list" -> {
          command.addAll(List.of("RPUSH", name));
          key.getJsonArray("value").forEach(v -> command.add((String) v));
        }
        case "zset" -> {
          command.addAll(List.of("ZADD", name));
          key.getJsonArray("value").forEach(v -> {
            JsonArray pair = (JsonArray) v;
            command.add(new BigDecimal(pair.getValue(1).toString()).toPlainString());
            command.add(pair.getString(0));
          });
        }
        case "stream" -> {
          for (Object message : key.getJsonArray("value")) {
            JsonObject m = (JsonObject) message;
            List<String> add = new ArrayList<>(List.of("XADD", name, m.getString("id")));
            m.getJsonObject("fields").forEach(e -> add.addAll(List.of(e.getKey(), (String) e.getValue())));
            send(add);
          }
          continue;
        }
        default -> throw new AssertionError("a key of type " + key.getString("type"));
      }
      send(command);
    }
  }

  private static void send(List<String> command) {
    String reply = RespClient.command(redis.port(), command);
    // (an error reply comes as its text: "ERR ...", "WRONGTYPE ...")
    assertFalse(reply.startsWith("ERR") || reply.startsWith("WRONGTYPE") || reply.startsWith("Could not connect"),
        () -> command.get(0) + " " + command.get(1) + ": " + reply);
  }
}

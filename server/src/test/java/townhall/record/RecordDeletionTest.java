package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;
import townhall.testing.WsClient;

/**
 * The organizer deletes a session: every key with its hash tag, its join code and its index entry are gone, its id
 * and code answer 404, and its connected screens are closed with 4404; another session keeps everything.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordDeletionTest {
  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;
  private static String prefix;
  private static TownhallNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    client = RedisClient.create(redis.url());
    connection = client.connect();
    prefix = TestNodes.freshPrefix();
    // the node reads each session's log every 200 ms, so it soon finds a deleted session gone
    node = TestNodes.start(redis, prefix, Map.of("delivery.presenceHeartbeatMs", 200));
    api = new Api(node.port());
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
    connection.close();
    client.shutdown();
    redis.close();
  }

  private static List<String> keysOf(String sessionId) {
    return connection.sync().keys(prefix + ":{" + sessionId + "}:*");
  }

  /** A session with a question, a vote, an answer, a published record, closed; answers its id and code. */
  private static JsonObject busySession(Vertx vertx) {
    JsonObject created = api.createSession("Phiên sẽ bị xóa", "pre", true);
    String id = created.getString("id");
    try (WsClient mod = Moderation.join(vertx, node.port(), id, created.getString("moderatorToken"));
         WsClient alice = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      alice.next("welcome");
      String q = Moderation.asked(alice, "Câu hỏi của một phiên sẽ bị xóa");
      Moderation.ok(mod, Moderation.approve(q));
      Moderation.ok(alice, Moderation.vote(q, 1));
      Moderation.ok(mod, Moderation.answer(q, "Đã trả lời."));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    return created;
  }

  @Test
  void deletingASessionRemovesEveryKeyAndItsIdAndCodeAnswer404(Vertx vertx) {
    JsonObject doomed = busySession(vertx);
    JsonObject other = busySession(vertx);
    String id = doomed.getString("id");
    String code = doomed.getString("code");
    List<String> before = keysOf(id);
    assertTrue(before.size() >= 10, () -> "the session's keys: " + before);
    assertTrue(before.contains(prefix + ":{" + id + "}:chain"), () -> "its record chain: " + before);
    int otherBefore = keysOf(other.getString("id")).size();
    assertEquals(id, connection.sync().get(prefix + ":code:" + code));
    assertTrue(connection.sync().zscore(prefix + ":sessions", id) != null, "indexed for retention");
    String followCode = connection.sync().hkeys(prefix + ":{" + id + "}:follows").get(0);
    String otherFollowCode = connection.sync().hkeys(prefix + ":{" + other.getString("id") + "}:follows").get(0);
    assertEquals(id, connection.sync().get(prefix + ":follow:" + followCode), "its question's follow-up code");

    try (WsClient watcher = Moderation.join(vertx, node.port(), id, null)) {
      watcher.next("welcome");
      assertEquals(401, api.delete("/api/sessions/" + id, null).status());
      assertEquals(401, api.delete("/api/sessions/" + id, doomed.getString("moderatorToken")).status(),
          "a moderator may not delete");
      assertEquals(1L, connection.sync().exists(prefix + ":{" + id + "}:session"), "the refusals deleted nothing");

      assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
      assertEquals(List.of(), keysOf(id), "no key with the session's tag is left");
      assertNull(connection.sync().get(prefix + ":code:" + code), "the join code is free");
      assertNull(connection.sync().zscore(prefix + ":sessions", id), "the index entry is gone");
      assertNull(connection.sync().get(prefix + ":follow:" + followCode), "its follow-up code is freed");
      assertEquals(other.getString("id"), connection.sync().get(prefix + ":follow:" + otherFollowCode),
          "the other session's code stays");
      assertEquals(4404, watcher.awaitClose(), "its screens are told the session is gone");
    }
    assertEquals(List.of(), keysOf(id), "nothing of it was written back afterwards");
    assertEquals(otherBefore, keysOf(other.getString("id")).size(), "the other session keeps every key");

    assertEquals(404, api.get("/api/sessions/" + id).status());
    assertEquals(404, api.get("/api/sessions/by-code/" + code).status());
    assertEquals(404, api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).status());
    assertEquals(404, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    assertEquals(404, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    try (WsClient late = Moderation.join(vertx, node.port(), id, null)) {
      assertEquals("not_found", late.next("error").getString("code"));
    }
    assertEquals(List.of(), keysOf(id), "a hello to the deleted session writes nothing");
  }
}

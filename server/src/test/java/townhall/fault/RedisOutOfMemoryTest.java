package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.logging.LogFields;
import townhall.testing.Api;
import townhall.testing.FaultNodes;
import townhall.testing.Moderation;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * F9: Redis out of memory ({@code maxmemory} reached, {@code noeviction}). Every change must answer
 * {@code unavailable} at once (on Redis's own out-of-memory answer, which the node counts, not on a command timeout)
 * and change nothing (no key appears or disappears, no question moves), reads go on (residents still join;
 * {@code /health} stays 200), the node logs it, and writes work again as soon as Redis has room. How long the
 * answers take is printed, not asserted.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisOutOfMemoryTest {
  /** Room left above the memory in use when the limit is first set: a few dozen questions. */
  private static final long HEADROOM_BYTES = 64 * 1024;
  /** Once full, the limit goes this far below usage: Redis's own buffers come and go by kilobytes. */
  private static final long HOLD_MARGIN_BYTES = 256 * 1024;
  private static final int MAX_FILL_QUESTIONS = 1000;
  private static final Pattern USED_MEMORY = Pattern.compile("(?m)^used_memory:(\\d+)");

  private final Logger townhallLogs = Logger.getLogger("townhall");
  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        warnings.add(record);
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  private RedisProcess redis;
  private TownhallNode node;
  private Api api;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    node = FaultNodes.start(redis.url(), TestNodes.freshPrefix());
    api = Api.of(node);
    townhallLogs.addHandler(capture);
  }

  @AfterEach
  void stop() {
    townhallLogs.removeHandler(capture);
    TestNodes.stop(node);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void fullRedisRefusesEveryChangeWithUnavailableAndChangesNothingUntilItHasRoomAgain(Vertx vertx) {
    JsonObject session = FaultNodes.session(api, "Redis hết bộ nhớ");
    String sessionId = session.getString("id");
    String moderatorToken = session.getString("moderatorToken");
    int port = node.port();
    try (WsClient moderator = Moderation.join(vertx, port, sessionId, moderatorToken);
        WsClient alice = Moderation.join(vertx, port, sessionId, null);
        WsClient bob = Moderation.join(vertx, port, sessionId, null)) {
      moderator.next("welcome");
      String bobToken = Moderation.token(bob.next("welcome"));
      alice.next("welcome");
      String roads = Moderation.asked(alice, "Khi nào sửa xong đường Lê Lợi?");
      String parking = Moderation.asked(alice, "Có thể mở thêm bãi giữ xe không?");
      String bobs = Moderation.asked(bob, "Chợ Bến Thành có được sửa mái không?");
      Moderation.ok(bob, Moderation.vote(roads, 1));
      Moderation.ok(alice, Moderation.vote(bobs, 1));

      // Redis fills up: the limit just above what it holds, then residents' questions take the rest
      redis.cli("CONFIG", "SET", "maxmemory", String.valueOf(usedMemory() + HEADROOM_BYTES));
      JsonObject refused = null;
      int filled = 0;
      while (refused == null) {
        assertTrue(filled < MAX_FILL_QUESTIONS, "Redis took " + filled + " questions without running out");
        JsonObject answer = Moderation.act(bob, Moderation.ask("Câu hỏi số " + filled + ": "
            + "Đề nghị phường công khai tiến độ và kinh phí sửa chữa các tuyến đường trong khu dân cư. ".repeat(4)));
        if ("ack".equals(answer.getString("type"))) {
          filled++;
        } else {
          refused = answer;
        }
      }
      Moderation.assertError("unavailable", refused);
      assertEquals("Storage is full, retry later", refused.getString("message"));
      long limit = usedMemory() - HOLD_MARGIN_BYTES;
      assertTrue(limit > 0, "used_memory is below the hold margin");
      redis.cli("CONFIG", "SET", "maxmemory", String.valueOf(limit));

      String keysBefore = redis.cli("DBSIZE");
      JsonObject before = Moderation.view(Moderation.freshWelcome(vertx, port, sessionId, moderatorToken));
      double oomBefore = api.metric("townhall_redis_errors_total", "kind=\"oom\"");

      Map<String, JsonObject> changes = new LinkedHashMap<>();
      changes.put("ask", Moderation.ask("Câu hỏi gửi khi Redis đầy"));
      changes.put("upvote", Moderation.vote(parking, 1));
      changes.put("take a vote back", Moderation.vote(roads, 0));
      changes.put("withdraw", Moderation.withdraw(bobs));
      changes.put("highlight", Moderation.highlight(roads));
      changes.put("answer", Moderation.answer(parking, "Phường sẽ trả lời bằng văn bản."));
      changes.put("reject", Moderation.reject(bobs, "Trùng lặp"));
      changes.put("pause", Moderation.session("pause"));
      Map<String, String> refs = new LinkedHashMap<>();
      long slowestMs = 0;
      for (Map.Entry<String, JsonObject> change : changes.entrySet()) {
        WsClient actor = change.getKey().equals("ask") ? alice
            : List.of("upvote", "take a vote back", "withdraw").contains(change.getKey()) ? bob : moderator;
        long sent = System.nanoTime();
        String ref = Moderation.sendOnly(actor, change.getValue());
        JsonObject answer = actor.answerToKeeping(ref);
        slowestMs = Math.max(slowestMs, FaultNodes.millisSince(sent));
        Moderation.assertError("unavailable", answer);
        refs.put(change.getKey(), ref);
      }
      Api.Reply created = api.post("/api/sessions", new JsonObject().put("title", "Phiên mới khi Redis đầy")
          .encode(), TestNodes.ADMIN_TOKEN);
      assertEquals(503, created.status(), created::body);
      assertEquals("unavailable", created.json().getString("error"));
      Api.Reply paused = api.post("/api/sessions/" + sessionId + "/status",
          new JsonObject().put("status", "paused").encode(), TestNodes.ADMIN_TOKEN);
      assertEquals(503, paused.status(), paused::body);

      assertEquals(keysBefore, redis.cli("DBSIZE"), "keys in Redis");
      JsonObject after = Moderation.view(Moderation.freshWelcome(vertx, port, sessionId, moderatorToken));
      assertEquals(before, after, "what moderators see");
      assertTrue(Moderation.question(Moderation.freshWelcome(vertx, port, sessionId, bobToken), roads)
          .getBoolean("voted"), "bob's vote on the first question");
      assertTrue(api.metric("townhall_redis_errors_total", "kind=\"oom\"") >= oomBefore + changes.size(),
          "the node counts Redis's out-of-memory answers");
      assertTrue(warnings.stream().anyMatch(r -> isOutOfMemoryWarning(r)
              && sessionId.equals(LogFields.of(r).values().get(LogFields.SESSION))),
          () -> "a warning with Redis's OOM answer and the session among " + messages(warnings));
      // a full Redis still serves reads: the node keeps taking residents (see docs/operations-metrics.md)
      Api.Reply health = api.get("/health");
      assertEquals(200, health.status(), health::body);
      assertEquals("UP", health.json().getString("redis"));
      try (WsClient newcomer = Moderation.join(vertx, port, sessionId, null)) {
        assertNotNull(Moderation.question(newcomer.next("welcome"), roads), "a newcomer's welcome");
      }

      // room again: the same refs go through, once
      redis.cli("CONFIG", "SET", "maxmemory", "0");
      long freed = System.nanoTime();
      JsonObject ask = retryUntilAcknowledged(alice, refs.get("ask"), changes.get("ask"),
          FaultNodes.GIVE_UP_SECONDS);
      long askMs = FaultNodes.millisSince(freed);
      JsonObject takeBack = retryUntilAcknowledged(bob, refs.get("take a vote back"),
          changes.get("take a vote back"), FaultNodes.GIVE_UP_SECONDS);
      assertEquals(0, takeBack.getInteger("votes"), "the first question's votes once bob took his back");
      assertNotNull(Moderation.question(Moderation.freshWelcome(vertx, port, sessionId, moderatorToken),
          ask.getString("questionId")), "the question asked while Redis was full, asked again");
      System.out.printf("F9 Redis out of memory: full after %d more questions; %d changes refused, the slowest "
          + "answer after %d ms; writes back %d ms after maxmemory 0%n", filled, changes.size(), slowestMs, askMs);
    }
  }

  /** Resends {@code message} with {@code ref} until it is acknowledged; fails after {@code seconds}. */
  private static JsonObject retryUntilAcknowledged(WsClient ws, String ref, JsonObject message, long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<JsonObject> answers = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      ws.send(message.copy().put("ref", ref));
      JsonObject answer = ws.answerToKeeping(ref);
      if ("ack".equals(answer.getString("type"))) {
        return answer;
      }
      answers.add(answer);
    }
    throw new AssertionError("Not acknowledged within " + seconds + " s: " + answers);
  }

  private long usedMemory() {
    Matcher used = USED_MEMORY.matcher(redis.cli("INFO", "memory"));
    assertTrue(used.find(), "INFO memory has used_memory");
    return Long.parseLong(used.group(1));
  }

  private static boolean isOutOfMemoryWarning(LogRecord record) {
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).startsWith("OOM")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> messages(List<LogRecord> records) {
    return records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage() + " " + LogFields.of(r)).toList();
  }
}

package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.FaultNodes;
import townhall.testing.FaultProxy;
import townhall.testing.HistoryChecker;
import townhall.testing.Moderation;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;

/**
 * F3 and F3b through the {@link FaultProxy} between the node and Redis: Redis refused (every connection closed,
 * reconnects closed at once) or blackholed (connections open, nothing answers). Writes answer {@code unavailable}
 * and never hang (a blackholed Redis is noticed by the command timeout), {@code /health} turns 503, once Redis is
 * reachable again the node is healthy by itself and the client outbox's retries with the same refs apply exactly
 * once. How fast each of these happens (the fault matrix's "within 5 s") is printed for {@code docs/performance.md},
 * not asserted: a loaded build machine must not turn the build red.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnreachableRedisTest {
  private RedisProcess redis;
  private FaultProxy proxy;
  private TownhallNode node;
  private Api api;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    proxy = FaultProxy.start(redis.port());
    node = FaultNodes.start(proxy.url(), TestNodes.freshPrefix());
    api = Api.of(node);
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.pass();
    }
    TestNodes.stop(node);
    if (proxy != null) {
      proxy.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void unreachableRedisBehindTheProxyMakesWritesUnavailableAndRecovers(Vertx vertx) {
    refusedFor(vertx, 3_000);
  }

  /** The F3 row of the fault matrix: Redis unreachable for 10 s, then the node recovers by itself. */
  @Test
  void redisUnreachableForTenSecondsRecoversOnceItReturns(Vertx vertx) {
    refusedFor(vertx, 10_000);
  }

  private void refusedFor(Vertx vertx, long outageMs) {
    JsonObject session = FaultNodes.session(api, "Redis không kết nối được");
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    HistoryChecker.Client alice = checker.joinResident("alice", node.port());
    HistoryChecker.Client bob = checker.joinResident("bob", node.port());
    HistoryChecker.Client moderator = checker.joinModerator("moderator", node.port());
    String before = alice.ask("Câu hỏi trước khi mất Redis").getString("questionId");
    Moderation.assertAck(bob.vote(before, 1));

    proxy.refuse();
    long down = System.nanoTime();
    long unhealthyMs = FaultNodes.awaitHealth(api, 503, FaultNodes.GIVE_UP_SECONDS);

    // the outbox of each client resends its action with the same ref after the retryAfterMs it was told
    String askRef = bob.nextRef();
    String voteRef = alice.nextRef();
    String text = "Câu hỏi gửi lại từ hộp thư đi";
    long worstMs = 0;
    int attempts = 0;
    do {
      long sent = System.nanoTime();
      JsonObject ask = bob.ask(askRef, text);
      worstMs = Math.max(worstMs, FaultNodes.millisSince(sent));
      Moderation.assertError("unavailable", ask);
      sent = System.nanoTime();
      JsonObject vote = alice.vote(voteRef, before, 1);
      worstMs = Math.max(worstMs, FaultNodes.millisSince(sent));
      Moderation.assertError("unavailable", vote);
      attempts++;
      outboxBackoff(vertx, ask);
    } while (FaultNodes.millisSince(down) < outageMs);
    moderator.assertAnswering();

    proxy.pass();
    long back = System.nanoTime();
    Await.until(() -> FaultNodes.health(api) == 200, FaultNodes.GIVE_UP_SECONDS,
        "/health 200 once Redis is reachable again (after " + outageMs + " ms unreachable)");
    long recoveredMs = FaultNodes.millisSince(back);

    JsonObject ask = bob.ask(askRef, text);
    Moderation.assertAck(ask);
    Moderation.assertAck(alice.vote(voteRef, before, 1));
    String questionId = ask.getString("questionId");
    for (HistoryChecker.Client client : checker.clients()) {
      client.awaitQuestion(questionId);
    }
    assertEquals(1, HistoryChecker.copiesOf(checker.authoritative(node.port()), text), "applied exactly once");
    System.out.printf("F3 Redis refused %d ms: health 503 after %d ms, %d outbox attempts, slowest unavailable"
        + " %d ms, health 200 %d ms after Redis was reachable again%n", outageMs, unhealthyMs, attempts, worstMs,
        recoveredMs);
    checker.assertConsistent(node.port(), FaultNodes.GIVE_UP);
  }

  @Test
  void blackholedRedisBehindTheProxyMakesWritesAnswerUnavailableByTheCommandTimeoutAndRecovers(Vertx vertx) {
    JsonObject session = FaultNodes.session(api, "Redis im lặng");
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    HistoryChecker.Client alice = checker.joinResident("alice", node.port());
    HistoryChecker.Client moderator = checker.joinModerator("moderator", node.port());
    alice.ask("Câu hỏi trước khi Redis im lặng");

    double timeoutsBefore = api.metric("townhall_redis_errors_total", "kind=\"timeout\"");
    proxy.blackhole();
    String askRef = alice.nextRef();
    String text = "Câu hỏi gửi khi Redis im lặng";
    long sent = System.nanoTime();
    JsonObject answer = alice.ask(askRef, text);
    long askMs = FaultNodes.millisSince(sent);
    Moderation.assertError("unavailable", answer);
    long asked = System.nanoTime();
    assertEquals(503, FaultNodes.health(api), "/health while Redis is blackholed");
    long healthMs = FaultNodes.millisSince(asked);
    moderator.assertAnswering();

    proxy.pass();
    long recoveredMs = FaultNodes.awaitHealth(api, 200, FaultNodes.GIVE_UP_SECONDS);
    // nothing answered through the blackhole: the node gave up on the ask's command after the command timeout
    assertTrue(api.metric("townhall_redis_errors_total", "kind=\"timeout\"") >= timeoutsBefore + 1,
        "the blackholed ask counted as a command timeout");
    JsonObject retry = alice.ask(askRef, text);
    Moderation.assertAck(retry);
    moderator.awaitQuestion(retry.getString("questionId"));
    assertEquals(1, HistoryChecker.copiesOf(checker.authoritative(node.port()), text), "applied exactly once");
    System.out.printf("F3b Redis blackholed: ask unavailable after %d ms, health 503 after %d ms, health 200 %d ms"
        + " after the blackhole ended; retried ask duplicate=%s%n", askMs, healthMs, recoveredMs,
        retry.getBoolean("duplicate", false));
    checker.assertConsistent(node.port(), FaultNodes.GIVE_UP);
  }

  /**
   * Waits the {@code retryAfterMs} an {@code unavailable} error asks for (1 s when absent), as the browser outbox
   * does before resending: a Vert.x timer awaited with a deadline, not a synchronisation by sleeping.
   */
  private static void outboxBackoff(Vertx vertx, JsonObject error) {
    long retryAfterMs = Math.max(100, error.getLong("retryAfterMs", 1000L));
    Await.result(vertx.timer(retryAfterMs, TimeUnit.MILLISECONDS), 10);
  }
}

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
import townhall.testing.FaultNodes;
import townhall.testing.HistoryChecker;
import townhall.testing.Moderation;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;

/**
 * F3b: a frozen Redis (SIGSTOP): its TCP connections stay up and nothing answers, so only the command timeout can
 * notice. Writes must answer {@code unavailable} (the node counts them as command timeouts), never hang, and
 * everything must recover once Redis resumes. How long the answers take (about the 2 s command timeout) is printed
 * for {@code docs/performance.md}, not asserted: a loaded build machine must not turn the build red.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrozenRedisTest {
  private RedisProcess redis;
  private TownhallNode node;
  private Api api;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    node = FaultNodes.start(redis.url(), TestNodes.freshPrefix());
    api = Api.of(node);
  }

  @AfterEach
  void stop() {
    if (redis != null && redis.isAlive()) {
      redis.sigcont();
    }
    TestNodes.stop(node);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void frozenRedisMakesWritesAnswerUnavailableByTheCommandTimeoutAndRecovers(Vertx vertx) {
    JsonObject session = FaultNodes.session(api, "Redis đứng hình");
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    HistoryChecker.Client alice = checker.joinResident("alice", node.port());
    HistoryChecker.Client bob = checker.joinResident("bob", node.port());
    HistoryChecker.Client moderator = checker.joinModerator("moderator", node.port());
    String before = alice.ask("Câu hỏi trước khi Redis đứng").getString("questionId");
    Moderation.assertAck(bob.vote(before, 1));

    double timeoutsBefore = api.metric("townhall_redis_errors_total", "kind=\"timeout\"");
    redis.sigstop();
    String voteRef = alice.nextRef();
    String askRef = bob.nextRef();
    String frozenText = "Câu hỏi gửi lúc Redis đứng";
    long sent = System.nanoTime();
    alice.sendVote(voteRef, before, 1);
    bob.sendAsk(askRef, frozenText);
    JsonObject voteAnswer = alice.awaitVote(voteRef, before, 1);
    long voteMs = FaultNodes.millisSince(sent);
    JsonObject askAnswer = bob.awaitAsk(askRef, frozenText);
    long askMs = FaultNodes.millisSince(sent);
    Moderation.assertError("unavailable", voteAnswer);
    Moderation.assertError("unavailable", askAnswer);

    long asked = System.nanoTime();
    int health = FaultNodes.health(api);
    long healthMs = FaultNodes.millisSince(asked);
    assertEquals(503, health, "/health while Redis is frozen");
    moderator.assertAnswering(); // the socket itself never hangs

    redis.sigcont();
    long recoveredMs = FaultNodes.awaitHealth(api, 200, FaultNodes.GIVE_UP_SECONDS);
    // nothing answered while Redis was frozen: the node gave up on its commands after the command timeout (the
    // vote, the ask and the health check's PING), it did not hang on them
    assertTrue(api.metric("townhall_redis_errors_total", "kind=\"timeout\"") >= timeoutsBefore + 2,
        "the frozen Redis's unanswered commands counted as timeouts");

    // the client's outbox resends both with the same refs: each applies once, whatever the frozen Redis did
    JsonObject askRetry = bob.ask(askRef, frozenText);
    Moderation.assertAck(askRetry);
    JsonObject voteRetry = alice.vote(voteRef, before, 1);
    Moderation.assertAck(voteRetry);
    assertEquals(2, alice.votesOf(before), "bob's and alice's upvotes");
    JsonObject truth = checker.authoritative(node.port());
    assertEquals(1, HistoryChecker.copiesOf(truth, frozenText), "the retried ask exists exactly once");
    System.out.printf("F3b frozen Redis: vote unavailable after %d ms, ask after %d ms, health 503 after %d ms,"
        + " health 200 %d ms after SIGCONT; retried ask duplicate=%s, retried vote duplicate=%s%n", voteMs, askMs,
        healthMs, recoveredMs, askRetry.getBoolean("duplicate", false), voteRetry.getBoolean("duplicate", false));
    // every screen converges on the counts too (bob and the moderator saw 1 before the freeze)
    checker.assertConsistent(node.port(), FaultNodes.GIVE_UP);
  }
}

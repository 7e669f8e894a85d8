package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
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
 * F7: the same action with the same ref sent by one participant to two nodes at the same moment (a browser whose
 * outbox resends over a new connection to another node while the first attempt is still in flight): it applies
 * once, and every attempt is answered with the same result.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DuplicateSubmissionTest {
  private static final int ROUNDS = 10;

  private RedisProcess redis;
  private TownhallNode nodeA;
  private TownhallNode nodeB;
  private Api api;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    String prefix = TestNodes.freshPrefix();
    nodeA = FaultNodes.start(redis.url(), prefix);
    nodeB = FaultNodes.start(redis.url(), prefix);
    api = new Api(nodeA.port());
  }

  @AfterEach
  void stop() {
    TestNodes.stop(nodeA);
    TestNodes.stop(nodeB);
    if (redis != null) {
      redis.close();
    }
  }

  /** Runs {@code a} and {@code b} on two threads released at the same moment; waits for both. */
  private static void atOnce(Runnable a, Runnable b) {
    CyclicBarrier barrier = new CyclicBarrier(2);
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
      await(barrier);
      a.run();
    });
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
      await(barrier);
      b.run();
    });
    CompletableFuture.allOf(first, second).orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void sameRefConcurrentlyOnTwoNodesCreatesOneQuestion(Vertx vertx) {
    JsonObject session = FaultNodes.session(api, "Gửi trùng trên hai máy");
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    HistoryChecker.Client onA = checker.joinResident("resident@A", nodeA.port());
    HistoryChecker.Client onB = checker.join("resident@B", nodeB.port(), onA.token());
    assertEquals(onA.participantId(), onB.participantId(), "one participant, two sockets");
    HistoryChecker.Client moderator = checker.joinModerator("moderator", nodeB.port());

    int duplicates = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String ref = onA.nextRef();
      String text = "Câu hỏi gửi đồng thời lần " + round;
      atOnce(() -> onA.sendAsk(ref, text), () -> onB.sendAsk(ref, text));
      JsonObject fromA = onA.awaitAsk(ref, text);
      JsonObject fromB = onB.awaitAsk(ref, text);
      Moderation.assertAck(fromA);
      Moderation.assertAck(fromB);
      assertEquals(fromA.getString("questionId"), fromB.getString("questionId"), "one question for one ref");
      assertNotEquals(fromA.getBoolean("duplicate", false), fromB.getBoolean("duplicate", false),
          () -> "exactly one answer is the repeat: " + fromA + " / " + fromB);
      duplicates += fromB.getBoolean("duplicate", false) ? 1 : 0;
      moderator.awaitQuestion(fromA.getString("questionId"));
      assertEquals(1, HistoryChecker.copiesOf(checker.authoritative(nodeA.port()), text), text);
    }
    System.out.printf("F7 same ref on two nodes: %d rounds, node B's answer was the repeat %d times%n", ROUNDS,
        duplicates);
    checker.assertConsistent(nodeA.port(), FaultNodes.GIVE_UP);
  }

  @Test
  void sameVoteRefConcurrentlyOnTwoNodesCountsOnce(Vertx vertx) {
    JsonObject session = FaultNodes.session(api, "Bỏ phiếu trùng trên hai máy");
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    HistoryChecker.Client asker = checker.joinResident("asker", nodeB.port());
    HistoryChecker.Client onA = checker.joinResident("voter@A", nodeA.port());
    HistoryChecker.Client onB = checker.join("voter@B", nodeB.port(), onA.token());
    String questionId = asker.ask("Câu hỏi được bỏ phiếu trùng").getString("questionId");
    onA.awaitQuestion(questionId);
    onB.awaitQuestion(questionId);

    for (int round = 0; round < ROUNDS; round++) {
      int value = round % 2 == 0 ? 1 : 0;
      String ref = onA.nextRef();
      atOnce(() -> onA.sendVote(ref, questionId, value), () -> onB.sendVote(ref, questionId, value));
      JsonObject fromA = onA.awaitVote(ref, questionId, value);
      JsonObject fromB = onB.awaitVote(ref, questionId, value);
      Moderation.assertAck(fromA);
      Moderation.assertAck(fromB);
      assertEquals(value, fromA.getInteger("votes"), "the count after round " + round);
      assertEquals(fromA.getInteger("votes"), fromB.getInteger("votes"));
      assertEquals(fromA.getLong("version"), fromB.getLong("version"), "the same answer, repeated");
    }
    asker.awaitVotes(questionId, 0);
    checker.assertConsistent(nodeA.port(), FaultNodes.GIVE_UP);
  }
}

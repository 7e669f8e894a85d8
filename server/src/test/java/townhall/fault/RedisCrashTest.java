package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import townhall.testing.HistoryChecker;
import townhall.testing.Moderation;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;

/**
 * F2 and F1: Redis killed with {@code kill -9} (or stopped with SIGTERM) mid-session and started again on its own
 * data ({@code appendfsync always}) and port. No acknowledged write is lost, writes meanwhile answer
 * {@code unavailable}, the nodes recover by themselves, and residents converge, connected or resuming. How fast the
 * writes are answered and the nodes recover is printed for {@code docs/performance.md}, not asserted: a loaded build
 * machine must not turn the build red.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisCrashTest {
  private RedisProcess redis;
  private String prefix;
  private TownhallNode nodeA;
  private TownhallNode nodeB;
  private Api apiA;
  private Api apiB;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    prefix = TestNodes.freshPrefix();
    nodeA = FaultNodes.start(redis.url(), prefix);
    nodeB = FaultNodes.start(redis.url(), prefix);
    apiA = new Api(nodeA.port());
    apiB = new Api(nodeB.port());
  }

  @AfterEach
  void stop() {
    TestNodes.stop(nodeA);
    TestNodes.stop(nodeB);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void redisKilledAndRestartedOnItsDataLosesNoAcknowledgedWrite(Vertx vertx) {
    restartMidSession(vertx, "kill -9", redis::kill9);
  }

  /** F1: the same with a graceful stop (SIGTERM: Redis closes its connections and exits) instead of a crash. */
  @Test
  void redisStoppedAndRestartedOnItsDataLosesNoAcknowledgedWrite(Vertx vertx) {
    restartMidSession(vertx, "SIGTERM", redis::stop);
  }

  private void restartMidSession(Vertx vertx, String how, Runnable fault) {
    JsonObject session = FaultNodes.session(apiA, "Redis sập và khởi động lại");
    String sessionId = session.getString("id");
    HistoryChecker checker = new HistoryChecker(vertx, sessionId, session.getString("moderatorToken"));
    List<HistoryChecker.Client> residents = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      residents.add(checker.joinResident("r" + i, (i % 2 == 0 ? nodeA : nodeB).port()));
    }
    HistoryChecker.Client moderator = checker.joinModerator("moderator", nodeA.port());
    HistoryChecker.Client leaver = checker.joinResident("leaver", nodeB.port());

    // 20 acknowledged asks and their votes, spread over both nodes
    List<String> questions = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      for (HistoryChecker.Client asker : residents) {
        JsonObject ack = asker.ask("Câu hỏi " + round + " của " + asker.name());
        Moderation.assertAck(ack);
        questions.add(ack.getString("questionId"));
      }
    }
    int acknowledgedVotes = 0;
    for (int i = 0; i < questions.size(); i++) {
      for (int v = 0; v < residents.size(); v++) {
        if ((i + v) % 3 != 0) {
          Moderation.assertAck(residents.get(v).vote(questions.get(i), 1));
          acknowledgedVotes++;
        }
      }
      if (i % 4 == 0) {
        Moderation.assertAck(residents.get(1).vote(questions.get(i), 0)); // some upvotes taken back
        acknowledgedVotes++;
      }
    }
    // every screen shows every question and count before the crash (a count still on its way when Redis dies is
    // a different fault: see PubSubLossTest)
    checker.awaitConvergence(nodeA.port(), FaultNodes.GIVE_UP);
    leaver.disconnect();

    fault.run();
    long killed = System.nanoTime();
    HistoryChecker.Client asker = residents.get(0);
    HistoryChecker.Client voter = residents.get(3);
    String askRef = asker.nextRef();
    String voteRef = voter.nextRef();
    String lostText = "Câu hỏi gửi khi Redis đã sập";
    long sent = System.nanoTime();
    Moderation.assertError("unavailable", asker.ask(askRef, lostText));
    Moderation.assertError("unavailable", voter.vote(voteRef, questions.get(0), 1));
    long unavailableMs = FaultNodes.millisSince(sent);
    FaultNodes.awaitHealth(apiA, 503, FaultNodes.GIVE_UP_SECONDS);
    FaultNodes.awaitHealth(apiB, 503, FaultNodes.GIVE_UP_SECONDS);

    redis.restartSameDirAndPort();
    long restarted = System.nanoTime();
    long downMs = TimeUnit.NANOSECONDS.toMillis(restarted - killed);
    // recovered by itself: both nodes healthy, and both following the session on pub/sub again
    Await.until(() -> FaultNodes.health(apiA) == 200 && FaultNodes.health(apiB) == 200
        && FaultNodes.subscribers(redis, prefix, sessionId) == 2, FaultNodes.GIVE_UP_SECONDS,
        "both nodes healthy and subscribed again after Redis restarted");
    long recoveredMs = FaultNodes.millisSince(restarted);

    // nothing acknowledged was lost: every question, every count (AOF, appendfsync always)
    JsonObject afterRestart = checker.authoritative(nodeB.port());
    checker.acknowledgedQuestions().forEach((text, id) -> assertEquals(1, HistoryChecker.copiesOf(afterRestart, text),
        () -> "acknowledged question '" + text + "' after the restart"));

    // the outbox resends; new writes work on both nodes
    JsonObject resent = asker.ask(askRef, lostText);
    Moderation.assertAck(resent);
    Moderation.assertAck(voter.vote(voteRef, questions.get(0), 1));
    JsonObject fresh = residents.get(1).ask("Câu hỏi mới sau khi Redis trở lại");
    Moderation.assertAck(fresh);
    Moderation.assertAck(residents.get(2).vote(fresh.getString("questionId"), 1));
    Moderation.assertAck(moderator.act(Moderation.highlight(resent.getString("questionId"))));

    // residents connected throughout get the next events; the one that left resumes and gets what it missed
    for (HistoryChecker.Client client : checker.clients()) {
      if (client.isConnected()) {
        client.awaitQuestion(fresh.getString("questionId"));
      }
    }
    long missedFrom = leaver.lastSeq();
    JsonObject greeting = leaver.resume(nodeA.port());
    assertEquals("resumed", greeting.getString("type"), () -> "resume after the restart: " + greeting);
    leaver.awaitQuestion(resent.getString("questionId"));
    leaver.awaitQuestion(fresh.getString("questionId"));
    assertTrue(greeting.getLong("seq") > missedFrom, "the leaver missed events");

    System.out.printf("F2/F1 %s: %d acknowledged asks, %d acknowledged votes; writes unavailable in %d ms; Redis"
        + " down %d ms; nodes healthy and subscribed %d ms after the restart%n", how, questions.size(),
        acknowledgedVotes, unavailableMs, downMs, recoveredMs);
    checker.assertConsistent(nodeA.port(), FaultNodes.GIVE_UP);
    Map<String, String> acked = checker.acknowledgedQuestions();
    assertEquals(questions.size() + 2, acked.size(), "20 asks before, the resent one and the fresh one");
  }
}

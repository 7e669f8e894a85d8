package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
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

/** The history checker itself, without faults: it accepts what the protocol allows and reports what it does not. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HistoryCheckerTest {
  private RedisProcess redis;
  private TownhallNode node;
  private Api api;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    node = FaultNodes.start(redis.url(), TestNodes.freshPrefix());
    api = new Api(node.port());
  }

  @AfterEach
  void stop() {
    TestNodes.stop(node);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void residentsMaySkipTheEventsOfQuestionsTheyCannotSee(Vertx vertx) {
    JsonObject session = api.createSession("Kiểm duyệt trước", "pre", true);
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    HistoryChecker.Client author = checker.joinResident("author", node.port());
    HistoryChecker.Client other = checker.joinResident("other", node.port());
    HistoryChecker.Client moderator = checker.joinModerator("moderator", node.port());
    String hidden = author.ask("Câu hỏi chờ duyệt mãi").getString("questionId");
    String shown = author.ask("Câu hỏi sẽ được duyệt").getString("questionId");
    moderator.awaitQuestion(shown);
    Moderation.assertAck(moderator.act(Moderation.approve(shown)));
    other.next(f -> Moderation.isQuestion(f, shown, "live"), "the approved question");
    Moderation.assertAck(other.vote(shown, 1));

    checker.assertConsistent(node.port(), FaultNodes.GIVE_UP);
    assertEquals(null, other.statusOf(hidden), "the other resident never saw the pending question");
    assertEquals("pending", author.statusOf(hidden), "its author did");
  }

  @Test
  void aClientThatSkippedAnEventItMaySeeFailsTheCheck(Vertx vertx) {
    JsonObject session = FaultNodes.session(api, "Bỏ sót sự kiện");
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    HistoryChecker.Client alice = checker.joinResident("alice", node.port());
    HistoryChecker.Client bob = checker.joinResident("bob", node.port());
    String first = alice.ask("Câu hỏi bob đọc lén").getString("questionId");
    bob.ws().next(f -> Moderation.isQuestion(f, first), "read past the checker"); // bob's view never applies it
    String second = alice.ask("Câu hỏi tiếp theo").getString("questionId");
    bob.awaitQuestion(second);
    Moderation.assertAck(alice.vote(second, 1));

    AssertionError failure = assertThrows(AssertionError.class,
        () -> checker.assertConsistent(node.port(), Duration.ofSeconds(2)));
    assertTrue(failure.getMessage().contains("I5: resident bob skipped seq 1"), failure.getMessage());
    assertTrue(failure.getMessage().contains("misses question " + first), failure.getMessage());
  }

  @Test
  void aCountThatNeverArrivesFailsTheCheck(Vertx vertx) {
    JsonObject session = FaultNodes.session(api, "Số phiếu cũ");
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    HistoryChecker.Client alice = checker.joinResident("alice", node.port());
    HistoryChecker.Client bob = checker.joinResident("bob", node.port());
    String questionId = alice.ask("Câu hỏi có phiếu").getString("questionId");
    bob.awaitQuestion(questionId);
    Moderation.assertAck(alice.vote(questionId, 1));
    bob.ws().awaitVotes(questionId, 1); // read past the checker: bob's view keeps 0

    AssertionError failure = assertThrows(AssertionError.class,
        () -> checker.assertConsistent(node.port(), Duration.ofSeconds(1)));
    assertTrue(failure.getMessage().contains("question " + questionId + " shows 0 votes, has 1"),
        failure.getMessage());
  }
}

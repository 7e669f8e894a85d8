package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import townhall.testing.Msg;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * F11: two nodes on a {@code redis-sentinel://} URL (a primary, its replica and one Sentinel, quorum 1), residents
 * on both nodes asking all through a failover, graceful ({@code SENTINEL FAILOVER}) or after {@code kill -9} of
 * the primary. Writes come back on the new primary within a bounded time (retried with the same ref, as the
 * browser outbox does), both nodes' command and pub/sub connections move to it, events flow between the nodes
 * again, and every acknowledged question is there: all of them after a graceful failover, and after a kill any
 * that the failover lost once they are sent again with their ref.
 *
 * <p>The nodes re-read the event log only once a minute here, so events that arrive come through pub/sub.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SentinelTest {
  private static final String PRIMARY = "mymaster";
  private static final Map<String, Object> PUB_SUB_ONLY = Map.of("delivery.presenceHeartbeatMs", 60_000);
  private static final long FOLLOW_SECONDS = 20;

  private RedisProcess primary;
  private RedisProcess replica;
  private RedisProcess sentinel;
  private String prefix;
  private TownhallNode nodeA;
  private TownhallNode nodeB;
  private Api apiA;
  private Api apiB;

  @BeforeEach
  void start() {
    primary = RedisProcess.start();
    replica = RedisProcess.start("--replicaof", "127.0.0.1", String.valueOf(primary.port()));
    Await.until(() -> "up".equals(replica.info("replication", "master_link_status")), 10, "the replica is in sync");
    sentinel = RedisProcess.startSentinel(
        "sentinel monitor " + PRIMARY + " 127.0.0.1 " + primary.port() + " 1",
        "sentinel down-after-milliseconds " + PRIMARY + " 1000",
        "sentinel failover-timeout " + PRIMARY + " 10000");
    Await.until(() -> sentinel.cli("SENTINEL", "REPLICAS", PRIMARY).contains("127.0.0.1:" + replica.port()), 10,
        "the Sentinel knows the replica");
    prefix = TestNodes.freshPrefix();
    String url = "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#" + PRIMARY;
    nodeA = FaultNodes.start(url, prefix, PUB_SUB_ONLY);
    nodeB = FaultNodes.start(url, prefix, PUB_SUB_ONLY);
    apiA = new Api(nodeA.port());
    apiB = new Api(nodeB.port());
  }

  @AfterEach
  void stop() {
    TestNodes.stop(nodeA);
    TestNodes.stop(nodeB);
    for (RedisProcess redis : new RedisProcess[] {sentinel, replica, primary}) {
      if (redis != null) {
        redis.close();
      }
    }
  }

  /** One ask, acknowledged {@code ackedMs} after the fault began (negative: before). */
  private record Asked(WsClient client, String ref, String text, String questionId, long ackedMs) {
  }

  @Test
  void gracefulFailoverLosesNoAcknowledgedQuestionAndBothNodesMoveToTheNewPrimary(Vertx vertx) {
    JsonObject session = FaultNodes.session(apiA, "Chuyển đổi dự phòng có kế hoạch");
    String sessionId = session.getString("id");
    try (WsClient alice = resident(vertx, nodeA, sessionId); WsClient bob = resident(vertx, nodeB, sessionId)) {
      List<Asked> before = askAndVoteBothWays(alice, bob);

      Await.until(() -> "OK".equals(sentinel.cli("SENTINEL", "FAILOVER", PRIMARY)), 10,
          "the Sentinel accepts SENTINEL FAILOVER (it needs a fresh view of the replica)");
      long failover = System.nanoTime();
      Writes during = askThroughTheFailover(alice, bob, sessionId, failover, () -> { });

      List<Asked> lost = lostQuestions(vertx, sessionId, session.getString("moderatorToken"), before, during);
      assertTrue(lost.isEmpty(), () -> lost.size() + " asks acknowledged between " + lost.get(0).ackedMs() + " and "
          + lost.get(lost.size() - 1).ackedMs() + " ms after SENTINEL FAILOVER were lost, the first: " + lost.get(0));
      assertEventsFlowBothWays(alice, bob);
      System.out.printf("F11 graceful SENTINEL FAILOVER: %d asks acknowledged before, %d during (%d answered"
          + " unavailable first); longest wait between two acks %d ms; both nodes on the new primary and subscribed"
          + " there %d ms after the command; 0 acknowledged questions lost%n", before.size(), during.asked.size(),
          during.unavailable, during.longestGapMs, during.followedMs);
    }
  }

  @Test
  void primaryKilledIsReplacedAndAsksTheFailoverLostCanBeSentAgain(Vertx vertx) {
    JsonObject session = FaultNodes.session(apiA, "Máy chủ chính bị tắt đột ngột");
    String sessionId = session.getString("id");
    try (WsClient alice = resident(vertx, nodeA, sessionId); WsClient bob = resident(vertx, nodeB, sessionId)) {
      List<Asked> before = askAndVoteBothWays(alice, bob);

      long start = System.nanoTime();
      AtomicLong killedAt = new AtomicLong();
      Thread killer = new Thread(() -> {
        primary.kill9();
        killedAt.set(System.nanoTime());
      }, "kill-9-primary");
      // the kill lands while both residents keep asking
      Writes during = askThroughTheFailover(alice, bob, sessionId, start, () -> {
        if (killer.getState() == Thread.State.NEW) {
          killer.start();
        }
      });
      Await.until(() -> killedAt.get() != 0, 15, "the primary process ended");
      long killMs = TimeUnit.NANOSECONDS.toMillis(killedAt.get() - start);

      String moderatorToken = session.getString("moderatorToken");
      List<Asked> lost = lostQuestions(vertx, sessionId, moderatorToken, before, during);
      long firstLostBeforeKillMs = lost.stream().mapToLong(a -> killMs - a.ackedMs()).max().orElse(0);
      long lastAckBeforeKillMs = during.asked.stream().mapToLong(Asked::ackedMs).filter(ms -> ms <= killMs)
          .map(ms -> killMs - ms).min().orElse(-1);
      // an outbox that keeps each ask until it sees it in the server's state sends the lost ones again, same ref
      // (the browser's outbox drops an ask at its ack: it does not do this yet)
      for (Asked gone : lost) {
        Moderation.assertAck(askUntilAcknowledged(gone.client(), gone.client() == alice ? apiA : apiB, gone.ref(),
            gone.text(), System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
      }
      JsonObject state = Msg.freshWelcome(vertx, nodeB.port(), sessionId, Msg.hello(moderatorToken));
      for (List<Asked> phase : List.of(before, during.asked)) {
        phase.forEach(a -> assertEquals(1, HistoryChecker.copiesOf(state, a.text()),
            () -> "after the lost asks were sent again: " + a));
      }
      assertEventsFlowBothWays(alice, bob);
      System.out.printf("F11 kill -9 of the primary at %d ms: %d asks acknowledged before, %d during (%d answered"
          + " unavailable first), the last one before the kill %d ms before it; longest wait between two acks %d ms;"
          + " both nodes on the new primary and subscribed there %d ms after the kill; %d acknowledged questions"
          + " lost%s%n", killMs, before.size(), during.asked.size(), during.unavailable, lastAckBeforeKillMs,
          during.longestGapMs, during.followedMs - killMs, lost.size(),
          lost.isEmpty() ? "" : " (acknowledged up to " + firstLostBeforeKillMs + " ms before the kill), all"
              + " sent again with their ref");
    }
  }

  // ---------------------------------------------------------------- steps

  private static WsClient resident(Vertx vertx, TownhallNode node, String sessionId) {
    WsClient ws = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
    ws.next("welcome");
    return ws;
  }

  /** Before the fault: each asks, the other sees it and votes, the asker sees the vote. */
  private List<Asked> askAndVoteBothWays(WsClient alice, WsClient bob) {
    List<Asked> asked = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      for (WsClient[] pair : new WsClient[][] {{alice, bob}, {bob, alice}}) {
        String ref = Moderation.uniqueRef();
        String text = "Câu hỏi trước sự cố " + i + " " + ref;
        JsonObject ack = askUntilAcknowledged(pair[0], pair[0] == alice ? apiA : apiB, ref, text, deadline(5));
        String questionId = ack.getString("questionId");
        pair[1].next(f -> Msg.isQuestionEvent(f, questionId), "the other node's question");
        Moderation.assertAck(pair[1].actKeeping(Msg.vote(questionId, 1)));
        pair[0].awaitVotes(questionId, 1);
        asked.add(new Asked(pair[0], ref, text, questionId, -1));
      }
    }
    return asked;
  }

  /** What {@link #askThroughTheFailover} saw. */
  private static final class Writes {
    final List<Asked> asked = new ArrayList<>();
    int unavailable;
    long longestGapMs;
    long followedMs;
  }

  /**
   * Alice and Bob take turns asking, each ask retried with its ref until acknowledged, until the Sentinel names the
   * replica as primary, the replica says it is one, both nodes are subscribed to the session's channel there and
   * five more asks have been written there. {@code afterTenthAck} runs after every ask from the tenth on.
   */
  private Writes askThroughTheFailover(WsClient alice, WsClient bob, String sessionId, long startNanos,
      Runnable afterTenthAck) {
    Writes writes = new Writes();
    long deadline = deadline(FOLLOW_SECONDS);
    long lastAck = startNanos;
    int onNewPrimary = 0;
    for (int i = 0; onNewPrimary < 5; i++) {
      WsClient asker = i % 2 == 0 ? alice : bob;
      String ref = Moderation.uniqueRef();
      String text = "Câu hỏi trong lúc chuyển đổi " + i + " " + ref;
      JsonObject ack = askUntilAcknowledged(asker, asker == alice ? apiA : apiB, ref, text, deadline);
      long acked = System.nanoTime();
      if (ack.getBoolean("retried", false)) {
        writes.unavailable++;
      }
      writes.longestGapMs = Math.max(writes.longestGapMs, TimeUnit.NANOSECONDS.toMillis(acked - lastAck));
      lastAck = acked;
      String questionId = ack.getString("questionId");
      writes.asked.add(new Asked(asker, ref, text, questionId, TimeUnit.NANOSECONDS.toMillis(acked - startNanos)));
      if (i >= 10) {
        afterTenthAck.run();
      }
      if (onNewPrimary > 0 || (i % 10 == 0 && followed(sessionId))) {
        if (onNewPrimary == 0) {
          writes.followedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }
        assertEquals(text, replica.cli("HGET", prefix + ":{" + sessionId + "}:q:" + questionId, "text"),
            "an ask acknowledged after the failover is stored on the new primary");
        onNewPrimary++;
      }
      if (System.nanoTime() > deadline) {
        fail("the nodes did not follow the new primary within " + FOLLOW_SECONDS + " s");
      }
    }
    return writes;
  }

  /** The Sentinel names the replica, the replica is a primary, and both nodes follow the session on it. */
  private boolean followed(String sessionId) {
    String[] address = sentinel.cli("SENTINEL", "GET-MASTER-ADDR-BY-NAME", PRIMARY).split("\n");
    return address[address.length - 1].trim().equals(String.valueOf(replica.port()))
        && "master".equals(replica.info("replication", "role"))
        && FaultNodes.subscribers(replica, prefix, sessionId) == 2;
  }

  /**
   * Sends the ask with this ref until it is acknowledged; after each {@code unavailable} answer it waits for the
   * node's {@code /health} to answer 200 (Redis reachable again) before resending. Answers the ack, marked
   * {@code retried} when it took more than one try.
   */
  private static JsonObject askUntilAcknowledged(WsClient ws, Api api, String ref, String text, long deadline) {
    for (int tries = 1; ; tries++) {
      ws.send(Msg.ask(text).put("ref", ref));
      JsonObject answer = ws.answerToKeeping(ref);
      if ("ack".equals(answer.getString("type"))) {
        return tries > 1 ? answer.copy().put("retried", true) : answer;
      }
      Moderation.assertError("unavailable", answer);
      long left = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime());
      if (left <= 0) {
        fail("ask " + ref + " still unavailable after " + tries + " tries");
      }
      FaultNodes.awaitHealth(api, 200, left);
    }
  }

  /** The acknowledged asks missing from the state the nodes read now. */
  private List<Asked> lostQuestions(Vertx vertx, String sessionId, String moderatorToken, List<Asked> before,
      Writes during) {
    JsonObject state = Msg.freshWelcome(vertx, nodeA.port(), sessionId, Msg.hello(moderatorToken));
    before.forEach(a -> assertEquals(1, HistoryChecker.copiesOf(state, a.text()),
        () -> "acknowledged before the failover: " + a));
    List<Asked> lost = new ArrayList<>();
    for (Asked a : during.asked) {
      long copies = HistoryChecker.copiesOf(state, a.text());
      assertTrue(copies <= 1, () -> "stored twice: " + a);
      if (copies == 0) {
        lost.add(a);
      }
    }
    return lost;
  }

  /** After the failover: a question from A reaches B and one from B reaches A, and so do their votes. */
  private void assertEventsFlowBothWays(WsClient alice, WsClient bob) {
    for (WsClient[] pair : new WsClient[][] {{alice, bob}, {bob, alice}}) {
      String ref = Moderation.uniqueRef();
      JsonObject ack = askUntilAcknowledged(pair[0], pair[0] == alice ? apiA : apiB, ref,
          "Câu hỏi sau khi chuyển đổi " + ref, deadline(5));
      String questionId = ack.getString("questionId");
      pair[1].next(f -> Msg.isQuestionEvent(f, questionId), "the other node's question after the failover");
      Moderation.assertAck(pair[1].actKeeping(Msg.vote(questionId, 1)));
      pair[0].awaitVotes(questionId, 1);
    }
  }

  private static long deadline(long seconds) {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
  }
}

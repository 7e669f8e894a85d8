package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.testing.Await;
import townhall.testing.FaultNodes;
import townhall.testing.HistoryChecker;
import townhall.testing.Moderation;
import townhall.testing.NodeProcess;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * F4 and F4b: server nodes as processes of their own. A node killed mid-session ({@code kill -9}) while residents
 * are posting: its residents reconnect to the other node with jittered backoff, resume, and resend what was in
 * flight with the same ref, so it applies once. A node stopped with SIGTERM drains: {@code /health} 503 and new
 * sockets refused first, then close 1012. The "done when" of issue 5 runs here too: one live session survives
 * killing either node and restarting Redis, with nothing acknowledged lost (the history checker). How long the
 * reconnects and the recovery take is printed for {@code docs/performance.md}, not asserted: a loaded build machine
 * must not turn the build red.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeFaultTest {
  private static final int RESIDENTS_PER_NODE = 4;
  /**
   * Long enough for what the SIGTERM test checks while the node drains (a ping, a vote, a refused upgrade) to fit in
   * the drain on a loaded build machine.
   */
  private static final long DRAIN_MS = 4000;

  private RedisProcess redis;
  private NodeProcess nodeA;
  private NodeProcess nodeB;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    String prefix = TestNodes.freshPrefix();
    Map<String, String> settings = Map.of("TOWNHALL_SERVER_DRAINMS", String.valueOf(DRAIN_MS));
    nodeA = NodeProcess.start(redis.url(), prefix, settings);
    nodeB = NodeProcess.start(redis.url(), prefix, settings);
  }

  @AfterEach
  void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, redis}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          // cleanup of a failed test: the next resource is still closed
        }
      }
    }
  }

  @Test
  void sessionSurvivesKillingEitherNodeAndRestartingRedis(Vertx vertx) {
    JsonObject session = FaultNodes.session(nodeA.api(), "Tắt máy chủ giữa phiên");
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    Map<HistoryChecker.Client, NodeProcess> home = new LinkedHashMap<>();
    for (int i = 0; i < 2 * RESIDENTS_PER_NODE; i++) {
      NodeProcess node = i % 2 == 0 ? nodeA : nodeB;
      home.put(checker.joinResident("r" + i, node.port()), node);
    }
    HistoryChecker.Client moderator = checker.joinModerator("moderator", nodeB.port());
    home.put(moderator, nodeB);
    List<String> questions = askAndVote(home, 0);
    checker.awaitConvergence(nodeB.port(), FaultNodes.GIVE_UP);

    // kill -9 node A while each of its residents has an ask in flight
    long reconnectA = killWithAsksInFlight(vertx, home, nodeA, nodeB, "A");
    awaitPresenceOf(checker, moderator);
    questions.addAll(askAndVote(home, 1));

    // A comes back; now kill -9 node B (the moderator's) the same way
    nodeA.restart();
    long reconnectB = killWithAsksInFlight(vertx, home, nodeB, nodeA, "B");
    awaitPresenceOf(checker, moderator);
    Moderation.assertAck(moderator.act(Moderation.highlight(questions.get(0))));
    Moderation.assertAck(moderator.act(Moderation.answer(questions.get(1), "Đã trả lời sau khi B sập")));
    questions.addAll(askAndVote(home, 2));

    // and Redis crashes (kill -9) and restarts on its append-only file under the one remaining node
    checker.awaitConvergence(nodeA.port(), FaultNodes.GIVE_UP);
    redis.kill9();
    FaultNodes.awaitHealth(nodeA.api(), 503, FaultNodes.GIVE_UP_SECONDS);
    redis.restartSameDirAndPort();
    FaultNodes.awaitHealth(nodeA.api(), 200, FaultNodes.GIVE_UP_SECONDS);
    JsonObject afterRedis = checker.authoritative(nodeA.port());
    checker.acknowledgedQuestions().forEach((text, id) -> assertEquals(1, HistoryChecker.copiesOf(afterRedis, text),
        () -> "acknowledged question '" + text + "' after Redis restarted"));
    questions.addAll(askAndVote(home, 3));

    System.out.printf("F4: %d residents and a moderator; %d acknowledged questions; A's residents back on B in"
        + " %d ms, B's on A in %d ms (slowest, with jittered backoff)%n", home.size() - 1,
        checker.acknowledgedQuestions().size(), reconnectA, reconnectB);
    checker.assertConsistent(nodeA.port(), FaultNodes.GIVE_UP);
  }

  @Test
  void sigtermDrainsHealthFirstThenClosesSocketsWith1012(Vertx vertx) {
    JsonObject session = FaultNodes.session(nodeA.api(), "Triển khai bản mới");
    String sessionId = session.getString("id");
    HistoryChecker checker = new HistoryChecker(vertx, sessionId, session.getString("moderatorToken"));
    List<HistoryChecker.Client> onA = new ArrayList<>();
    for (int i = 0; i < RESIDENTS_PER_NODE; i++) {
      onA.add(checker.joinResident("a" + i, nodeA.port()));
    }
    HistoryChecker.Client onB = checker.joinResident("b0", nodeB.port());
    String question = onA.get(0).ask("Câu hỏi trước khi triển khai").getString("questionId");

    long stopping = System.nanoTime();
    nodeA.sigterm();
    // first the load balancer is told, while the node still serves the sockets it has
    long unhealthyMs = FaultNodes.awaitHealth(nodeA.api(), 503, FaultNodes.GIVE_UP_SECONDS);
    onA.get(0).assertAnswering();
    Moderation.assertAck(onA.get(1).vote(question, 1));
    assertEquals(503, upgradeStatus(vertx, nodeA.port(), sessionId), "a draining node refuses new sockets");

    // then every socket is closed with 1012, and its client reconnects at once to the other node and resumes
    for (HistoryChecker.Client client : onA) {
      assertEquals(1012, client.ws().awaitClose(), () -> client.name() + " closed with service restart");
    }
    long closedMs = FaultNodes.millisSince(stopping);
    // a lower bound that slowness cannot break: the node starts its drain timer only after the SIGTERM sent after
    // the clock was read
    assertTrue(closedMs >= DRAIN_MS - 100, "sockets closed after the drain period, at " + closedMs + " ms");
    for (HistoryChecker.Client client : onA) {
      assertEquals("resumed", client.resume(nodeB.port()).getString("type"), client.name());
    }
    Moderation.assertAck(onA.get(2).vote(question, 1));
    onB.awaitVotes(question, 2);
    int exit = nodeA.awaitExit(10);
    assertEquals(143, exit, "a node stopped by SIGTERM exits as such, after its shutdown: " + nodeA.log());

    System.out.printf("F4b: /health 503 after %d ms, sockets closed with 1012 after %d ms (drain %d ms)%n",
        unhealthyMs, closedMs, DRAIN_MS);
    checker.assertConsistent(nodeB.port(), FaultNodes.GIVE_UP);
  }

  /** Each resident asks once and upvotes the others' questions of this round; answers the round's question ids. */
  private static List<String> askAndVote(Map<HistoryChecker.Client, NodeProcess> home, int round) {
    List<String> asked = new ArrayList<>();
    List<HistoryChecker.Client> residents = home.keySet().stream().filter(c -> !c.isModerator()).toList();
    for (HistoryChecker.Client resident : residents) {
      JsonObject ack = resident.ask("Vòng " + round + ": câu hỏi của " + resident.name());
      Moderation.assertAck(ack);
      asked.add(ack.getString("questionId"));
    }
    for (int i = 0; i < asked.size(); i++) {
      for (int v = 0; v < residents.size(); v++) {
        if (v != i && (v + i + round) % 3 != 0) {
          Moderation.assertAck(residents.get(v).vote(asked.get(i), 1));
        }
      }
    }
    return asked;
  }

  /**
   * Sends one ask from every client of {@code victim} without waiting for its answer, kills the node, and moves those
   * clients to {@code survivor} as a browser would (jittered backoff, the dead node tried first, then the other),
   * resending the ask with the same ref. Answers the slowest reconnect in milliseconds.
   */
  private long killWithAsksInFlight(Vertx vertx, Map<HistoryChecker.Client, NodeProcess> home, NodeProcess victim,
      NodeProcess survivor, String name) {
    Map<HistoryChecker.Client, String[]> inFlight = new LinkedHashMap<>();
    home.forEach((client, node) -> {
      if (node == victim && !client.isModerator()) {
        String[] ask = {client.nextRef(), "Gửi khi máy chủ " + name + " sập, từ " + client.name()};
        client.sendAsk(ask[0], ask[1]);
        inFlight.put(client, ask);
      }
    });
    victim.kill9();
    long slowest = 0;
    for (var entry : home.entrySet()) {
      if (entry.getValue() == victim) {
        slowest = Math.max(slowest, reconnect(vertx, entry.getKey(), List.of(victim, survivor)));
        entry.setValue(survivor);
      }
    }
    inFlight.forEach((client, ask) -> Moderation.assertAck(client.ask(ask[0], ask[1])));
    return slowest;
  }

  /**
   * Reconnects as the browser client does: waits a jittered, doubling delay (equal jitter, 100 ms doubling to 2 s),
   * tries the nodes in turn and resumes from the last seq. Answers the milliseconds until resumed.
   */
  private static long reconnect(Vertx vertx, HistoryChecker.Client client, List<NodeProcess> nodes) {
    long start = System.nanoTime();
    for (int attempt = 0; attempt < 20; attempt++) {
      long cap = Math.min(2000, 100L << attempt);
      Await.result(vertx.timer(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1)));
      NodeProcess node = nodes.get(attempt % nodes.size());
      try {
        JsonObject greeting = client.resume(node.port());
        assertEquals("resumed", greeting.getString("type"), () -> client.name() + " resumed: " + greeting);
        return FaultNodes.millisSince(start);
      } catch (AssertionError | Exception e) {
        // the connect failure of a dead node may be a checked ConnectException rethrown by Future.await
        if (node.isAlive()) {
          throw new AssertionError(client.name() + " could not resume on a live node", e);
        }
      }
    }
    throw new AssertionError(client.name() + " could not reconnect");
  }

  /** The dead node's presence expires: the moderator's count comes back to the sockets really connected. */
  private static void awaitPresenceOf(HistoryChecker checker, HistoryChecker.Client moderator) {
    long connected = checker.clients().stream().filter(HistoryChecker.Client::isConnected).count();
    Await.until(() -> {
      moderator.pump();
      return moderator.presence() == connected;
    }, FaultNodes.GIVE_UP_SECONDS, "presence shows the " + connected + " connected sockets");
  }

  /** The HTTP status a WebSocket upgrade gets (101 when accepted). */
  private static int upgradeStatus(Vertx vertx, int port, String sessionId) {
    try {
      WsClient.connect(vertx, port, sessionId).close();
      return 101;
    } catch (UpgradeRejectedException e) {
      return e.getStatus();
    }
  }
}

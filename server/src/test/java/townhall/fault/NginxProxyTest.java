package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import townhall.testing.NginxProxy;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;

/**
 * The shipped {@code config/nginx/townhall.conf} in front of two nodes: residents reach both through one address
 * with no sticky sessions, and when one node drains for a deploy its residents reconnect through nginx to the other
 * and resume.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NginxProxyTest {
  private static final int RESIDENTS = 6;

  private TestRedis redis;
  private TownhallNode nodeA;
  private TownhallNode nodeB;
  private NginxProxy nginx;

  @BeforeEach
  void start() {
    redis = TestRedis.start();
    String prefix = TestNodes.freshPrefix();
    nodeA = TestNodes.start(redis, prefix);
    nodeB = TestNodes.start(redis, prefix);
    nginx = NginxProxy.start(List.of(nodeA.port(), nodeB.port()));
  }

  @AfterEach
  void stop() {
    if (nginx != null) {
      nginx.close();
    }
    TestNodes.stop(nodeA);
    TestNodes.stop(nodeB);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void residentsSpreadOverBothNodesAndMoveWhenOneDrains(Vertx vertx) {
    Api viaProxy = new Api(nginx.port());
    JsonObject session = FaultNodes.session(viaProxy, "Sau một địa chỉ");
    assertTrue(session.getJsonObject("links").getString("audience").contains(":" + nginx.port() + "/"),
        () -> "links point at the proxy: " + session);
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    List<HistoryChecker.Client> residents = new ArrayList<>();
    for (int i = 0; i < RESIDENTS; i++) {
      residents.add(checker.joinResident("r" + i, nginx.port()));
    }
    HistoryChecker.Client moderator = checker.joinModerator("moderator", nginx.port());
    int onA = (int) new Api(nodeA.port()).metric("townhall_connections");
    int onB = (int) new Api(nodeB.port()).metric("townhall_connections");
    assertEquals(RESIDENTS + 1, onA + onB, "every socket is on one of the nodes");
    assertTrue(onA > 0 && onB > 0, "nginx spread the sockets over both nodes: " + onA + " and " + onB);

    String question = residents.get(0).ask("Câu hỏi qua nginx").getString("questionId");
    for (HistoryChecker.Client resident : residents) {
      Moderation.assertAck(resident.vote(question, 1));
    }
    Moderation.assertAck(moderator.act(Moderation.highlight(question)));
    checker.awaitConvergence(nodeB.port(), Duration.ofSeconds(5));

    // node A drains as on SIGTERM: its sockets close with 1012, their clients come back through nginx to B
    Future<Void> stopped = nodeA.stop(Duration.ofMillis(500));
    Await.until(() -> checker.clients().stream().filter(c -> !c.isConnected()).count() == onA, 10,
        "A's " + onA + " sockets closed");
    for (HistoryChecker.Client client : checker.clients()) {
      if (!client.isConnected()) {
        assertEquals(1012, client.ws().awaitClose(), client.name());
        assertEquals("resumed", client.resume(nginx.port()).getString("type"), client.name());
      }
    }
    // the future completes as A's Vert.x closes, so it is polled rather than awaited on A's (gone) event loop
    Await.until(stopped::isComplete, 20, "node A stopped");
    nodeA = null;
    assertEquals(RESIDENTS + 1, (int) new Api(nodeB.port()).metric("townhall_connections"),
        "every socket is on B now");
    String after = residents.get(1).ask("Câu hỏi sau khi A dừng").getString("questionId");
    Moderation.assertAck(residents.get(2).vote(after, 1));
    Moderation.assertAck(moderator.act(Moderation.answer(question, "Đã trả lời")));
    checker.assertConsistent(nodeB.port(), Duration.ofSeconds(5));
    assertEquals(200, FaultNodes.health(viaProxy), "the proxy's /health is served by the live node");
  }
}

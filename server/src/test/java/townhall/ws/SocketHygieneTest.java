package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.FaultProxy;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * B9 and B2: sockets that stop answering are found and closed; a quiet but live client is not; a client that keeps
 * sending what is not the protocol is closed with 1008.
 */
class SocketHygieneTest extends NodeTestBase {
  /** The heartbeat: long enough that a live client's pong is never late on a loaded build machine. */
  private static final int PING_MS = 500;

  private TownhallNode nodeWith(Map<String, Object> settings) {
    TestNodes.stop(node);
    node = TestNodes.start(redis, TestNodes.freshPrefix(), settings);
    api = Api.of(node);
    return node;
  }

  @Test
  void aPeerThatStopsAnsweringIsClosedAndAQuietLiveOneIsNot(Vertx vertx) {
    TownhallNode pinging = nodeWith(Map.of("delivery.pingIntervalMs", PING_MS));
    String sessionId = api.createSession("Nhịp tim", "post", true).getString("id");
    try (FaultProxy phoneNetwork = FaultProxy.start(pinging.port());
         WsClient quiet = WsClient.join(vertx, pinging.port(), sessionId, Msg.hello());
         WsClient lost = WsClient.join(vertx, phoneNetwork.port(), sessionId, Msg.hello())) {
      quiet.next("welcome");
      lost.next("welcome");
      assertEquals(2, (int) api.metric("townhall_connections"));

      phoneNetwork.blackhole(); // the phone lost its network: nothing arrives, nothing is answered, no FIN
      Await.until(() -> api.metric("townhall_connections") == 1, 30, "the lost socket closed by the node");

      // the quiet client sent nothing all this time, nor for three more heartbeats (a ping and the next beat at
      // least), but answered every ping (its WebSocket stack does): it is still connected
      Await.result(vertx.timer(3L * PING_MS), 10);
      assertEquals(1, (int) api.metric("townhall_connections"), "the quiet client is still connected");
      quiet.send(new JsonObject().put("type", "ping"));
      quiet.next("pong");
    }
  }

  @Test
  void aClientSendingGarbageIsClosedWithPolicyViolation(Vertx vertx) {
    nodeWith(Map.of("limits.badMessagesPerMinute", 5));
    String sessionId = api.createSession("Rác", "post", true).getString("id");
    try (WsClient ws = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
         WsClient other = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      ws.next("welcome");
      other.next("welcome");
      for (int i = 0; i < 5; i++) {
        ws.sendRaw("{not json " + i);
        assertEquals("bad_request", ws.next("error").getString("code"), "each of the first five is answered");
      }
      ws.sendRaw("{\"type\":\"no_such_type\"}");
      assertEquals(1008, ws.awaitClose(), "the sixth in a minute closes the socket");
      other.send(new JsonObject().put("type", "ping"));
      other.next("pong");
    }
  }

  @Test
  void aFloodOfSocketsThatNeverSayHelloIsClosedAndLeavesNothingBehind(Vertx vertx) {
    nodeWith(Map.of("limits.helloTimeoutMs", 300));
    String sessionId = api.createSession("Lũ kết nối", "post", true).getString("id");
    java.util.List<WsClient> idle = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        idle.add(WsClient.connect(vertx, node.port(), sessionId));
      }
      for (WsClient socket : idle) {
        assertEquals(4401, socket.awaitClose(), "closed for saying nothing");
      }
      Await.until(() -> api.metric("townhall_connections") == 0, 10, "every idle socket gone from the node");
      try (WsClient resident = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
        resident.next("welcome");
      }
    } finally {
      idle.forEach(WsClient::close);
    }
  }
}

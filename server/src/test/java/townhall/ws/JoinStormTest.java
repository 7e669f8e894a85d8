package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * A few hundred phones join at once ("scan the code now") a session with more questions than a welcome carries:
 * every one is welcomed (none answered {@code unavailable}), with a bounded welcome, and can page through the rest.
 */
class JoinStormTest extends NodeTestBase {
  private static final int JOINERS = 300;
  private static final int QUESTIONS = 130;

  @Test
  void aBurstOfJoinsIsWelcomedWithoutUnavailable(Vertx vertx) {
    // near-identical questions of one asker are flagged as repeats; here they must all go live
    TestNodes.stop(node);
    node = TestNodes.start(redis, TestNodes.freshPrefix(), Map.of("moderation.holdFlagged", false));
    api = new Api(node.port());
    String sessionId = api.createSession("Phiên đông người", "post", true).getString("id");
    Set<String> asked = new HashSet<>();
    try (WsClient asker = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      asker.next("welcome");
      for (int i = 0; i < QUESTIONS; i++) {
        asked.add(asker.act(Msg.ask("Câu hỏi số " + i + " về chợ Bến Thành")).getString("questionId"));
      }
    }

    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(JOINERS)
        .setMaxMessageSize(1 << 22).setMaxFrameSize(1 << 20));
    Map<Integer, JsonObject> firstAnswers = new ConcurrentHashMap<>();
    for (int i = 0; i < JOINERS; i++) {
      int n = i;
      client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
          .setURI("/ws/sessions/" + sessionId)).onSuccess(socket -> {
            socket.textMessageHandler(text -> {
              JsonObject frame = new JsonObject(text);
              if (!"presence".equals(frame.getString("type"))) {
                firstAnswers.putIfAbsent(n, frame);
              }
            });
            socket.writeTextMessage(new JsonObject().put("type", "hello").encode());
          });
    }
    Await.until(() -> firstAnswers.size() == JOINERS, 50, "every joiner answered");

    firstAnswers.values().forEach(answer -> {
      assertEquals("welcome", answer.getString("type"), () -> "answered " + answer.encode().substring(0, 200));
      assertTrue(answer.getJsonArray("questions").size() <= 100, "top 50 and newest 50 at most");
      assertEquals(Boolean.TRUE, answer.getBoolean("more"), "the rest is there to page through");
    });

    // one of them scrolls through everything, most popular first
    try (WsClient reader = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      reader.next("welcome");
      Set<String> seen = new HashSet<>();
      String cursor = null;
      do {
        JsonObject ask = new JsonObject().put("type", "page").put("ref", reader.nextRef()).put("order", "popular")
            .put("limit", 40);
        if (cursor != null) {
          ask.put("cursor", cursor);
        }
        JsonObject page = reader.act(ask);
        assertEquals("page", page.getString("type"), page::encode);
        page.getJsonArray("questions").forEach(q -> assertTrue(seen.add(((JsonObject) q).getString("id"))));
        cursor = page.getString("cursor");
      } while (cursor != null);
      assertEquals(asked, seen);
    }
    Await.result(client.close());
  }
}

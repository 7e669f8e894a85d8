package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;
import townhall.testing.WsClient;

/** Residents ask and vote over a real WebSocket against a real node and Redis. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DialogueProtocolTest {
  private static TestRedis redis;
  private TownhallNode node;
  private Api api;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startNode() {
    node = TestNodes.start(redis, TestNodes.freshPrefix());
    api = new Api(node.port());
  }

  @AfterEach
  void stopNode() {
    TestNodes.stop(node);
  }

  @Test
  void questionAskedByOneResidentReachesAnotherAndVotesAreCounted(Vertx vertx) {
    String sessionId = api.createSession("Phiên thử", "post", true).getString("id");
    try (WsClient alice = WsClient.join(vertx, node.port(), sessionId, new JsonObject());
         WsClient bob = WsClient.join(vertx, node.port(), sessionId, new JsonObject())) {
      JsonObject welcome = alice.next("welcome");
      assertEquals("resident", welcome.getString("role"));
      assertNotNull(welcome.getJsonObject("participant").getString("token"));
      bob.next("welcome");

      JsonObject ack = alice.act(new JsonObject().put("type", "ask").put("text", "Khi nào sửa đường?"));
      assertEquals("ack", ack.getString("type"));
      String questionId = ack.getString("questionId");

      JsonObject seen = bob.next("question");
      assertEquals(questionId, seen.getJsonObject("question").getString("id"));
      assertEquals("live", seen.getJsonObject("question").getString("status"));

      JsonObject vote = bob.act(new JsonObject().put("type", "vote").put("questionId", questionId).put("value", 1));
      assertEquals(1, vote.getInteger("votes"));
      assertTrue(vote.getBoolean("voted"));
      alice.awaitVotes(questionId, 1);
      bob.awaitVotes(questionId, 1);

      JsonObject again = bob.act(new JsonObject().put("type", "vote").put("questionId", questionId).put("value", 1));
      assertEquals(1, again.getInteger("votes"), "upvoting twice counts once");
      assertFalse(again.containsKey("duplicate"));
    }
  }
}

package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/** The zero-set-up default: the embedded Redis keeps its append-only file, so a restart loses nothing. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedRedisRestartTest {

  @Test
  void restartOfServerAndEmbeddedRedisKeepsSessionsQuestionsAndVotes(Vertx vertx, @TempDir Path dataDir)
      throws Exception {
    TownhallConfig config = ConfigLoader.load(Map.of(), withoutLimits());
    String sessionId;
    String code;
    String token;
    String questionId;

    EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
    TownhallNode node = Await.result(TownhallNode.start(config, redis.url(), TestNodes.ADMIN_TOKEN), 30);
    try {
      JsonObject created = new Api(node.port()).createSession("Phiên lưu lại", "post", true);
      sessionId = created.getString("id");
      code = created.getString("code");
      try (WsClient resident = WsClient.join(vertx, node.port(), sessionId, new JsonObject())) {
        token = resident.next("welcome").getJsonObject("participant").getString("token");
        questionId = resident.act(new JsonObject().put("type", "ask").put("text", "Còn không sau khi khởi động lại?"))
            .getString("questionId");
        assertEquals(1, resident.act(new JsonObject().put("type", "vote").put("questionId", questionId)
            .put("value", 1)).getInteger("votes"));
      }
    } finally {
      TestNodes.stop(node);
      redis.stop();
    }

    EmbeddedRedis restarted = EmbeddedRedis.start(dataDir);
    TownhallNode again = Await.result(TownhallNode.start(config, restarted.url(), TestNodes.ADMIN_TOKEN), 30);
    try {
      assertEquals(sessionId, new Api(again.port()).get("/api/sessions/by-code/" + code).json().getString("id"));
      try (WsClient resident = WsClient.join(vertx, again.port(), sessionId, new JsonObject().put("token", token))) {
        JsonObject welcome = resident.next("welcome");
        JsonArray questions = welcome.getJsonArray("questions");
        assertEquals(1, questions.size());
        JsonObject question = questions.getJsonObject(0);
        assertEquals(questionId, question.getString("id"));
        assertEquals(1, question.getInteger("votes"));
        assertTrue(question.getBoolean("voted"), "the token signed before the restart still names the voter");
        assertTrue(question.getBoolean("mine"));
      }
    } finally {
      TestNodes.stop(again);
      restarted.stop();
    }
  }

  private static Map<String, Object> withoutLimits() {
    Map<String, Object> settings = new java.util.HashMap<>(TestNodes.NO_RATE_LIMITS);
    settings.put("server.port", 0);
    settings.put("server.host", "127.0.0.1");
    return settings;
  }
}

package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.config.NodeSecrets;
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
    TownhallConfig config = ConfigLoader.load(Map.of(), withoutLimits(dataDir));
    String sessionId;
    String code;
    String token;
    String questionId;

    EmbeddedRedis redis = EmbeddedRedis.start(dataDir, NodeSecrets.embeddedRedisPassword(config));
    TownhallNode node = Await.result(TownhallNode.start(config, redis.url(), NodeSecrets.resolve(config)), 30);
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

    EmbeddedRedis restarted = EmbeddedRedis.start(dataDir, NodeSecrets.embeddedRedisPassword(config));
    TownhallNode again = Await.result(TownhallNode.start(config, restarted.url(), NodeSecrets.resolve(config)), 30);
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

  /**
   * The embedded default keeps its secrets out of Redis and out of reach: Redis asks for a password, its folder and
   * files are private to the user, and no key of Redis holds the token secret or the address key.
   */
  @Test
  void embeddedRedisAsksForAPasswordKeepsItsFilesPrivateAndHoldsNoSecret(Vertx vertx, @TempDir Path dataDir)
      throws Exception {
    TownhallConfig config = ConfigLoader.load(Map.of(), withoutLimits(dataDir));
    NodeSecrets secrets = NodeSecrets.resolve(config);
    EmbeddedRedis redis = EmbeddedRedis.start(dataDir, NodeSecrets.embeddedRedisPassword(config));
    TownhallNode node = Await.result(TownhallNode.start(config, redis.url(), secrets), 30);
    try {
      new Api(node.port()).createSession("Bí mật", "post", true);
      int port = Integer.parseInt(redis.url().replaceAll(".*:(\\d+)$", "$1"));
      try (Socket anonymous = new Socket("127.0.0.1", port)) {
        anonymous.setSoTimeout(5000);
        anonymous.getOutputStream().write("GET th:secret:tokens\r\n".getBytes(StandardCharsets.US_ASCII));
        String reply = new BufferedReader(new InputStreamReader(anonymous.getInputStream(), StandardCharsets.US_ASCII))
            .readLine();
        assertTrue(reply.startsWith("-NOAUTH"), reply);
      }
      try (RedisClient client = RedisClient.create(redis.url()); var connection = client.connect()) {
        var sync = connection.sync();
        for (String key : sync.keys("*")) {
          assertFalse(key.contains("secret"), key);
          if (sync.type(key).equals("string")) {
            String value = sync.get(key);
            assertFalse(value.contains(secrets.tokenSecret()) || value.contains(secrets.addressHashKey())
                || value.contains(secrets.adminToken()), key + " holds a secret");
          }
        }
      }
    } finally {
      TestNodes.stop(node);
      redis.stop();
    }
    assertEquals("rwx------", mode(dataDir));
    assertEquals("rwx------", mode(config.server().keysDir()));
    List<Path> files;
    try (Stream<Path> all = Files.walk(dataDir)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.stream().anyMatch(f -> f.toString().contains("appendonly")), () -> "an AOF among " + files);
    for (Path file : files) {
      assertEquals("rw-------", mode(file), file::toString);
    }
    try (Stream<Path> all = Files.walk(dataDir)) {
      for (Path dir : all.filter(Files::isDirectory).toList()) {
        assertEquals("rwx------", mode(dir), dir::toString);
      }
    }
    assertEquals(secrets.tokenSecret(), Files.readString(config.server().keysDir().resolve("token-secret")).strip());
  }

  private static String mode(Path path) throws java.io.IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static Map<String, Object> withoutLimits(Path dataDir) {
    Map<String, Object> settings = new java.util.HashMap<>(TestNodes.NO_RATE_LIMITS);
    settings.put("server.port", 0);
    settings.put("server.host", "127.0.0.1");
    settings.put("server.dataDir", dataDir.toString());
    settings.put("metrics.port", 0);
    settings.put("security.adminToken", TestNodes.ADMIN_TOKEN);
    return settings;
  }
}

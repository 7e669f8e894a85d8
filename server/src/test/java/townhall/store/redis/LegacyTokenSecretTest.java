package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lettuce.core.RedisClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.service.Tokens;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;
import townhall.testing.WsClient;
import townhall.ws.CloseReason;

/**
 * Upgrading a deployment whose token secret older versions kept in Redis: the first node removes it from Redis and
 * puts it aside in its key folder (owner-only); tokens it signed are refused, since anyone who could read Redis
 * could have signed them.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LegacyTokenSecretTest {

  @Test
  void secretLeftInRedisIsRemovedPutAsideAndNoLongerAccepted(Vertx vertx, @TempDir Path dataDir) throws Exception {
    String legacy = "legacy-secret-kept-in-redis-0123456789abcdef";
    String prefix = TestNodes.freshPrefix();
    try (TestRedis redis = TestRedis.start(); RedisClient client = RedisClient.create(redis.url());
        var connection = client.connect()) {
      connection.sync().set(prefix + ":secret:tokens", legacy);
      Map<String, Object> settings = new HashMap<>(TestNodes.NO_RATE_LIMITS);
      settings.putAll(Map.of("server.port", 0, "server.host", "127.0.0.1", "metrics.port", 0,
          "redis.keyPrefix", prefix, "server.dataDir", dataDir.toString()));
      TownhallConfig config = ConfigLoader.load(Map.of(), settings);
      TownhallNode node = Await.result(TownhallNode.start(config, redis.url(), TestNodes.secrets(config)), 30);
      try {
        assertNull(connection.sync().get(prefix + ":secret:tokens"), "no secret left in Redis");
        Path aside = config.server().keysDir().resolve(NodeSecrets.RETIRED_REDIS_TOKEN_SECRET);
        assertEquals(legacy, Files.readString(aside).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(aside)));

        String id = new Api(node.port()).createSession("Nâng cấp", "pre", true).getString("id");
        String forged = new Tokens(legacy, List.of(), Duration.ofDays(30), Clock.systemUTC())
            .sign(new Participant(id, "m-forged", Role.MODERATOR));
        try (WsClient ws = Moderation.join(vertx, node.port(), id, forged)) {
          assertEquals(CloseReason.TOKEN_REFUSED.code(), ws.awaitClose());
        }
        assertEquals(401, new Api(node.port()).post("/api/sessions/" + id + "/status", "{\"status\":\"paused\"}",
            forged).status());
      } finally {
        TestNodes.stop(node);
      }
    }
  }
}

package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.FaultNodes;
import townhall.testing.Moderation;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The ACL user docs/operations.md recommends ("Security", Redis) is enough for a node: keys and channels of its
 * prefix only, no admin or dangerous command but INFO. A session goes through its whole life on it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisAclTest {
  private static final String PASSWORD = "acl-test-password-0123456789";

  @Test
  void nodeWorksAsTheRecommendedRestrictedAclUser(Vertx vertx) {
    String prefix = TestNodes.freshPrefix();
    try (RedisProcess redis = RedisProcess.start("--user", "townhall", "on", ">" + PASSWORD, "~" + prefix + ":*",
        "&" + prefix + ":*", "+@all", "-@admin", "-@dangerous", "+info")) {
      String url = "redis://townhall:" + PASSWORD + "@127.0.0.1:" + redis.port();
      TownhallNode node = FaultNodes.start(url, prefix, Map.of());
      try {
        Api api = new Api(node.port());
        assertEquals(200, FaultNodes.health(api));
        JsonObject created = api.createSession("Người dùng ACL", "post", true);
        String id = created.getString("id");
        try (WsClient resident = Moderation.join(vertx, node.port(), id, null);
            WsClient moderator = Moderation.join(vertx, node.port(), id, created.getString("moderatorToken"))) {
          resident.next("welcome");
          moderator.next("welcome");
          String question = Moderation.asked(resident, "Câu hỏi qua người dùng hạn chế?");
          Moderation.ok(resident, Moderation.vote(question, 1));
          Moderation.ok(moderator, Moderation.answer(question, "Được."));
        }
        assertEquals(200, api.post("/api/sessions/" + id + "/revoke-tokens", "{\"roles\":[\"stage\"]}",
            TestNodes.ADMIN_TOKEN).status());
        assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
        assertEquals(200, api.get("/api/sessions/" + id + "/record").status());
        assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
        assertEquals(404, api.get("/api/sessions/" + id).status());
      } finally {
        TestNodes.stop(node);
      }
    }
  }
}

package townhall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;

/**
 * The fixture of the organization's home: one real Redis and one real PostgreSQL per test class (both started by the
 * test), and per test a fresh database, a fresh key prefix and a node using both.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
public abstract class HomeTestBase {
  protected static TestRedis redis;
  protected static TestPostgres postgres;
  protected TownhallNode node;
  protected Api api;
  protected String databaseUrl;
  /** The Redis key prefix of {@link #node}. */
  protected String keyPrefix;

  @BeforeAll
  static void startServers() {
    redis = TestRedis.start();
    postgres = TestPostgres.start();
  }

  @AfterAll
  static void stopServers() {
    postgres.close();
    redis.close();
  }

  /** The node's settings beyond the defaults, as dotted config keys (e.g. a faster schedule). */
  protected Map<String, ?> nodeSettings() {
    return Map.of();
  }

  @BeforeEach
  void startNode() {
    databaseUrl = postgres.freshDatabase();
    keyPrefix = TestNodes.freshPrefix();
    Map<String, Object> settings = new HashMap<>(nodeSettings());
    settings.put("redis.keyPrefix", keyPrefix);
    node = startNode(databaseUrl, settings);
    api = new Api(node.port());
  }

  @AfterEach
  void stopNode() {
    TestNodes.stop(node);
  }

  /** A node on the test Redis (a key prefix of its own) and {@code databaseUrl}; {@code overrides}: config keys. */
  protected static TownhallNode startNode(String databaseUrl, Map<String, ?> overrides) {
    Map<String, Object> all = new HashMap<>(TestNodes.NO_RATE_LIMITS);
    all.put("server.port", 0);
    all.put("metrics.port", 0);
    all.put("server.host", "127.0.0.1");
    all.put("redis.keyPrefix", TestNodes.freshPrefix());
    all.putAll(overrides);
    TownhallConfig config = ConfigLoader.load(Map.of(), all);
    return Await.result(TownhallNode.start(config, redis.url(), databaseUrl, TestNodes.secrets(config),
        TownhallNode.newNodeId()), 60);
  }

  /** Adds an organization below {@code parent} with the admin token ({@code kind}: city, district, ward, agency). */
  protected void organization(String slug, String kind, String parent) {
    Api.Reply reply = api.post("/api/orgs", new JsonObject().put("slug", slug).put("name", slug).put("kind", kind)
        .put("parent", parent).encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, reply.status(), reply.body());
  }

  /** An account {@code admin} invited as {@code role} of {@code org} ({@code role.org@example.vn}), signed in. */
  protected SignedInClient invited(SignedInClient admin, String role, String org, String password) {
    String email = role + "." + org + "@example.vn";
    String link = admin.post("/api/orgs/" + org + "/invitations", new JsonObject().put("email", email)
        .put("role", role).encode()).json().getString("link");
    String token = link.substring(link.indexOf("#invite=") + "#invite=".length());
    return SignedInClient.from(api, node.port(), api.post("/api/invitations/accept", new JsonObject()
        .put("token", token).put("password", password).encode(), null));
  }
}

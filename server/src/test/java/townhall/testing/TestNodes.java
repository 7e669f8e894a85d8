package townhall.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.config.NodeSecrets;
import townhall.config.TownhallConfig;

/** Starts real Townhall nodes for tests: free port, loopback, a key prefix of their own on the given Redis. */
public final class TestNodes {
  /** At least 32 characters, as the configuration demands of an admin token. */
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghij";
  /** The token secret every test node shares (unless a test configures its own), as the nodes of one deployment do. */
  public static final String TOKEN_SECRET = "test-token-secret-0123456789abcdefghij";
  public static final String ADDRESS_HASH_KEY = "test-address-hash-key-0123456789abcdef";

  private TestNodes() {
  }

  /**
   * Rate limits off: most tests act as many residents from one loopback address, or faster than a person would.
   * Tests of the limits set their own (an override of a {@code rateLimits.*} key wins over these).
   */
  public static final Map<String, Object> NO_RATE_LIMITS = Map.of(
      "rateLimits.asks.burst", 0, "rateLimits.votes.burst", 0, "rateLimits.identities.burst", 0,
      "rateLimits.codeMisses.burst", 0, "rateLimits.codeMissesAll.burst", 0, "rateLimits.connections.burst", 0,
      "rateLimits.exports.burst", 0, "rateLimits.bearerFailures.burst", 0, "rateLimits.hellos.burst", 0,
      "rateLimits.similar.burst", 0);

  /** A fresh key prefix, so tests sharing one Redis never see each other's data. */
  public static String freshPrefix() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Starts a node; {@code overrides} are dotted config keys. */
  public static TownhallNode start(TestRedis redis, String keyPrefix, Map<String, ?> overrides) {
    Map<String, Object> all = new HashMap<>(NO_RATE_LIMITS);
    all.put("server.port", 0);
    all.put("server.host", "127.0.0.1");
    all.put("redis.keyPrefix", keyPrefix);
    all.put("metrics.port", 0);
    all.putAll(overrides);
    TownhallConfig config = ConfigLoader.load(Map.of(), all);
    return Await.result(TownhallNode.start(config, redis.url(), secrets(config)), 30);
  }

  /**
   * The secrets of a test node: those the configuration names, else the shared test ones (so two nodes on one
   * Redis accept each other's tokens), without touching any key folder.
   */
  public static NodeSecrets secrets(TownhallConfig config) {
    TownhallConfig.Security s = config.security();
    return new NodeSecrets(s.adminToken().isEmpty() ? ADMIN_TOKEN : s.adminToken(), null,
        s.tokenSecret().isEmpty() ? TOKEN_SECRET : s.tokenSecret(), s.previousTokenSecrets(),
        s.addressHashKey().isEmpty() ? ADDRESS_HASH_KEY : s.addressHashKey());
  }

  public static TownhallNode start(TestRedis redis, String keyPrefix) {
    return start(redis, keyPrefix, Map.of());
  }

  public static void stop(TownhallNode node) {
    if (node != null) {
      Await.result(node.close(), 20);
    }
  }
}

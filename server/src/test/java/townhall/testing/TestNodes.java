package townhall.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;

/** Starts real Townhall nodes for tests: free port, loopback, a key prefix of their own on the given Redis. */
public final class TestNodes {
  public static final String ADMIN_TOKEN = "test-admin-token";

  private TestNodes() {
  }

  /**
   * Rate limits off: most tests act as many residents from one loopback address, or faster than a person would.
   * Tests of the limits set their own (an override of a {@code rateLimits.*} key wins over these).
   */
  public static final Map<String, Object> NO_RATE_LIMITS = Map.of(
      "rateLimits.asks.burst", 0, "rateLimits.votes.burst", 0, "rateLimits.identities.burst", 0,
      "rateLimits.codeMisses.burst", 0, "rateLimits.codeMissesAll.burst", 0, "rateLimits.connections.burst", 0,
      "rateLimits.hellos.burst", 0);

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
    all.putAll(overrides);
    TownhallConfig config = ConfigLoader.load(Map.of(), all);
    return Await.result(TownhallNode.start(config, redis.url(), ADMIN_TOKEN), 30);
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

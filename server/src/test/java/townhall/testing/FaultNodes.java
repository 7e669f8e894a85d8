package townhall.testing;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;

/**
 * Nodes and measurements for fault tests: nodes against any Redis URL (a {@link RedisProcess}, a {@link FaultProxy}).
 */
public final class FaultNodes {
  /** Fault tests run nodes with a short heartbeat, so a node re-reads the event log every half second. */
  public static final int HEARTBEAT_MS = 500;

  /**
   * How long a fault test waits for what must eventually happen (recovery, convergence) before it gives up: a bound
   * generous enough for a loaded build machine, never the thing asserted. How fast it happens is a figure the tests
   * print and {@code docs/performance.md} keeps, not a build assertion.
   */
  public static final long GIVE_UP_SECONDS = 30;

  /** {@link #GIVE_UP_SECONDS} as a {@link Duration}. */
  public static final Duration GIVE_UP = Duration.ofSeconds(GIVE_UP_SECONDS);

  private FaultNodes() {
  }

  /**
   * Starts a node on a free loopback port against {@code redisUrl}, with key prefix {@code prefix},
   * {@code delivery.presenceHeartbeatMs} = {@value #HEARTBEAT_MS} and {@code overrides} (dotted config keys).
   */
  public static TownhallNode start(String redisUrl, String prefix, Map<String, ?> overrides) {
    Map<String, Object> all = new HashMap<>(TestNodes.NO_RATE_LIMITS);
    all.put("server.port", 0);
    all.put("server.host", "127.0.0.1");
    all.put("redis.keyPrefix", prefix);
    all.put("delivery.presenceHeartbeatMs", HEARTBEAT_MS);
    // the history checks read the whole state from one fresh welcome: it must hold every question, not the top and
    // newest 50 (a failover test that asked more than 50 questions found its oldest one "lost")
    all.put("delivery.welcomeQuestions", 10_000);
    all.put("metrics.port", 0);
    all.putAll(overrides);
    TownhallConfig config = ConfigLoader.load(Map.of(), all);
    return Await.result(TownhallNode.start(config, redisUrl, TestNodes.secrets(config)), 30);
  }

  public static TownhallNode start(String redisUrl, String prefix) {
    return start(redisUrl, prefix, Map.of());
  }

  /** Milliseconds since {@code startNanos} (a {@link System#nanoTime()} reading). */
  public static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** The status of {@code GET /health}; -1 when the request itself failed. */
  public static int health(Api api) {
    try {
      return api.get("/health").status();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** Polls {@code /health} until it answers {@code status}; answers the milliseconds it took. */
  public static long awaitHealth(Api api, int status, long seconds) {
    long start = System.nanoTime();
    Await.until(() -> health(api) == status, seconds, "/health answers " + status);
    return millisSince(start);
  }

  /** A session's pub/sub channel name (as in RedisKeys). */
  public static String channel(String prefix, String sessionId) {
    return prefix + ":{" + sessionId + "}:channel";
  }

  /** How many subscribers the session's channel has in this Redis ({@code PUBSUB NUMSUB}). */
  public static int subscribers(RedisProcess redis, String prefix, String sessionId) {
    String[] lines = redis.cli("PUBSUB", "NUMSUB", channel(prefix, sessionId)).split("\n");
    return Integer.parseInt(lines[lines.length - 1].trim());
  }

  /** Creates a session through the node's API; answers the 201 body (id, moderatorToken, ...). */
  public static JsonObject session(Api api, String title) {
    return api.createSession(title, "post", true);
  }
}

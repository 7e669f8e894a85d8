package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.TestRedis;

/**
 * The token bucket of {@code lua/lib_bucket.lua} (through {@code bucket.lua}, the script the rate limiter runs):
 * a burst, then refusals that say when to retry, a refill on Redis's clock, a check that takes nothing, and the
 * bucket kept as one string that expires when it would be full again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenBucketLuaTest {
  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;
  private static String bucketLua;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    client = RedisClient.create(redis.url());
    connection = client.connect();
    bucketLua = LuaScripts.source(LuaScripts.Script.BUCKET);
  }

  @AfterAll
  static void stop() {
    connection.close();
    client.shutdown();
    redis.close();
  }

  private static JsonObject bucket(String key, int burst, int perMinute, String mode) {
    String answer = connection.sync().eval(bucketLua, ScriptOutputType.VALUE, new String[] {key},
        String.valueOf(burst), String.valueOf(perMinute), mode);
    return new JsonObject(answer);
  }

  @Test
  void aBurstIsTakenThenRefusalsSayWhenToRetryAndChecksTakeNothing() {
    String key = "test:bucket:burst";
    for (int i = 0; i < 3; i++) {
      assertTrue(bucket(key, 3, 1, "check").getBoolean("ok"), "a check before take " + i);
      assertTrue(bucket(key, 3, 1, "take").getBoolean("ok"), "take " + i);
    }
    JsonObject refused = bucket(key, 3, 1, "take");
    assertEquals("rate_limited", refused.getString("err"));
    long retry = refused.getLong("retryAfterMs");
    // one token a minute, and the last one was taken a moment ago
    assertTrue(retry > 0 && retry <= 60_000, "retryAfterMs " + retry);
    assertEquals("rate_limited", bucket(key, 3, 1, "check").getString("err"));
    long again = bucket(key, 3, 1, "take").getLong("retryAfterMs");
    assertTrue(again > 0 && again <= retry, "a refused take pushes the refill no further: " + again);
  }

  @Test
  void theBucketRefillsOnRedisClock() {
    String key = "test:bucket:refill";
    // 60 000 a minute: one token a ms
    assertTrue(bucket(key, 1, 60_000, "take").getBoolean("ok"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean refilled = false;
    while (!refilled && System.nanoTime() < deadline) {
      refilled = bucket(key, 1, 60_000, "take").containsKey("ok");
    }
    assertTrue(refilled, "a token came back");
  }

  @Test
  void theBucketIsOneStringThatExpiresWhenItWouldBeFullAgain() {
    String key = "test:bucket:expiry";
    RedisCommands<String, String> sync = connection.sync();
    assertTrue(bucket(key, 60, 300, "take").getBoolean("ok"));
    assertEquals("string", sync.type(key));
    String[] state = sync.get(key).split(":");
    assertEquals(59.0, Double.parseDouble(state[0]), 0.01);
    long ttl = sync.pttl(key);
    // full again after 60 tokens at 300 a minute = 12 s, kept a second longer
    assertTrue(ttl > 0 && ttl <= 13_000, "ttl " + ttl);
    assertFalse(bucket(key, 60, 300, "check").containsKey("err"));
    assertEquals(59.0, Double.parseDouble(sync.get(key).split(":")[0]), 0.01, "a check takes nothing");
  }

  @Test
  void aBurstOfZeroIsNoLimitAndLeavesNoKey() {
    String key = "test:bucket:none";
    for (int i = 0; i < 5; i++) {
      assertTrue(bucket(key, 0, 0, "take").getBoolean("ok"));
    }
    assertEquals(0L, connection.sync().exists(key));
  }
}

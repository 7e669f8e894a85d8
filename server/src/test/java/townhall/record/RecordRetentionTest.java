package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.service.SweepClosedSessions;
import townhall.store.StoreObserver;
import townhall.store.redis.RedisBackend;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;

/**
 * The retention sweep, on a clock two days ahead: it deletes a session closed longer ago than the retention time,
 * keeps one closed more recently than that, and never touches an open or paused session; one node sweeps at a time
 * (a lease); what is left of a session whose deletion was cut short is swept up.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordRetentionTest {
  private static final Clock TWO_DAYS_LATER = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));

  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;
  private static String prefix;
  private static TownhallNode node;
  private static Api api;
  private static RedisBackend backend;

  @BeforeAll
  static void start(Vertx vertx) {
    redis = TestRedis.start();
    client = RedisClient.create(redis.url());
    connection = client.connect();
    prefix = TestNodes.freshPrefix();
    node = TestNodes.start(redis, prefix);
    api = new Api(node.port());
    TownhallConfig config = ConfigLoader.load(Map.of(), Map.of("redis.keyPrefix", prefix));
    backend = Await.result(RedisBackend.connect(vertx, redis.url(), config.redis(), StoreObserver.NONE));
  }

  @AfterAll
  static void stop() {
    Await.result(backend.close());
    TestNodes.stop(node);
    connection.close();
    client.shutdown();
    redis.close();
  }

  private static SweepClosedSessions sweeper(Duration retention, String owner) {
    return new SweepClosedSessions(backend.sessions(TWO_DAYS_LATER), backend.leases(), retention,
        Duration.ofMinutes(5), owner, TWO_DAYS_LATER);
  }

  private static String session(String status) {
    JsonObject created = api.createSession("Phiên " + status, "post", true);
    String id = created.getString("id");
    if (!status.equals("open")) {
      Api.Reply reply = api.post("/api/sessions/" + id + "/status", new JsonObject().put("status", status).encode(),
          TestNodes.ADMIN_TOKEN);
      assertEquals(200, reply.status(), reply.body());
    }
    return id;
  }

  private static boolean exists(String sessionId) {
    return connection.sync().exists(prefix + ":{" + sessionId + "}:session") == 1;
  }

  @Test
  void sweepDeletesSessionsClosedLongerAgoThanTheRetentionAndNothingElse() {
    String closed = session("closed");
    String open = session("open");
    String paused = session("paused");
    String closedCode = api.get("/api/sessions/" + closed).json().getString("code");

    assertEquals(0, Await.result(sweeper(Duration.ofDays(3), "node-a").sweep()),
        "closed two days ago: within a retention of three days");
    assertTrue(exists(closed));

    assertEquals(1, Await.result(sweeper(Duration.ofDays(1), "node-a").sweep()), "closed two days ago, kept one");
    assertFalse(exists(closed));
    assertEquals(List.of(), connection.sync().keys(prefix + ":{" + closed + "}:*"));
    assertNull(connection.sync().get(prefix + ":code:" + closedCode));
    assertEquals(404, api.get("/api/sessions/" + closed).status());
    assertTrue(exists(open), "an open session is never swept");
    assertTrue(exists(paused), "a paused session is never swept");
    assertEquals(200, api.get("/api/sessions/" + open).status());
  }

  @Test
  void oneNodeSweepsAtATime() {
    String closed = session("closed");
    assertEquals(true, Await.result(backend.leases().acquire("retention", "node-b", Duration.ofMinutes(1))));
    assertEquals(0, Await.result(sweeper(Duration.ofDays(1), "node-a").sweep()), "node-b holds the lease");
    assertTrue(exists(closed));
    Await.result(backend.leases().release("retention", "node-a"));
    assertEquals("node-b", connection.sync().get(prefix + ":lock:retention"), "only its holder gives it back");

    Await.result(backend.leases().release("retention", "node-b"));
    assertTrue(Await.result(sweeper(Duration.ofDays(1), "node-a").sweep()) >= 1);
    assertFalse(exists(closed));
    assertNull(connection.sync().get(prefix + ":lock:retention"), "released after the sweep");
  }

  @Test
  void whatIsLeftOfASessionWhoseDeletionWasCutShortIsSweptUp() {
    String id = "LeftOver" + System.nanoTime();
    connection.sync().zadd(prefix + ":sessions", 0, id);
    connection.sync().set(prefix + ":{" + id + "}:questions", "left over");
    Await.result(sweeper(Duration.ofDays(1), "node-a").sweep());
    assertEquals(List.of(), connection.sync().keys(prefix + ":{" + id + "}:*"));
    assertNull(connection.sync().zscore(prefix + ":sessions", id));
  }

  @Test
  void aSessionIsDeletedOnlyWhileItsChainIsTheOneArchived() {
    String closed = session("closed");
    long length = Long.parseLong(connection.sync().hget(prefix + ":{" + closed + "}:session", "cn"));
    long later = TWO_DAYS_LATER.millis();
    assertFalse(Await.result(backend.sessions(TWO_DAYS_LATER).deleteIfClosedBefore(closed, later, length - 1)),
        "a step was appended after the record was archived: kept for the next sweep");
    assertTrue(exists(closed));
    assertTrue(Await.result(backend.sessions(TWO_DAYS_LATER).deleteIfClosedBefore(closed, later, length)));
    assertFalse(exists(closed));
  }
}

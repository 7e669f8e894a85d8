package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.testing.Await;
import townhall.testing.FaultNodes;
import townhall.testing.Msg;
import townhall.testing.NodeProcess;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Issue 13, "presence counted double after a restart": a node that dies without withdrawing its connection count
 * (kill -9, a crash, a Ctrl-C that stops its embedded Redis first) leaves that count in the session's presence hash
 * until it expires, three heartbeats later. Started again on its data folder, the node takes over its old entry
 * (townhall.config.NodeSlot), so its reconnected residents are counted once, not once more beside the dead count.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PresenceRestartTest {
  private static final int RESIDENTS = 3;
  /** Far longer than the test: the dead node's count (valid three heartbeats) outlives the restart. */
  private static final String HEARTBEAT_MS = "60000";

  private final String prefix = TestNodes.freshPrefix();
  private RedisProcess redis;
  private NodeProcess node;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    node = NodeProcess.start(redis.url(), prefix,
        Map.of("TOWNHALL_DELIVERY_PRESENCEHEARTBEATMS", HEARTBEAT_MS));
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(WsClient::close);
    node.close();
    redis.close();
  }

  @Test
  void nodeKilledAndStartedAgainCountsItsResidentsOnce(Vertx vertx) {
    JsonObject session = FaultNodes.session(node.api(), "Khởi động lại máy chủ");
    String sessionId = session.getString("id");
    String key = presenceKey(session);
    joinResidents(vertx, sessionId);
    Await.until(() -> total(entries(key)) == RESIDENTS, 10, RESIDENTS + " residents counted before the kill");
    Map<String, String> before = entries(key);

    node.kill9();
    clients.forEach(WsClient::close);
    clients.clear();
    node.restart();
    joinResidents(vertx, sessionId);
    // the restarted node's report of its residents: an entry other than the one the dead process left
    Await.until(() -> entries(key).entrySet().stream().anyMatch(entry -> entry.getValue().startsWith(RESIDENTS + ":")
        && !entry.getValue().equals(before.get(entry.getKey()))), 10, "the restarted node reports its residents");

    assertEquals(1, entries(key).size(), () -> "one node counts the residents, not the dead one too: "
        + entries(key) + " (before the kill: " + before + ")");
    JsonObject told = clients.get(0).next(frame -> "presence".equals(frame.getString("type"))
        && frame.getInteger("count") == RESIDENTS, "presence " + RESIDENTS);
    assertEquals(RESIDENTS, told.getInteger("count"));
  }

  private void joinResidents(Vertx vertx, String sessionId) {
    for (int i = 0; i < RESIDENTS; i++) {
      WsClient ws = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
      ws.next("welcome");
      clients.add(ws);
    }
  }

  private String presenceKey(JsonObject session) {
    String channel = FaultNodes.channel(prefix, session.getString("id"));
    return channel.replace(":channel", ":presence");
  }

  /** The presence hash: node id -> "count:expires". */
  private Map<String, String> entries(String key) {
    String[] lines = redis.cli("HGETALL", key).split("\n");
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i + 1 < lines.length; i += 2) {
      if (!lines[i].isBlank()) {
        entries.put(lines[i].trim(), lines[i + 1].trim());
      }
    }
    return entries;
  }

  private static int total(Map<String, String> entries) {
    return entries.values().stream().mapToInt(value -> Integer.parseInt(value.substring(0, value.indexOf(':'))))
        .sum();
  }
}

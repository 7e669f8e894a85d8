package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Moderation.answer;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.asked;
import static townhall.testing.Moderation.highlight;
import static townhall.testing.Moderation.merge;
import static townhall.testing.Moderation.next;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.questionEvent;
import static townhall.testing.Moderation.stageEvent;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.store.redis.LuaScripts;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.FaultNodes;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.RedisCluster;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Two nodes on a Redis Cluster of three primaries ({@code redis-cluster://} URL): sessions land in different slots
 * on different cluster nodes, and residents and moderators on both nodes see each other's events; a session's keys
 * all share its hash slot; scripts survive a flushed script cache; a reconnecting client resumes with
 * {@code since}.
 *
 * <p>The nodes re-read the event log only once a minute here, so events that arrive come through pub/sub.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterTest {
  private static final Map<String, Object> PUB_SUB_ONLY = Map.of("delivery.presenceHeartbeatMs", 60_000);

  private static RedisCluster cluster;
  private static String prefix;
  private static TownhallNode nodeA;
  private static TownhallNode nodeB;
  private static Api apiA;
  private static Api apiB;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.start(3);
    prefix = TestNodes.freshPrefix();
    nodeA = FaultNodes.start(cluster.url(), prefix, PUB_SUB_ONLY);
    nodeB = FaultNodes.start(cluster.url(), prefix, PUB_SUB_ONLY);
    apiA = new Api(nodeA.port());
    apiB = new Api(nodeB.port());
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(nodeA);
    TestNodes.stop(nodeB);
    if (cluster != null) {
      cluster.close();
    }
  }

  private record Created(String id, String moderatorToken) {
  }

  private static String sessionKey(String sessionId) {
    return prefix + ":{" + sessionId + "}:session";
  }

  private static Created create(Api api, String moderation) {
    JsonObject created = api.createSession("Đối thoại trên Redis Cluster", moderation, true);
    return new Created(created.getString("id"), created.getString("moderatorToken"));
  }

  /** Creates sessions on both nodes until every cluster node holds one; answers one session per cluster node. */
  private static Map<Integer, Created> sessionOnEveryClusterNode() {
    Map<Integer, Created> byHolder = new LinkedHashMap<>();
    for (int i = 0; i < 40 && byHolder.size() < cluster.nodes().size(); i++) {
      Created s = create(i % 2 == 0 ? apiA : apiB, "pre");
      byHolder.putIfAbsent(cluster.holderOf(sessionKey(s.id())).port(), s);
    }
    assertEquals(cluster.nodes().size(), byHolder.size(), "40 sessions did not land on every cluster node");
    return byHolder;
  }

  private static WsClient join(Vertx vertx, TownhallNode node, String sessionId, String token, String role) {
    WsClient ws = Moderation.join(vertx, node.port(), sessionId, token);
    assertEquals(role, ws.next("welcome").getString("role"));
    return ws;
  }

  @Test
  void residentsAndModeratorsOnBothNodesSeeEachOtherInSessionsOnEveryClusterNode(Vertx vertx) {
    Map<Integer, Created> sessions = sessionOnEveryClusterNode();
    Set<Integer> slots = new HashSet<>();
    sessions.values().forEach(s -> slots.add(cluster.keySlot(sessionKey(s.id()))));
    assertTrue(slots.size() >= 2, () -> "the sessions share one slot: " + slots);

    int crossNode = 0;
    for (Map.Entry<Integer, Created> entry : sessions.entrySet()) {
      crossNode += askVoteAndModerate(vertx, entry.getValue(), entry.getKey());
    }
    assertTrue(crossNode > 0, "no event had to cross from one cluster node to another");

    assertEverySessionKeySharesItsSessionsSlotAndNode();
  }

  /**
   * Alice on A and Bob on B ask, vote and see each other; the moderator on B approves, stages, answers and merges
   * (Carol's vote into Bob's).
   * Answers how many of the two nodes are subscribed on another cluster node than the one holding the session
   * (whose scripts publish its events).
   */
  private int askVoteAndModerate(Vertx vertx, Created s, int holderPort) {
    try (WsClient mod = join(vertx, nodeB, s.id(), s.moderatorToken(), "moderator");
        WsClient alice = join(vertx, nodeA, s.id(), null, "resident");
        WsClient bob = join(vertx, nodeB, s.id(), null, "resident")) {
      String fromAlice = asked(alice, "Khi nào sửa xong đường Lê Lợi?");
      next(mod, questionEvent(fromAlice, "pending"));
      ok(mod, approve(fromAlice));
      next(bob, questionEvent(fromAlice, "live"));
      next(alice, questionEvent(fromAlice, "live"));

      assertEquals(1, ok(bob, Msg.vote(fromAlice, 1)).getInteger("votes"));
      alice.awaitVotes(fromAlice, 1);

      String fromBob = asked(bob, "Chợ phường có mở cửa ngày lễ không?");
      next(mod, questionEvent(fromBob, "pending"));
      ok(mod, approve(fromBob));
      next(alice, questionEvent(fromBob, "live"));
      assertEquals(1, ok(alice, Msg.vote(fromBob, 1)).getInteger("votes"));
      bob.awaitVotes(fromBob, 1);

      ok(mod, highlight(fromAlice));
      next(alice, stageEvent(fromAlice));
      next(bob, stageEvent(fromAlice));
      ok(mod, answer(fromBob, "Có, từ 6 giờ sáng."));
      next(alice, questionEvent(fromBob, "answered"));

      // a merge adds one question's upvotes to another's inside one script: both zsets are in the session's slot
      String again = asked(alice, "Đường Lê Lợi bao giờ sửa xong?");
      ok(mod, approve(again));
      try (WsClient carol = join(vertx, nodeA, s.id(), null, "resident")) {
        assertEquals(1, ok(carol, Msg.vote(again, 1)).getInteger("votes"));
      }
      ok(mod, merge(again, fromAlice));
      next(bob, questionEvent(again, "archived"));
      assertEquals(2, Msg.question(Msg.freshWelcome(vertx, nodeA.port(), s.id(), Msg.hello()), fromAlice)
          .getInteger("votes"), "Carol's vote was added to Bob's on the question it was merged into");

      String channel = FaultNodes.channel(prefix, s.id());
      int subscribed = 0;
      int elsewhere = 0;
      for (RedisProcess node : cluster.nodes()) {
        int here = RedisCluster.localSubscribers(node, channel);
        subscribed += here;
        if (node.port() != holderPort) {
          elsewhere += here;
        }
      }
      assertEquals(2, subscribed, "both nodes follow the session's channel");
      return elsewhere;
    }
  }

  /** Every key of a session carries its {@code {id}} tag, so it is in the session's slot and on its node. */
  private static void assertEverySessionKeySharesItsSessionsSlotAndNode() {
    Map<Integer, List<String>> byNode = cluster.keysByNode(prefix + ":");
    List<String> untagged = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<Integer, List<String>> entry : byNode.entrySet()) {
      for (String key : entry.getValue()) {
        int open = key.indexOf('{');
        if (open < 0) {
          untagged.add(key);
          continue;
        }
        String sessionId = key.substring(open + 1, key.indexOf('}', open));
        assertEquals(prefix + ":{" + sessionId + "}:", key.substring(0, key.indexOf('}', open) + 2), key);
        assertEquals(cluster.keySlot(sessionKey(sessionId)), cluster.keySlot(key), key);
        assertEquals(entry.getKey(), cluster.holderOf(sessionKey(sessionId)).port(), key);
        checked++;
      }
    }
    assertTrue(checked > 30, "only " + checked + " session keys were found");
    // the only keys outside a session: join codes, follow-up codes, the token secret and the sessions' index (for
    // retention), each read and written on its own
    untagged.forEach(key -> assertTrue(key.startsWith(prefix + ":code:") || key.startsWith(prefix + ":follow:")
        || key.equals(prefix + ":secret:tokens") || key.equals(prefix + ":sessions"),
        () -> "a key outside every session: " + key));
  }

  /**
   * The organizer deletes a session held by one cluster node: every key of it is found (SCAN on the node that owns
   * its slot) and deleted, with its join code and index entry, while a session on another node keeps all of its.
   */
  @Test
  void deletingASessionRemovesEveryKeyOfItOnTheNodeThatOwnsItsSlot(Vertx vertx) {
    Map<Integer, Created> sessions = sessionOnEveryClusterNode();
    List<Created> two = new ArrayList<>(sessions.values()).subList(0, 2);
    for (Created s : two) {
      try (WsClient mod = join(vertx, nodeA, s.id(), s.moderatorToken(), "moderator");
          WsClient alice = join(vertx, nodeB, s.id(), null, "resident")) {
        String q = asked(alice, "Câu hỏi sẽ bị xóa cùng phiên");
        ok(mod, approve(q));
        assertEquals(1, ok(alice, Msg.vote(q, 1)).getInteger("votes"));
        ok(mod, Moderation.session("close"));
      }
    }
    Created gone = two.get(0);
    Created kept = two.get(1);
    String code = apiA.get("/api/sessions/" + gone.id()).json().getString("code");
    // the sockets have just closed: each node withdraws its count from the session's presence hash a moment later,
    // and the last one takes the hash with it; the keys are counted once that has happened, not during it
    Await.until(() -> keysOf(kept.id()).stream().noneMatch(key -> key.endsWith("}:presence")), 10,
        "the closed sockets' presence withdrawn");
    int keptBefore = keysOf(kept.id()).size();
    assertTrue(keysOf(gone.id()).size() >= 10, () -> "the session's keys: " + keysOf(gone.id()));
    assertEquals("1", cluster.holderOf(prefix + ":code:" + code).cli("EXISTS", prefix + ":code:" + code));

    assertEquals(204, apiB.delete("/api/sessions/" + gone.id(), TestNodes.ADMIN_TOKEN).status());
    assertEquals(List.of(), keysOf(gone.id()), "no key of the deleted session is left on any node");
    assertEquals(keptBefore, keysOf(kept.id()).size(), "the other session keeps every key");
    assertTrue(cluster.keysByNode(prefix + ":code:" + code).values().stream().allMatch(List::isEmpty));
    assertEquals(404, apiA.get("/api/sessions/" + gone.id()).status());
    assertEquals(404, apiA.get("/api/sessions/by-code/" + code).status());
  }

  /** The keys carrying the session's tag, on every node. */
  private static List<String> keysOf(String sessionId) {
    List<String> keys = new ArrayList<>();
    cluster.keysByNode(prefix + ":{" + sessionId + "}:").values().forEach(keys::addAll);
    return keys;
  }

  @Test
  void scriptsRunAgainAfterEveryNodeForgetsThem(Vertx vertx) {
    Created s = create(apiA, "post");
    RedisProcess holder = cluster.holderOf(sessionKey(s.id()));
    String askSha = LuaScripts.sha(LuaScripts.Script.ASK);
    try (WsClient alice = join(vertx, nodeA, s.id(), null, "resident");
        WsClient bob = join(vertx, nodeB, s.id(), null, "resident")) {
      String first = asked(alice, "Câu hỏi trước khi xoá bộ nhớ kịch bản");
      assertEquals("1", holder.cli("SCRIPT", "EXISTS", askSha), "the ask script is cached on the session's node");

      cluster.nodes().forEach(node -> assertEquals("OK", node.cli("SCRIPT", "FLUSH")));
      assertEquals("0", holder.cli("SCRIPT", "EXISTS", askSha));

      String second = asked(bob, "Câu hỏi sau khi xoá bộ nhớ kịch bản");
      assertEquals("1", holder.cli("SCRIPT", "EXISTS", askSha), "EVAL loaded the script again on that node");
      next(alice, Moderation.questionEvent(second, "live"));
      assertEquals(1, ok(bob, Msg.vote(first, 1)).getInteger("votes"));
      alice.awaitVotes(first, 1);
    }
  }

  @Test
  void reconnectingClientResumesWithSinceOnTheOtherNode(Vertx vertx) {
    Created s = create(apiB, "post");
    long seq;
    String epoch;
    String token;
    try (WsClient alice = Moderation.join(vertx, nodeB.port(), s.id(), null)) {
      JsonObject welcome = alice.next("welcome");
      seq = welcome.getLong("seq");
      epoch = welcome.getString("epoch");
      token = Msg.token(welcome);
    }
    try (WsClient bob = join(vertx, nodeA, s.id(), null, "resident")) {
      String missedOne = asked(bob, "Câu hỏi thứ nhất khi Alice vắng");
      String missedTwo = asked(bob, "Câu hỏi thứ hai khi Alice vắng");

      try (WsClient alice = WsClient.join(vertx, nodeA.port(), s.id(),
          Msg.hello(token).put("since", seq).put("epoch", epoch))) {
        JsonObject resumed = alice.next(f -> !"presence".equals(f.getString("type")), "the resumed frame");
        assertEquals("resumed", resumed.getString("type"), resumed::encode);
        assertEquals(seq, resumed.getLong("since"));
        assertEquals(seq + 2, resumed.getLong("seq"));
        assertEquals(epoch, resumed.getString("epoch"));
        assertEquals(seq + 1, alice.next(f -> Msg.isQuestionEvent(f, missedOne), "the first missed question")
            .getLong("seq"));
        assertEquals(seq + 2, alice.next(f -> Msg.isQuestionEvent(f, missedTwo), "the second missed question")
            .getLong("seq"));

        String live = asked(bob, "Câu hỏi sau khi Alice quay lại");
        assertEquals(seq + 3, alice.next(f -> Msg.isQuestionEvent(f, live), "the live question").getLong("seq"));
      }
    }
  }
}

package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Moderation.act;
import static townhall.testing.Moderation.assertError;
import static townhall.testing.Moderation.asked;
import static townhall.testing.Moderation.freeze;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.signals;
import static townhall.testing.Moderation.unfreeze;
import static townhall.testing.Moderation.vote;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;
import townhall.testing.WsClient;

/**
 * Vote signals over the protocol: scripted identities from chosen client addresses (the node trusts loopback's
 * {@code X-Forwarded-For}, as behind nginx) vote, and a moderator's {@code signals} request reports exactly the
 * bursts and shared addresses they make. Thresholds here: 5 fresh upvotes within a minute; 5 identities per address.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VoteSignalsProtocolTest {
  private static final String STUFFER = "203.0.113.7";

  private static TestRedis redis;
  private String prefix;
  private TownhallNode node;
  private Api api;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startNode() {
    prefix = TestNodes.freshPrefix();
    node = TestNodes.start(redis, prefix, Map.of("moderation.signals.burstVotes", 5,
        "moderation.signals.burstWindowMs", 60_000, "moderation.signals.freshIdentityMs", 600_000,
        "moderation.signals.identitiesPerAddress", 5));
    api = new Api(node.port());
  }

  @AfterEach
  void stopNode() {
    TestNodes.stop(node);
  }

  private record Session(String id, String moderatorToken) {
  }

  private Session newSession() {
    JsonObject created = api.createSession("Phiên bình chọn", "post", true);
    return new Session(created.getString("id"), created.getString("moderatorToken"));
  }

  private WsClient moderator(Vertx vertx, Session s) {
    WsClient ws = Moderation.join(vertx, node.port(), s.id(), s.moderatorToken());
    assertEquals("moderator", ws.next("welcome").getString("role"));
    return ws;
  }

  /** New identities, each from {@code addresses[i]}, each welcomed. */
  private List<WsClient> residents(Vertx vertx, Session s, List<String> addresses) {
    List<WsClient> joined = new ArrayList<>();
    for (String address : addresses) {
      WsClient ws = WsClient.joinFrom(vertx, node.port(), s.id(), Msg.hello(), address);
      joined.add(ws);
      assertEquals("resident", ws.next("welcome").getString("role"));
    }
    return joined;
  }

  private static List<String> times(int n, String address) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      addresses.add(address);
    }
    return addresses;
  }

  private static List<String> spread(int n, String network) {
    List<String> addresses = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      addresses.add(network + i);
    }
    return addresses;
  }

  private static void voteAll(List<WsClient> voters, String questionId, int value) {
    for (WsClient voter : voters) {
      ok(voter, vote(questionId, value));
    }
  }

  private static void closeAll(List<WsClient> clients) {
    clients.forEach(WsClient::close);
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(o -> (JsonObject) o).toList();
  }

  @Test
  void burstOfFreshIdentitiesFromOneAddressIsSignalledAndANormalSpreadIsNot(Vertx vertx) {
    Session s = newSession();
    List<WsClient> stuffers = new ArrayList<>();
    List<WsClient> neighbours = new ArrayList<>();
    List<WsClient> hall = new ArrayList<>();
    try (WsClient mod = moderator(vertx, s); WsClient author = Moderation.join(vertx, node.port(), s.id(), null)) {
      author.next("welcome");
      String stuffed = asked(author, "Đề nghị đổi tên đường Lê Lợi");
      String ordinary = asked(author, "Khi nào có đèn đường ở hẻm 42?");
      String popular = asked(author, "Phường có mở thêm lớp học bơi cho trẻ em không?");
      stuffers.addAll(residents(vertx, s, times(6, STUFFER)));
      neighbours.addAll(residents(vertx, s, spread(4, "198.51.100.")));
      hall.addAll(residents(vertx, s, spread(6, "192.0.2.")));
      voteAll(stuffers, stuffed, 1);
      voteAll(neighbours, ordinary, 1);
      voteAll(hall, popular, 1);

      JsonObject report = act(mod, signals());

      assertEquals("signals", report.getString("type"), () -> "expected signals, got " + report);
      List<JsonObject> bursts = objects(report.getJsonArray("bursts"));
      assertEquals(List.of(stuffed, popular), bursts.stream().map(b -> b.getString("questionId")).toList(),
          () -> "the 4 spread votes are no burst: " + bursts);
      assertEquals(6, bursts.get(0).getInteger("votes"));
      assertEquals(1, bursts.get(0).getInteger("addresses"), "the stuffed votes all came from one address");
      assertEquals(6, bursts.get(0).getInteger("totalVotes"));
      assertEquals(6, bursts.get(1).getInteger("votes"));
      assertEquals(6, bursts.get(1).getInteger("addresses"), "the hall's votes came from six addresses");
      assertTrue(bursts.get(0).getLong("from") <= bursts.get(0).getLong("to"));

      List<JsonObject> shared = objects(report.getJsonArray("addresses"));
      assertEquals(1, shared.size(), () -> "only the stuffer's address made 5 identities or more: " + shared);
      assertEquals(6, shared.get(0).getInteger("identities"));
      assertEquals(6, shared.get(0).getInteger("voters"));
      assertEquals(List.of(new JsonObject().put("questionId", stuffed).put("votes", 6)),
          objects(shared.get(0).getJsonArray("questions")));
      assertEquals(8, shared.get(0).getString("address").length());
      assertFalse(report.encode().contains(STUFFER), "the address itself is never shown");
      assertEquals(new JsonObject().put("burstVotes", 5).put("burstWindowMs", 60_000)
          .put("freshIdentityMs", 600_000).put("identitiesPerAddress", 5), report.getJsonObject("thresholds"));
    } finally {
      closeAll(stuffers);
      closeAll(neighbours);
      closeAll(hall);
    }
  }

  @Test
  void takenBackVotesNoLongerCountAndReconnectsMakeNoNewIdentities(Vertx vertx) {
    Session s = newSession();
    List<WsClient> stuffers = new ArrayList<>();
    try (WsClient mod = moderator(vertx, s); WsClient author = Moderation.join(vertx, node.port(), s.id(), null)) {
      author.next("welcome");
      String q = asked(author, "Đề nghị đổi tên đường Lê Lợi");
      stuffers.addAll(residents(vertx, s, times(3, STUFFER)));
      WsClient fourth = WsClient.joinFrom(vertx, node.port(), s.id(), Msg.hello(), STUFFER);
      stuffers.add(fourth);
      JsonObject fourthWelcome = fourth.next("welcome");
      voteAll(stuffers, q, 1);
      // the fourth comes back with its token: the same identity, not a fifth one
      try (WsClient again = WsClient.joinFrom(vertx, node.port(), s.id(), Msg.hello(Moderation.token(fourthWelcome)),
          STUFFER)) {
        assertEquals(Msg.participantId(fourthWelcome), Msg.participantId(again.next("welcome")));
      }
      JsonObject before = act(mod, signals());
      assertEquals(List.of(), before.getJsonArray("bursts").getList(), "4 votes are below 5");
      assertEquals(List.of(), before.getJsonArray("addresses").getList(), "4 identities from the address, not 5");

      stuffers.addAll(residents(vertx, s, times(2, STUFFER)));
      voteAll(stuffers.subList(4, 6), q, 1);
      assertEquals(6, objects(act(mod, signals()).getJsonArray("bursts")).get(0).getInteger("votes"));

      voteAll(stuffers.subList(0, 2), q, 0);
      JsonObject after = act(mod, signals());
      assertEquals(List.of(), after.getJsonArray("bursts").getList(), "4 standing votes are below 5 again");
      assertEquals(4, objects(after.getJsonArray("addresses")).get(0).getInteger("voters"));
    } finally {
      closeAll(stuffers);
    }
  }

  @Test
  void signalsOfAnEmptySessionAreEmptyAndResidentsMayNotAsk(Vertx vertx) {
    Session s = newSession();
    try (WsClient mod = moderator(vertx, s);
         WsClient resident = WsClient.joinFrom(vertx, node.port(), s.id(), Msg.hello(), STUFFER)) {
      resident.next("welcome");
      JsonObject report = act(mod, signals());
      assertEquals(List.of(), report.getJsonArray("bursts").getList());
      assertEquals(List.of(), report.getJsonArray("addresses").getList());
      assertTrue(report.getLong("at") > 0);

      assertError("forbidden", act(resident, signals()));
    }
  }

  @Test
  void freezingAndUnfreezingAreKeptInTheAuditStream(Vertx vertx) {
    Session s = newSession();
    try (WsClient mod = moderator(vertx, s); WsClient author = Moderation.join(vertx, node.port(), s.id(), null)) {
      author.next("welcome");
      String q = asked(author, "Đề nghị đổi tên đường Lê Lợi");
      ok(author, vote(q, 1));
      ok(mod, freeze(q));
      ok(mod, unfreeze(q));

      List<String> actions = new ArrayList<>();
      RedisClient client = RedisClient.create(redis.url());
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        for (StreamMessage<String, String> entry : connection.sync().xrange(prefix + ":{" + s.id() + "}:audit",
            io.lettuce.core.Range.create("-", "+"))) {
          if (q.equals(entry.getBody().get("question"))) {
            actions.add(entry.getBody().get("action") + " " + entry.getBody().get("details"));
          }
        }
      } finally {
        client.shutdown();
      }
      assertEquals(List.of("freeze {\"votes\":1}", "unfreeze {\"votes\":1}"), actions);
    }
  }
}

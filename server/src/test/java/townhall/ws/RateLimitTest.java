package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;
import townhall.testing.WsClient;

/**
 * B6, B9, B10: token buckets in Redis. A refused action answers {@code rate_limited} with {@code retryAfterMs} and
 * changes nothing; two nodes enforce one limit; a retried ref is answered even when the bucket is empty.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RateLimitTest {
  private static TestRedis redis;
  private final List<TownhallNode> nodes = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(TestNodes::stop);
  }

  /** Nodes on one key prefix with every limit off except {@code limits} (e.g. "asks" → burst, per minute). */
  private List<TownhallNode> nodes(int count, Map<String, int[]> limits) {
    Map<String, Object> settings = new HashMap<>();
    limits.forEach((name, limit) -> {
      settings.put("rateLimits." + name + ".burst", limit[0]);
      settings.put("rateLimits." + name + ".perMinute", limit[1]);
    });
    String prefix = TestNodes.freshPrefix();
    for (int i = 0; i < count; i++) {
      nodes.add(TestNodes.start(redis, prefix, settings));
    }
    return nodes;
  }

  private static String session(TownhallNode node) {
    return new Api(node.port()).createSession("Giới hạn tốc độ", "post", true).getString("id");
  }

  private static WsClient resident(Vertx vertx, TownhallNode node, String sessionId, JsonObject hello) {
    WsClient ws = WsClient.join(vertx, node.port(), sessionId, hello);
    ws.next(f -> "welcome".equals(f.getString("type")), "welcome");
    return ws;
  }

  @Test
  void askingPastTheBucketIsRefusedWithRetryAfterAndARetriedRefIsStillAnswered(Vertx vertx) {
    TownhallNode node = nodes(1, Map.of("asks", new int[] {3, 1})).get(0);
    String sessionId = session(node);
    try (WsClient ws = resident(vertx, node, sessionId, Msg.hello())) {
      JsonObject first = Msg.ask("Câu hỏi 0").put("ref", "ask-0");
      ws.send(first);
      String firstId = ws.answerTo("ask-0").getString("questionId");
      Moderation.assertAck(ws.act(Msg.ask("Câu hỏi 1")));
      Moderation.assertAck(ws.act(Msg.ask("Câu hỏi 2")));

      JsonObject refused = ws.act(Msg.ask("Câu hỏi thứ tư"));
      Moderation.assertError("rate_limited", refused);
      long retryAfter = refused.getLong("retryAfterMs", 0L);
      assertTrue(retryAfter > 0 && retryAfter <= 60_000, "retryAfterMs within one refill: " + retryAfter);

      ws.send(first);
      JsonObject retried = ws.answerTo("ask-0");
      Moderation.assertAck(retried);
      assertEquals(firstId, retried.getString("questionId"), "a retried ref gets its first answer, limited or not");
      assertEquals(3, Msg.freshWelcome(vertx, node.port(), sessionId, Msg.hello()).getJsonArray("questions").size(),
          "the refused ask changed nothing");
    }
  }

  @Test
  void aResidentTogglingAVoteAThousandTimesLeavesZeroOrOne(Vertx vertx) {
    TownhallNode node = nodes(1, Map.of("votes", new int[] {20, 60})).get(0);
    String sessionId = session(node);
    try (WsClient asker = resident(vertx, node, sessionId, Msg.hello());
         WsClient flooder = resident(vertx, node, sessionId, Msg.hello())) {
      String questionId = asker.act(Msg.ask("Bỏ phiếu dồn dập")).getString("questionId");
      List<String> refs = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        String ref = "v" + i;
        refs.add(ref);
        flooder.send(Msg.vote(questionId, i % 2 == 0 ? 1 : 0).put("ref", ref));
      }
      Map<String, JsonObject> answers = new HashMap<>();
      while (answers.size() < refs.size()) {
        JsonObject answer = flooder.next(f -> f.getString("ref") != null, "an answer");
        answers.put(answer.getString("ref"), answer);
      }
      int acked = 0;
      int limited = 0;
      int lastAckedValue = 0;
      for (int i = 0; i < refs.size(); i++) {
        JsonObject answer = answers.get(refs.get(i));
        if ("ack".equals(answer.getString("type"))) {
          acked++;
          lastAckedValue = i % 2 == 0 ? 1 : 0;
        } else {
          Moderation.assertError("rate_limited", answer);
          assertTrue(answer.getLong("retryAfterMs") > 0, answer::encode);
          limited++;
        }
      }
      assertEquals(1000, acked + limited);
      assertTrue(acked >= 20 && acked < 1000, "the burst is taken, then the flood refused: " + acked + " acked");
      JsonObject question = Msg.question(Msg.freshWelcome(vertx, node.port(), sessionId, Msg.hello()), questionId);
      assertEquals(lastAckedValue, question.getInteger("votes"),
          "the count is the last accepted vote (0 or 1): a client's actions apply in the order it sent them");
    }
  }

  @Test
  void twoNodesEnforceOneLimitPerResident(Vertx vertx) {
    List<TownhallNode> both = nodes(2, Map.of("asks", new int[] {4, 1}));
    String sessionId = session(both.get(0));
    JsonObject welcome = Msg.freshWelcome(vertx, both.get(0).port(), sessionId, Msg.hello());
    String token = Msg.token(welcome);
    try (WsClient onA = resident(vertx, both.get(0), sessionId, Msg.hello(token));
         WsClient onB = resident(vertx, both.get(1), sessionId, Msg.hello(token))) {
      int acked = 0;
      JsonObject last = null;
      for (int i = 0; i < 6; i++) {
        // refs unique across both sockets: they belong to one participant
        WsClient ws = i % 2 == 0 ? onA : onB;
        String ref = "alt-" + i;
        ws.send(Msg.ask("Hỏi luân phiên " + i).put("ref", ref));
        last = ws.answerTo(ref);
        acked += "ack".equals(last.getString("type")) ? 1 : 0;
      }
      assertEquals(4, acked, "one bucket in Redis for both nodes");
      Moderation.assertError("rate_limited", last);
    }
  }

  @Test
  void newIdentitiesPerAddressAreLimitedButKnownResidentsStillJoin(Vertx vertx) {
    TownhallNode node = nodes(1, Map.of("identities", new int[] {3, 1})).get(0);
    String sessionId = session(node);
    JsonObject known = null;
    for (int i = 0; i < 3; i++) {
      known = Msg.freshWelcome(vertx, node.port(), sessionId, Msg.hello());
    }
    try (WsClient refused = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      JsonObject error = refused.next("error");
      Moderation.assertError("rate_limited", error);
      assertTrue(error.getLong("retryAfterMs") > 0, error::encode);
      assertEquals(4429, refused.awaitClose(), "closed with the documented code");
    }
    JsonObject back = Msg.freshWelcome(vertx, node.port(), sessionId, Msg.hello(Msg.token(known)));
    assertEquals(Msg.participantId(known), Msg.participantId(back), "a resident with a token is not a new identity");
  }

  @Test
  void hellosAreLimitedPerParticipantInEachSession(Vertx vertx) {
    TownhallNode node = nodes(1, Map.of("hellos", new int[] {2, 1})).get(0);
    Api api = new Api(node.port());
    JsonObject first = api.createSession("Phường A", "post", true);
    JsonObject second = api.createSession("Phường B", "post", true);
    String firstId = first.getString("id");
    JsonObject resident = Msg.freshWelcome(vertx, node.port(), firstId, Msg.hello());
    String token = Msg.token(resident);
    Msg.freshWelcome(vertx, node.port(), firstId, Msg.hello(token));
    Msg.freshWelcome(vertx, node.port(), firstId, Msg.hello(token));
    try (WsClient looping = WsClient.join(vertx, node.port(), firstId, Msg.hello(token))) {
      Moderation.assertError("rate_limited", looping.next("error"));
    }
    // the organizer's own moderator link (POST …/links, the organizer page's) is one participant id in every
    // session: its hellos are counted per session
    String firstModerator = organizerLink(api, firstId);
    Msg.freshWelcome(vertx, node.port(), firstId, Msg.hello(firstModerator));
    Msg.freshWelcome(vertx, node.port(), firstId, Msg.hello(firstModerator));
    try (WsClient looping = WsClient.join(vertx, node.port(), firstId, Msg.hello(firstModerator))) {
      Moderation.assertError("rate_limited", looping.next("error"));
    }
    JsonObject other = Msg.freshWelcome(vertx, node.port(), second.getString("id"),
        Msg.hello(organizerLink(api, second.getString("id"))));
    assertEquals("moderator", other.getString("role"), "another session's moderator link is not slowed down");
  }

  private static String organizerLink(Api api, String sessionId) {
    Api.Reply links = api.post("/api/sessions/" + sessionId + "/links", "{}", TestNodes.ADMIN_TOKEN);
    assertEquals(200, links.status(), links.body());
    return links.json().getString("moderatorToken");
  }

  @Test
  void newSocketsPerAddressAreLimitedAtTheHandshake(Vertx vertx) {
    TownhallNode node = nodes(1, Map.of("connections", new int[] {3, 1})).get(0);
    String sessionId = session(node);
    List<WsClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        open.add(WsClient.connect(vertx, node.port(), sessionId));
      }
      UpgradeRejectedException rejected = null;
      try {
        open.add(WsClient.connect(vertx, node.port(), sessionId));
      } catch (UpgradeRejectedException e) {
        rejected = e;
      }
      assertTrue(rejected != null, "the fourth socket from one address is refused");
      assertEquals(429, rejected.getStatus());
      open.get(0).send(Msg.hello().put("type", "hello"));
      open.get(0).next("welcome");
    } finally {
      open.forEach(WsClient::close);
    }
  }

  @Test
  void guessingJoinCodesIsSlowedPerAddressAndForEveryone() {
    TownhallNode node = nodes(1, Map.of("codeMisses", new int[] {5, 1}, "codeMissesAll", new int[] {12, 1})).get(0);
    Api api = new Api(node.port());
    String code = api.createSession("Mã tham gia", "post", true).getString("code");
    String wrong = code.equals("000000") ? "000001" : "000000";
    for (int i = 0; i < 20; i++) {
      assertEquals(200, api.getFrom("/api/sessions/by-code/" + code, "198.51.100.1").status(),
          "a code that exists costs nothing: a hall behind one NAT joins freely");
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(404, api.getFrom("/api/sessions/by-code/" + wrong, "198.51.100.2").status());
    }
    Api.Reply limited = api.getFrom("/api/sessions/by-code/" + code, "198.51.100.2");
    assertEquals(429, limited.status(), "after 5 misses even the right code waits");
    assertEquals("rate_limited", limited.json().getString("error"));
    assertTrue(limited.json().getLong("retryAfterMs") > 0, limited.body());
    assertTrue(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow()) >= 1);
    assertEquals(200, api.getFrom("/api/sessions/by-code/" + code, "198.51.100.3").status(),
        "another address is not affected");

    // misses from many addresses together empty the bucket shared by all (5 above, 7 more here)
    for (int i = 0; i < 7; i++) {
      assertEquals(404, api.getFrom("/api/sessions/by-code/" + wrong, "203.0.113." + i).status());
    }
    assertEquals(429, api.getFrom("/api/sessions/by-code/" + code, "203.0.113.200").status(),
        "a distributed guesser trips the shared bucket");
  }
}

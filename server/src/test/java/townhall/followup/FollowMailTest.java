package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Clock;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.service.FollowSubscriptions;
import townhall.store.pg.PgBackend;
import townhall.record.RecordVerifier;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.HomeTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.TestPostgres;
import townhall.testing.WsClient;

/**
 * Askers told of their question's follow-up by email, through a real SMTP server (GreenMail) started by the test:
 * the confirmation link, one message per step and address (a retry and a second node included), none after
 * unsubscribing or after the follow-up ended (the addresses are deleted then), and no address anywhere public (the
 * record as JSON and CSV, {@code /api/follow}, the node's log). And the asker's rating of the answer: once, by the
 * asker only (participant token or the signed link of the answer mail), chained, counted, and the record verifies.
 */
class FollowMailTest extends HomeTestBase {
  private static final String PUBLIC_URL = "https://townhall.example.vn";
  private static final Pattern CONFIRM = Pattern.compile("/f/([A-Z0-9-]+)#confirm=([A-Za-z0-9_-]+)");
  private static final Pattern UNSUBSCRIBE = Pattern.compile("/f/([A-Z0-9-]+)#unsubscribe=([0-9]+\\.[A-Za-z0-9_-]+)");
  private static final Pattern RATE = Pattern.compile("/f/([A-Z0-9-]+)#rate=([A-Za-z0-9_-]+)");

  private static GreenMail smtp;
  private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record.getMessage() + " " + Arrays.toString(record.getParameters()) + " " + record.getThrown());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @Override
  protected Map<String, ?> nodeSettings() {
    return Map.of("server.publicUrl", PUBLIC_URL, "mail.host", "127.0.0.1", "mail.port", smtp.getSmtp().getPort(),
        "mail.from", "Townhall <no-reply@example.vn>", "mail.starttls", false);
  }

  @BeforeEach
  void listen() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    Logger.getLogger("").removeHandler(capture);
  }

  /** A session of the root organization with post-moderation, its moderator token; questions asked by a resident. */
  private record Session(String id, String moderatorToken) {
  }

  private Session session() {
    JsonObject created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường")
        .put("organization", "main").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    return new Session(created.getString("id"), created.getString("moderatorToken"));
  }

  private static String followCode(WsClient moderator, String questionId) {
    return moderator.next(f -> "question".equals(f.getString("type"))
        && questionId.equals(f.getJsonObject("question").getString("id")), "question " + questionId)
        .getJsonObject("question").getString("followCode");
  }

  private Api.Reply subscribe(Api through, String code, String email, String language) {
    return through.post("/api/follow/" + code + "/subscribe", new JsonObject().put("email", email)
        .put("language", language).encode(), null);
  }

  private Api.Reply step(Api through, Session s, String questionId, String step, String ref) {
    JsonObject body = new JsonObject().put("step", step).put("ref", ref);
    if ("promised".equals(step)) {
      body.put("due", "2027-02-01");
    }
    if ("outOfRemit".equals(step)) {
      body.put("note", "Thuộc thẩm quyền của thành phố");
    }
    return through.post("/api/sessions/" + s.id() + "/questions/" + questionId + "/follow-up", body.encode(),
        TestNodes.ADMIN_TOKEN);
  }

  /** Waits until {@code count} messages have arrived in all; answers them, oldest first. */
  private static List<MimeMessage> received(int count) {
    Await.until(() -> smtp.getReceivedMessages().length >= count, 20, count + " message(s) at the SMTP server");
    return Arrays.asList(smtp.getReceivedMessages());
  }

  private static List<MimeMessage> to(String address) throws Exception {
    List<MimeMessage> mine = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
        mine.add(m);
      }
    }
    return mine;
  }

  private static String text(MimeMessage message) throws Exception {
    Object content = message.getContent();
    if (content instanceof String plain) {
      return plain;
    }
    Multipart parts = (Multipart) content;
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType("text/plain")) {
        return part.getContent().toString();
      }
    }
    throw new AssertionError("No text/plain part");
  }

  private static String token(Pattern link, MimeMessage message) throws Exception {
    Matcher matcher = link.matcher(text(message));
    assertTrue(matcher.find(), "a link in the message");
    return matcher.group(2);
  }

  private int subscriptionsOf(String questionId) throws Exception {
    try (Connection c = postgres.connect(TestPostgres.databaseOf(databaseUrl));
         ResultSet rows = c.createStatement().executeQuery(
             "SELECT count(*) FROM follow_subscriptions WHERE question_id = '" + questionId + "'")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static JsonObject question(JsonObject record, String id) {
    return record.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("id").equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aConfirmedAskerIsToldOfEachStepOnceAndOfNothingAfterUnsubscribingOrTheEnd(Vertx vertx) throws Exception {
    Session s = session();
    String code1;
    String code2;
    try (WsClient resident = WsClient.join(vertx, node.port(), s.id(), Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), s.id(), Msg.hello(s.moderatorToken()))) {
      resident.next("welcome");
      moderator.next("welcome");
      resident.act(Msg.ask("Khi nào sửa đường Lê Lợi?"));
      resident.act(Msg.ask("Chợ phường mở cửa lúc mấy giờ?"));
      code1 = followCode(moderator, "1");
      code2 = followCode(moderator, "2");
    }
    assertEquals(400, subscribe(api, code1, "not an address", "vi").status());
    assertEquals(404, subscribe(api, "ZZ-ZZZZ", "lan@example.vn", "vi").status());
    assertEquals(202, subscribe(api, code1, "lan@example.vn", "en").status());
    MimeMessage confirmation = received(1).get(0);
    assertTrue(confirmation.getSubject().contains(code1), confirmation.getSubject());
    String confirmToken = token(CONFIRM, confirmation);

    assertEquals(200, step(api, s, "1", "noted", "n1").status(), "a step before the address is confirmed");
    assertEquals(404, api.post("/api/follow/" + code1 + "/confirm", new JsonObject().put("token", "forged")
        .encode(), null).status());
    assertEquals(200, api.post("/api/follow/" + code1 + "/confirm", new JsonObject().put("token", confirmToken)
        .encode(), null).status());
    assertEquals(404, api.post("/api/follow/" + code1 + "/confirm", new JsonObject().put("token", confirmToken)
        .encode(), null).status(), "a confirmation link works once");
    Api.Reply again = subscribe(api, code1, "lan@example.vn", "en");
    assertEquals(202, again.status(), "the same answer for an address already subscribed");
    assertFalse(again.body().contains("lan@"), again.body());

    assertEquals(202, subscribe(api, code1, "minh@example.vn", "vi").status());
    MimeMessage minhConfirmation = received(2).get(1);
    assertEquals(200, api.post("/api/follow/" + code1 + "/confirm", new JsonObject()
        .put("token", token(CONFIRM, minhConfirmation)).encode(), null).status());

    assertEquals(200, step(api, s, "1", "promised", "p1").status());
    received(4);
    assertEquals(200, step(api, s, "1", "promised", "p1").status(), "a retry of the same step");
    MimeMessage minhStep = to("minh@example.vn").get(1);
    assertTrue(text(minhStep).contains("2027-02-01"), text(minhStep));
    assertEquals(200, api.post("/api/follow/" + code1 + "/unsubscribe", new JsonObject()
        .put("token", token(UNSUBSCRIBE, minhStep)).encode(), null).status());
    assertEquals(404, api.post("/api/follow/" + code1 + "/unsubscribe", new JsonObject()
        .put("token", "1.forged").encode(), null).status());

    Api.Reply answered = api.post("/api/sessions/" + s.id() + "/questions/1/answer",
        new JsonObject().put("text", "Tháng 3 sẽ sửa xong.").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(200, answered.status(), answered.body());
    received(5);
    MimeMessage last = to("lan@example.vn").get(2);
    assertTrue(text(last).contains("Tháng 3 sẽ sửa xong."), text(last));
    Await.until(() -> {
      try {
        return subscriptionsOf("1") == 0;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, 20, "the addresses deleted when the follow-up ended");
    assertEquals(409, subscribe(api, code1, "lan@example.vn", "en").status(), "the follow-up has ended");
    assertEquals(200, step(api, s, "1", "noted", "n2").status(), "a step after the end");

    // a marker: the step above was told (to nobody) before this confirmation arrives
    assertEquals(202, subscribe(api, code2, "marker@example.vn", "vi").status());
    received(6);
    assertEquals(3, to("lan@example.vn").size(), "confirmation, promised, answered");
    assertEquals(2, to("minh@example.vn").size(), "confirmation, promised; nothing after unsubscribing");
    assertEquals(1, to("marker@example.vn").size());
    assertEquals(6, smtp.getReceivedMessages().length);

    // rating by the signed link of the answer mail: once
    String rateToken = token(RATE, last);
    Api.Reply rated = api.post("/api/follow/" + code1 + "/rate", new JsonObject().put("rating", "satisfied")
        .put("reason", "Trả lời rõ ràng").put("token", rateToken).encode(), null);
    assertEquals(200, rated.status(), rated.body());
    assertEquals(409, api.post("/api/follow/" + code1 + "/rate", new JsonObject().put("rating", "notSatisfied")
        .put("token", rateToken).encode(), null).status(), "a second rating");
    assertEquals(403, api.post("/api/follow/" + code2 + "/rate", new JsonObject().put("rating", "notSatisfied")
        .put("token", rateToken).encode(), null).status(), "another question's link");

    // no address anywhere public
    assertEquals(200, api.post("/api/sessions/" + s.id() + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    JsonObject record = api.get("/api/sessions/" + s.id() + "/record").json();
    assertEquals(new JsonObject().put("satisfied", 1).put("notSatisfied", 0),
        question(record, "1").getJsonObject("satisfaction"));
    assertTrue(RecordVerifier.verify(record).intact(), RecordVerifier.verify(record).problems()::toString);
    List<String> publicTexts = List.of(record.encode(),
        api.get("/api/sessions/" + s.id() + "/record", TestNodes.ADMIN_TOKEN).body(),
        api.get("/api/sessions/" + s.id() + "/record?format=csv").body(),
        api.get("/api/follow/" + code1).body(), api.get("/api/follow/" + code2).body(),
        String.join("\n", new ArrayList<>(logged)));
    for (String text : publicTexts) {
      for (String address : List.of("lan@", "minh@", "marker@")) {
        assertFalse(text.contains(address), address + " in " + text);
      }
    }
    assertEquals(1, new JsonObject(api.get("/api/follow/" + code1).body()).getJsonObject("satisfaction")
        .getInteger("satisfied"));
  }

  @Test
  void subscribingIsLimitedPerAddressAndAnUnconfirmedAddressExpiresAndIsSwept(Vertx vertx) throws Exception {
    Session s = session();
    String code;
    try (WsClient resident = WsClient.join(vertx, node.port(), s.id(), Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), s.id(), Msg.hello(s.moderatorToken()))) {
      resident.next("welcome");
      moderator.next("welcome");
      resident.act(Msg.ask("Khi nào có đèn đường?"));
      code = followCode(moderator, "1");
    }
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(subscribe(api, code, "busy@example.vn", "vi").status());
    }
    assertEquals(429, statuses.get(4), statuses.toString());
    assertEquals(202, statuses.get(0), statuses.toString());
    MimeMessage confirmation = received(3).get(2);
    String confirmToken = token(CONFIRM, confirmation);
    postgres.execute(TestPostgres.databaseOf(databaseUrl),
        "UPDATE follow_subscriptions SET created_at = now() - interval '3 days'");
    assertEquals(404, api.post("/api/follow/" + code + "/confirm", new JsonObject().put("token", confirmToken)
        .encode(), null).status(), "a confirmation link older than its 48 hours: " + confirmation.getSubject());
    assertEquals(1, subscriptionsOf("1"));

    // the sweep every node runs deletes it
    PgBackend pg = Await.result(PgBackend.connect(vertx, databaseUrl,
        ConfigLoader.load(Map.of(), Map.of()).database()), 30);
    try {
      assertEquals(1, Await.result(new FollowSubscriptions(pg.followSubscriptions(), null, null, null, null, null,
          Clock.systemUTC()).sweep(), 10));
    } finally {
      Await.result(pg.close(), 10);
    }
    assertEquals(0, subscriptionsOf("1"));
  }

  @Test
  void twoNodesTellAStepOnce(Vertx vertx) throws Exception {
    Map<String, Object> settings = new HashMap<>(nodeSettings());
    settings.put("redis.keyPrefix", keyPrefix);
    TownhallNode second = startNode(databaseUrl, settings);
    try {
      Api other = new Api(second.port());
      Session s = session();
      String code;
      String markerCode;
      try (WsClient resident = WsClient.join(vertx, node.port(), s.id(), Msg.hello());
           WsClient moderator = WsClient.join(vertx, node.port(), s.id(), Msg.hello(s.moderatorToken()))) {
        resident.next("welcome");
        moderator.next("welcome");
        resident.act(Msg.ask("Bao giờ nạo vét kênh?"));
        resident.act(Msg.ask("Bao giờ sửa cầu?"));
        code = followCode(moderator, "1");
        markerCode = followCode(moderator, "2");
        assertEquals(202, subscribe(other, code, "hoa@example.vn", "vi").status());
        assertEquals(200, api.post("/api/follow/" + code + "/confirm", new JsonObject()
            .put("token", token(CONFIRM, received(1).get(0))).encode(), null).status());
        // a step during the session (the moderator's followUp over WebSocket) is told too
        Moderation.ok(moderator, new JsonObject().put("type", "moderate").put("questionId", "1")
            .put("action", "followUp").put("step", "promised").put("due", "2027-01-15"));
        MimeMessage during = received(2).get(1);
        assertTrue(text(during).contains("2027-01-15"), text(during));
        // and so is an answer on stage, with the rating link; it does not end the follow-up
        Moderation.ok(moderator, Moderation.answer("1", "Đang lập dự toán nạo vét."));
        MimeMessage onStage = received(3).get(2);
        assertTrue(text(onStage).contains("Đang lập dự toán nạo vét."), text(onStage));
        assertTrue(RATE.matcher(text(onStage)).find(), text(onStage));
      }
      List<Thread> both = new ArrayList<>();
      List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
      for (Api through : List.of(api, other)) {
        Thread t = new Thread(() -> statuses.add(step(through, s, "1", "noted", "same-step").status()));
        both.add(t);
        t.start();
      }
      for (Thread t : both) {
        t.join();
      }
      assertEquals(List.of(200, 200), statuses);
      assertEquals(200, step(other, s, "1", "outOfRemit", "end").status());
      received(5);
      // a marker: both nodes' telling of the steps above is over before this confirmation arrives
      assertEquals(409, subscribe(api, code, "hoa@example.vn", "vi").status(), "the follow-up ended");
      assertEquals(202, subscribe(api, markerCode, "marker@example.vn", "vi").status());
      received(6);
      assertEquals(5, to("hoa@example.vn").size(), "confirmation, promised, answered on stage, noted once, outOfRemit");
      assertEquals(6, smtp.getReceivedMessages().length);
    } finally {
      TestNodes.stop(second);
    }
  }
}

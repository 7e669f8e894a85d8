package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import townhall.record.RecordVerifier;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Series carry-over across two sessions of one series: the second shows the first's open and overdue items (and
 * not what was only noted), a moderator of the second puts one on stage (every screen gets the stage with its
 * follow-up code) and marks it answered on stage: the answer is chained onto the earlier question, the fact onto
 * the second session's chain, both records verify, and the item is no longer carried over. Only the second
 * session's moderators act on its carry-over.
 */
class CarryOverTest extends HomeTestBase {
  private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.HOURS);

  private JsonObject session(String title, OffsetDateTime at) {
    Api.Reply created = api.post("/api/sessions", new JsonObject().put("title", title).put("organization", "ward-a")
        .put("moderation", "post").put("series", "quy").put("scheduledStart", at.toString())
        .put("scheduledEnd", at.plusHours(2).toString())
        .put("questionsOpenFrom", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString()).encode(),
        TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  private static JsonObject step(String questionId, String step, String agency, String due) {
    JsonObject m = new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "followUp")
        .put("step", step);
    if (agency != null) {
      m.put("agency", agency);
    }
    if (due != null) {
      m.put("due", due);
    }
    return m;
  }

  private JsonObject carriedOver(String sessionId) {
    Api.Reply reply = api.get("/api/sessions/" + sessionId + "/carried-over", null);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private Api.Reply act(String sessionId, String code, JsonObject body, String token) {
    return api.post("/api/sessions/" + sessionId + "/carried-over/" + code, body.encode(), token);
  }

  private JsonObject record(String sessionId) {
    Api.Reply record = api.get("/api/sessions/" + sessionId + "/record", TestNodes.ADMIN_TOKEN);
    assertEquals(200, record.status(), record.body());
    return record.json();
  }

  @Test
  void aNewSessionOfTheSeriesShowsAndAnswersTheEarlierSessionsOpenItems(Vertx vertx) {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    JsonObject first = session("Đối thoại quý I", start);
    JsonObject second = session("Đối thoại quý II", start.plusDays(90));
    String firstId = first.getString("id");
    String secondId = second.getString("id");
    String overdue;
    String open;
    String overdueCode;
    String openCode;
    try (WsClient asker = WsClient.join(vertx, node.port(), firstId, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), firstId, Msg.hello(first.getString("moderatorToken")))) {
      asker.next("welcome");
      moderator.next("welcome");
      overdue = asker.act(Msg.ask("Khi nào nạo vét kênh Nhiêu Lộc?")).getString("questionId");
      open = asker.act(Msg.ask("Đèn đường hẻm 12 bị hỏng")).getString("questionId");
      String noted = asker.act(Msg.ask("Nên trồng thêm cây xanh")).getString("questionId");
      asker.act(Msg.ask("Câu hỏi không ai theo dõi"));
      JsonObject referred = moderator.act(step(overdue, "referred", "tnmt-a", "2020-01-15"));
      assertEquals("ack", referred.getString("type"), referred::encode);
      assertEquals("ack", moderator.act(step(open, "promised", null, "2099-06-30")).getString("type"));
      assertEquals("ack", moderator.act(step(noted, "noted", null, null)).getString("type"));
      JsonObject welcome = Msg.freshWelcome(vertx, node.port(), firstId, Msg.hello());
      overdueCode = Msg.question(welcome, overdue).getString("followCode");
      openCode = Msg.question(welcome, open).getString("followCode");
    }

    assertTrue(carriedOver(firstId).getJsonArray("items").isEmpty(), "the first session carries nothing over");
    JsonObject carried = carriedOver(secondId);
    assertEquals("quy", carried.getString("series"));
    JsonArray items = carried.getJsonArray("items");
    assertEquals(List.of(overdueCode, openCode),
        items.stream().map(i -> ((JsonObject) i).getString("followCode")).toList(), "overdue first, noted left out");
    JsonObject late = items.getJsonObject(0);
    assertTrue(late.getBoolean("overdue"));
    assertEquals("Khi nào nạo vét kênh Nhiêu Lộc?", late.getString("text"));
    assertEquals("referred", late.getJsonObject("latest").getString("step"));
    assertEquals("tnmt-a", late.getJsonObject("latest").getString("agency"));
    assertEquals(firstId, late.getJsonObject("session").getString("id"));
    assertEquals("Đối thoại quý I", late.getJsonObject("session").getString("title"));
    assertFalse(items.getJsonObject(1).getBoolean("overdue"));

    JsonObject stage = new JsonObject().put("action", "stage");
    try (WsClient resident = WsClient.join(vertx, node.port(), secondId, Msg.hello())) {
      resident.next("welcome");
      assertEquals(401, act(secondId, overdueCode, stage, first.getString("moderatorToken")).status(),
          "another session's moderator");
      assertEquals(401, act(secondId, overdueCode, stage, second.getString("stageToken")).status(), "a stage");
      assertEquals(401, act(secondId, overdueCode, stage, null).status(), "no token");
      assertEquals(404, act(secondId, "QQ-QQQQ", stage, second.getString("moderatorToken")).status());
      Api.Reply staged = act(secondId, overdueCode, stage, second.getString("moderatorToken"));
      assertEquals(200, staged.status(), staged.body());
      JsonObject event = resident.next(f -> "stage".equals(f.getString("type")), "the stage on the resident page");
      assertEquals(overdueCode, event.getString("carriedOver"));
      assertNull(event.getString("questionId"));
      assertEquals(overdueCode, carriedOver(secondId).getString("onStage"));

      assertEquals(400, act(secondId, overdueCode, new JsonObject().put("action", "answered"),
          second.getString("moderatorToken")).status(), "answered needs what was answered");
      Api.Reply answered = act(secondId, overdueCode, new JsonObject().put("action", "answered")
          .put("text", "Phường đã nạo vét xong đoạn kênh trong tháng 3.").put("ref", "c-1"),
          second.getString("moderatorToken"));
      assertEquals(200, answered.status(), answered.body());
      JsonObject cleared = resident.next(f -> "stage".equals(f.getString("type")), "the stage emptied");
      assertNull(cleared.getString("carriedOver"));
      Api.Reply again = act(secondId, overdueCode, new JsonObject().put("action", "answered")
          .put("text", "Phường đã nạo vét xong đoạn kênh trong tháng 3.").put("ref", "c-1"),
          second.getString("moderatorToken"));
      assertEquals(200, again.status(), again.body());
      assertTrue(again.json().getBoolean("duplicate"), "a repeated ref is applied once");
    }

    JsonObject after = carriedOver(secondId);
    assertEquals(List.of(openCode), after.getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("followCode")).toList(), "the answered item is no longer carried over");
    assertNull(after.getString("onStage"));

    JsonObject earlier = record(firstId);
    JsonArray steps = null;
    for (Object q : earlier.getJsonArray("questions")) {
      if (((JsonObject) q).getString("id").equals(overdue)) {
        steps = ((JsonObject) q).getJsonArray("followUp");
        assertEquals("Phường đã nạo vét xong đoạn kênh trong tháng 3.",
            ((JsonObject) q).getJsonObject("answer").getString("text"));
      }
    }
    assertEquals(List.of("referred", "answered"), steps.stream().map(s -> ((JsonObject) s).getString("step")).toList());
    assertEquals("moderator", steps.getJsonObject(1).getString("role"));
    assertTrue(RecordVerifier.verify(earlier).intact(), () -> RecordVerifier.verify(earlier).problems().toString());
    JsonObject later = record(secondId);
    assertTrue(RecordVerifier.verify(later).intact(), () -> RecordVerifier.verify(later).problems().toString());
    long facts = later.getJsonObject("chain").getJsonArray("links").stream()
        .filter(l -> ((JsonObject) l).getString("entry").contains("\"k\":\"carried\"")
            && ((JsonObject) l).getString("entry").contains(overdueCode))
        .count();
    assertEquals(2, facts, "put on stage and answered, each a fact of the second session's chain");
  }
}

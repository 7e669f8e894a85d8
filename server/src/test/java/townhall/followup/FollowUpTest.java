package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import townhall.record.RecordVerifier;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Follow-up steps: during the session a moderator's {@code moderate} {@code followUp}, after it the HTTP route; each
 * step is a chained fact of the record; every refusal (a resident, bad input, an agency out of reach, an account of
 * another ward) changes nothing. The tree: main > quan-1 > ward-a, main > ward-b; agencies tnmt-a (ward-a),
 * tnmt-b (ward-b), tnmt-q1 (quan-1), so-xd (main).
 */
class FollowUpTest extends HomeTestBase {
  private static final String PASSWORD = "follow up password 1";

  private void tree() {
    organization("quan-1", "district", "main");
    organization("ward-a", "ward", "quan-1");
    organization("ward-b", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    organization("tnmt-b", "agency", "ward-b");
    organization("tnmt-q1", "agency", "quan-1");
    organization("so-xd", "agency", "main");
  }

  private JsonObject session(String org) {
    Api.Reply created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại " + org)
        .put("organization", org).put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  private static JsonObject followUp(String questionId, String step, String agency, String due, String note) {
    JsonObject m = new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "followUp")
        .put("step", step);
    if (agency != null) {
      m.put("agency", agency);
    }
    if (due != null) {
      m.put("due", due);
    }
    if (note != null) {
      m.put("note", note);
    }
    return m;
  }

  private JsonObject record(String sessionId) {
    Api.Reply record = api.get("/api/sessions/" + sessionId + "/record", TestNodes.ADMIN_TOKEN);
    assertEquals(200, record.status(), record.body());
    return record.json();
  }

  private static JsonArray stepsOf(JsonObject record, String questionId) {
    for (Object q : record.getJsonArray("questions")) {
      if (((JsonObject) q).getString("id").equals(questionId)) {
        return ((JsonObject) q).getJsonArray("followUp");
      }
    }
    throw new AssertionError("No question " + questionId);
  }

  private static void assertError(String code, JsonObject answer) {
    assertEquals("error", answer.getString("type"), () -> "expected " + code + ", got " + answer);
    assertEquals(code, answer.getString("code"), answer::encode);
  }

  @Test
  void stepsDuringTheSessionAreChainedAndTheRecordVerifies(Vertx vertx) {
    tree();
    JsonObject session = session("ward-a");
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      assertEquals("moderator", moderator.next("welcome").getString("role"));
      String q = resident.act(Msg.ask("Khi nào nạo vét kênh Nhiêu Lộc?")).getString("questionId");
      for (JsonObject step : List.of(
          followUp(q, "referred", "tnmt-a", "2027-01-15", null),
          followUp(q, "referredUp", "tnmt-q1", "2027-02-01", "Vượt thẩm quyền phường"),
          followUp(q, "referred", "tnmt-a", "2027-03-01", null),
          followUp(q, "promised", null, "2027-03-15", null),
          followUp(q, "noted", null, null, null),
          followUp(q, "outOfRemit", null, null, "Thuộc thẩm quyền của thành phố"))) {
        JsonObject ack = moderator.act(step);
        assertEquals("ack", ack.getString("type"), ack::encode);
      }
    }
    JsonObject record = record(id);
    JsonArray steps = stepsOf(record, "1");
    assertEquals(6, steps.size(), steps::encode);
    assertEquals(List.of("referred", "referredUp", "referred", "promised", "noted", "outOfRemit"),
        steps.stream().map(s -> ((JsonObject) s).getString("step")).toList());
    JsonObject up = steps.getJsonObject(1);
    assertEquals("tnmt-q1", up.getString("agency"));
    assertEquals("2027-02-01", up.getString("due"));
    assertEquals("moderator", up.getString("role"));
    assertEquals("Thuộc thẩm quyền của thành phố", steps.getJsonObject(5).getString("note"));
    assertTrue(record.getJsonObject("chain").getJsonArray("links").stream()
        .noneMatch(l -> ((JsonObject) l).getString("entry").contains(session.getString("moderatorToken"))));
    RecordVerifier.Result verified = RecordVerifier.verify(record);
    assertTrue(verified.intact(), verified.problems()::toString);
    JsonObject hidden = record.copy();
    hidden.getJsonArray("questions").getJsonObject(0).remove("followUp");
    assertTrue(!RecordVerifier.verify(hidden).intact(), "steps the chain holds cannot be left out of the record");
    assertEquals(new JsonObject().put("satisfied", 0).put("notSatisfied", 0),
        record.getJsonArray("questions").getJsonObject(0).getJsonObject("satisfaction"));
  }

  @Test
  void residentsAndBadStepsAreRefusedAndChangeNothing(Vertx vertx) {
    tree();
    JsonObject session = session("ward-a");
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      String q = resident.act(Msg.ask("Đèn đường hẻm 12 bị hỏng")).getString("questionId");
      long before = record(id).getJsonObject("chain").getLong("length");

      assertError("forbidden", resident.act(followUp(q, "referred", "tnmt-a", "2027-01-15", null)));
      assertError("forbidden", resident.act(followUp(q, "noted", null, null, null)));
      assertError("bad_request", moderator.act(followUp(q, "referred", "tnmt-a", null, null)));
      assertError("bad_request", moderator.act(followUp(q, "referred", null, "2027-01-15", null)));
      assertError("bad_request", moderator.act(followUp(q, "promised", null, null, null)));
      assertError("bad_request", moderator.act(followUp(q, "referred", "tnmt-a", "2027-13-01", null)));
      assertError("bad_request", moderator.act(followUp(q, "referred", "tnmt-a", "15/01/2027", null)));
      assertError("bad_request", moderator.act(followUp(q, "outOfRemit", null, null, null)));
      assertError("bad_request", moderator.act(followUp(q, "outOfRemit", null, null, "  ")));
      assertError("bad_request", moderator.act(followUp(q, "noted", "tnmt-a", null, null)));
      assertError("bad_request", moderator.act(followUp(q, "escalated", null, null, null)));
      assertError("bad_request", moderator.act(followUp(q, "referred", "ward-b", "2027-01-15", null)));
      assertError("not_found", moderator.act(followUp(q, "referred", "no-such", "2027-01-15", null)));
      // ward B's agency, and an agency above that is not the session's own
      assertError("forbidden", moderator.act(followUp(q, "referred", "tnmt-b", "2027-01-15", null)));
      assertError("forbidden", moderator.act(followUp(q, "referred", "tnmt-q1", "2027-01-15", null)));
      assertError("forbidden", moderator.act(followUp(q, "referredUp", "tnmt-a", "2027-01-15", null)));
      assertError("forbidden", moderator.act(followUp(q, "referredUp", "tnmt-b", "2027-01-15", null)));
      assertError("not_found", moderator.act(followUp("99", "noted", null, null, null)));
      assertError("bad_request", moderator.act(Moderation.approve(q).put("step", "noted")));
      assertEquals(before, record(id).getJsonObject("chain").getLong("length"), "nothing was appended");

      // an agency of the city, two levels up, is "up"; a withdrawn question is not followed up
      assertEquals("ack", moderator.act(followUp(q, "referredUp", "so-xd", "2027-01-15", null)).getString("type"));
      String gone = resident.act(Msg.ask("Câu sẽ rút lại")).getString("questionId");
      resident.act(Moderation.withdraw(gone));
      assertError("conflict", moderator.act(followUp(gone, "noted", null, null, null)));
      assertEquals(before + 3, record(id).getJsonObject("chain").getLong("length"), "asked, withdrawn, one step");
    }
  }

  @Test
  void afterTheSessionOnlyTheSessionsOrganizationsPeopleTakeSteps(Vertx vertx) {
    tree();
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@main.vn").put("password", PASSWORD)
        .encode(), null));
    SignedInClient organizerA = invited(admin, "organizer", "ward-a");
    SignedInClient moderatorA = invited(admin, "moderator", "ward-a");
    SignedInClient organizerB = invited(admin, "organizer", "ward-b");
    SignedInClient responderA = invited(admin, "responder", "ward-a");
    JsonObject session = session("ward-a");
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello())) {
      resident.next("welcome");
      resident.act(Msg.ask("Bao giờ có trường mầm non mới?"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/status", "{\"status\":\"closed\"}",
        TestNodes.ADMIN_TOKEN).status());
    String path = "/api/sessions/" + id + "/questions/1/follow-up";
    String referred = new JsonObject().put("step", "referred").put("agency", "tnmt-a").put("due", "2027-01-15")
        .encode();
    long before = record(id).getJsonObject("chain").getLong("length");

    assertEquals(401, api.post(path, referred, null).status());
    assertEquals(403, organizerB.post(path, referred).status(), "ward B's organizer");
    assertEquals(403, responderA.post(path, referred).status(), "a responder takes no step");
    assertEquals(403, organizerA.post(path, referred, false).status(), "no CSRF token");
    assertEquals(403, organizerA.post(path, new JsonObject().put("step", "referred").put("agency", "tnmt-b")
        .put("due", "2027-01-15").encode()).status(), "into ward B's agencies");
    assertEquals(400, organizerA.post(path, "{\"step\":\"referred\"}").status());
    assertEquals(400, organizerA.post(path, "{\"step\":\"noted\",\"extra\":1}").status());
    assertEquals(400, organizerA.post(path, "not json").status());
    assertEquals(before, record(id).getJsonObject("chain").getLong("length"), "nothing was appended");

    String withRef = new JsonObject().put("step", "promised").put("due", "2027-02-01").put("ref", "r-1").encode();
    Api.Reply first = organizerA.post(path, withRef);
    assertEquals(200, first.status(), first.body());
    assertEquals(false, first.json().getBoolean("duplicate"));
    assertEquals(true, organizerA.post(path, withRef).json().getBoolean("duplicate"), "a retry applies once");
    assertEquals(200, moderatorA.post(path, referred).status());
    assertEquals(200, api.post(path, new JsonObject().put("step", "referredUp").put("agency", "tnmt-q1")
        .put("due", "2027-03-01").encode(), TestNodes.ADMIN_TOKEN).status());

    JsonObject record = record(id);
    JsonArray steps = stepsOf(record, "1");
    assertEquals(List.of("promised/organizer", "referred/moderator", "referredUp/organizer"),
        steps.stream().map(s -> ((JsonObject) s).getString("step") + "/" + ((JsonObject) s).getString("role"))
            .toList());
    assertTrue(RecordVerifier.verify(record).intact(), RecordVerifier.verify(record).problems()::toString);
  }

  @Test
  void theFollowUpOfACodeShowsOnlyWhatThePublicRecordMay(Vertx vertx) {
    tree();
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại").put("organization",
        "ward-a").put("moderation", "pre").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      String[] codes = new String[3];
      for (int i = 0; i < 3; i++) {
        String q = resident.act(Msg.ask("Câu hỏi " + i + " về kênh Nhiêu Lộc")).getString("questionId");
        codes[i] = moderator.next(f -> "question".equals(f.getString("type"))
            && q.equals(f.getJsonObject("question").getString("id")), "question " + q)
            .getJsonObject("question").getString("followCode");
      }
      assertEquals(404, api.get("/api/follow/" + codes[0]).status(), "pending: never shown to the public");
      Moderation.ok(moderator, Moderation.approve("1"));
      Api.Reply live = api.get("/api/follow/" + codes[0].toLowerCase().replace("-", ""));
      assertEquals(200, live.status(), live.body());
      assertEquals(new JsonObject().put("question", new JsonObject().put("id", "1")
          .put("text", "Câu hỏi 0 về kênh Nhiêu Lộc").put("status", "live")).put("steps", new JsonArray())
          .put("answer", null).put("satisfaction", new JsonObject().put("satisfied", 0).put("notSatisfied", 0))
          .put("sessionId", id), live.json());

      Moderation.ok(moderator, followUp("1", "referred", "tnmt-a", "2027-01-15", null));
      Moderation.ok(moderator, Moderation.answer("1", "Đã nạo vét xong."));
      JsonObject followed = api.get("/api/follow/" + codes[0]).json();
      JsonObject step = followed.getJsonArray("steps").getJsonObject(0);
      assertEquals("referred", step.getString("step"));
      assertEquals("tnmt-a", step.getString("agency"));
      assertEquals("2027-01-15", step.getString("due"));
      assertTrue(step.getLong("at") > 0);
      assertEquals("answered", followed.getJsonObject("question").getString("status"));
      assertEquals("Đã nạo vét xong.", followed.getJsonObject("answer").getString("text"));
      assertTrue(followed.getJsonObject("answer").getLong("at") > 0);

      Moderation.ok(moderator, Moderation.reject("2", "Lạc đề", "off_topic"));
      assertEquals(404, api.get("/api/follow/" + codes[1]).status(), "rejected");
      Moderation.ok(moderator, Moderation.approve("3"));
      assertEquals(200, api.get("/api/follow/" + codes[2]).status());
      Moderation.ok(moderator, Moderation.withhold("3", "personal_data", null));
      assertEquals(404, api.get("/api/follow/" + codes[2]).status(), "withheld");
      assertEquals(404, api.get("/api/follow/ZZ-ZZZZ").status());
      assertEquals(404, api.get("/api/follow/not-a-code").status());
    }
  }

  /** An account invited with {@code role} in {@code org}, signed in. */
  private SignedInClient invited(SignedInClient admin, String role, String org) {
    return invited(admin, role, org, PASSWORD);
  }
}

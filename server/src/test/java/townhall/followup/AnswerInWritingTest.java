package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The written answer after the session ({@code POST …/answer}): an organizer of the session's organization, or a
 * responder of the agency the question stands referred to — not of another agency, not of another ward; an agency
 * of a parent organization answers what was referred up to it. The answer is chained, is the question's written
 * answer in the record and on its follow-up page, in Redis and once Redis let the session go. A responder publishes
 * only where the agency's organization allows it ({@code answer-settings}). The tree: main >
 * quan-1 > ward-a, main > ward-b; agencies tnmt-a and xd-a (ward-a), tnmt-q1 (quan-1).
 */
class AnswerInWritingTest extends HomeTestBase {
  private static final String PASSWORD = "answer password 12";

  private SignedInClient invited(SignedInClient admin, String role, String org) {
    return invited(admin, role, org, PASSWORD);
  }

  private static JsonObject followUp(String questionId, String step, String agency) {
    return new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "followUp")
        .put("step", step).put("agency", agency).put("due", "2027-01-15");
  }

  private static String answer(String text) {
    return new JsonObject().put("text", text).encode();
  }

  private static JsonObject question(JsonObject record, String id) {
    return record.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("id").equals(id)).findFirst().orElseThrow();
  }

  @Test
  void onlyAnOrganizerOrTheReferredAgencysRespondersAnswer(Vertx vertx) {
    organization("quan-1", "district", "main");
    organization("ward-a", "ward", "quan-1");
    organization("ward-b", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    organization("xd-a", "agency", "ward-a");
    organization("tnmt-q1", "agency", "quan-1");
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@main.vn").put("password", PASSWORD)
        .encode(), null));
    Map<String, SignedInClient> people = new LinkedHashMap<>();
    for (String roleAt : List.of("responder@tnmt-a", "responder@xd-a", "responder@tnmt-q1", "organizer@ward-a",
        "organizer@ward-b", "moderator@ward-a", "responder@ward-b")) {
      String[] parts = roleAt.split("@");
      people.put(roleAt, invited(admin, parts[0], parts[1]));
    }
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    String code2;
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      for (int i = 1; i <= 3; i++) {
        resident.act(Msg.ask("Câu hỏi " + i + " về môi trường"));
      }
      code2 = moderator.next(f -> "question".equals(f.getString("type"))
          && "2".equals(f.getJsonObject("question").getString("id")), "question 2")
          .getJsonObject("question").getString("followCode");
      Moderation.ok(moderator, followUp("1", "referred", "tnmt-a"));
      Moderation.ok(moderator, followUp("2", "referredUp", "tnmt-q1"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/status", "{\"status\":\"closed\"}",
        TestNodes.ADMIN_TOKEN).status());
    String base = "/api/sessions/" + id + "/questions/";
    long before = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json().getJsonObject("chain")
        .getLong("length");

    assertEquals(401, api.post(base + "1/answer", answer("Trả lời"), null).status());
    assertEquals(403, people.get("responder@xd-a").post(base + "1/answer", answer("Trả lời")).status(),
        "a responder of agency X does not answer for agency Y");
    assertEquals(403, people.get("responder@ward-b").post(base + "1/answer", answer("Trả lời")).status(),
        "a responder of another ward");
    assertEquals(403, people.get("responder@tnmt-a").post(base + "2/answer", answer("Trả lời")).status(),
        "referred up: not the ward's agency");
    assertEquals(403, people.get("responder@tnmt-a").post(base + "3/answer", answer("Trả lời")).status(),
        "never referred: organizers only");
    assertEquals(403, people.get("organizer@ward-b").post(base + "3/answer", answer("Trả lời")).status());
    assertEquals(403, people.get("moderator@ward-a").post(base + "3/answer", answer("Trả lời")).status());
    assertEquals(400, people.get("organizer@ward-a").post(base + "3/answer", answer("  ")).status());
    assertEquals(400, people.get("organizer@ward-a").post(base + "3/answer", "{\"text\":\"x\",\"by\":1}").status());
    assertEquals(before, api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json()
        .getJsonObject("chain").getLong("length"), "nothing was appended");

    // responders publish themselves only where their agency's organization lets them (default: an organizer does)
    assertEquals(403, people.get("responder@tnmt-a").post(base + "1/answer", answer("Chưa được phép")).status());
    for (String org : List.of("ward-a", "quan-1")) {
      assertEquals(200, api.request("PUT", "/api/orgs/" + org + "/answer-settings", "{\"respondersPublish\":true}",
          "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN).status());
    }
    Api.Reply up = people.get("responder@tnmt-q1").post(base + "2/answer", answer("Quận sẽ nạo vét vào quý 2."));
    assertEquals(200, up.status(), "the parent organization's agency answers what was referred up to it: "
        + up.body());
    assertEquals(200, people.get("responder@tnmt-a").post(base + "1/answer", answer("Phòng TNMT đã xử lý."))
        .status());
    assertEquals(200, people.get("organizer@ward-a").post(base + "3/answer", answer("Phường ghi nhận.")).status());

    JsonObject record = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    assertEquals("Quận sẽ nạo vét vào quý 2.", question(record, "2").getJsonObject("answer").getString("text"));
    JsonArray steps = question(record, "2").getJsonArray("followUp");
    JsonObject answered = steps.getJsonObject(steps.size() - 1);
    assertEquals("answered/responder/tnmt-q1", answered.getString("step") + "/" + answered.getString("role") + "/"
        + answered.getString("agency"));
    assertEquals("organizer", question(record, "3").getJsonArray("followUp").getJsonObject(0).getString("role"));
    assertTrue(RecordVerifier.verify(record).intact(), RecordVerifier.verify(record).problems()::toString);
    JsonObject followed = api.get("/api/follow/" + code2).json();
    assertEquals("Quận sẽ nạo vét vào quý 2.", followed.getJsonObject("answer").getString("text"));

    // re-referred: the new agency answers, the former one no longer does; and so after Redis let the session go
    assertEquals(200, api.post(base + "1/follow-up", new JsonObject().put("step", "referred").put("agency", "xd-a")
        .put("due", "2027-03-01").encode(), TestNodes.ADMIN_TOKEN).status());
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    assertEquals(403, people.get("responder@tnmt-a").post(base + "1/answer", answer("Lần hai")).status());
    Api.Reply archived = people.get("responder@xd-a").post(base + "1/answer", answer("Phòng Xây dựng trả lời."));
    assertEquals(200, archived.status(), archived.body());
    JsonObject after = api.get("/api/sessions/" + id + "/record").json();
    assertEquals("Phòng Xây dựng trả lời.", question(after, "1").getJsonObject("answer").getString("text"));
    assertTrue(RecordVerifier.verify(after).intact(), RecordVerifier.verify(after).problems()::toString);
  }
}

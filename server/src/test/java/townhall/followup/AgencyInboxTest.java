package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
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
import townhall.testing.TestPostgres;
import townhall.testing.WsClient;

/**
 * The agency's inbox: what was referred (or referred up) to an agency waits there, earliest due first with its days
 * overdue, for its responders and the organizers above it only; a responder drafts, an organizer (or the responder,
 * where the organization allows) publishes the draft through the chained written answer, and the line closes; bad
 * input changes nothing; the projection rebuilt from the record equals the one kept step by step. The tree: main >
 * quan-1 > ward-a, main > ward-b; agencies tnmt-a and xd-a (ward-a), tnmt-q1 (quan-1).
 */
class AgencyInboxTest extends HomeTestBase {
  private static final String PASSWORD = "inbox password 12";
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

  private static JsonObject followUp(String questionId, String step, String agency, LocalDate due) {
    return new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "followUp")
        .put("step", step).put("agency", agency).put("due", due.toString());
  }

  private static String text(String text) {
    return new JsonObject().put("text", text).encode();
  }

  private static List<String> ids(JsonObject inbox) {
    return inbox.getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(i -> i.getString("questionId")).toList();
  }

  private Api.Reply adminPut(String path, String body) {
    return api.request("PUT", path, body, "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN);
  }

  private long chainLength(String sessionId) {
    return api.get("/api/sessions/" + sessionId + "/record", TestNodes.ADMIN_TOKEN).json().getJsonObject("chain")
        .getLong("length");
  }

  @Test
  void respondersSeeDraftAndPublishOnlyForTheirAgency(Vertx vertx) {
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
        "organizer@ward-b", "moderator@ward-a")) {
      String[] parts = roleAt.split("@");
      people.put(roleAt, invited(admin, parts[0], parts[1], PASSWORD));
    }
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      for (int i = 1; i <= 4; i++) {
        resident.act(Msg.ask("Câu hỏi " + i + " về đường ngập"));
      }
      moderator.next(f -> "question".equals(f.getString("type"))
          && "4".equals(f.getJsonObject("question").getString("id")), "question 4");
      Moderation.ok(moderator, followUp("1", "referred", "tnmt-a", TODAY.plusDays(10)));
      Moderation.ok(moderator, followUp("2", "referred", "tnmt-a", TODAY.minusDays(3)));
      Moderation.ok(moderator, followUp("3", "referredUp", "tnmt-q1", TODAY.plusDays(5)));
      Moderation.ok(moderator, followUp("4", "referred", "xd-a", TODAY.plusDays(1)));
    }
    String agencyInbox = "/api/agencies/tnmt-a/inbox";
    JsonObject inbox = people.get("responder@tnmt-a").get(agencyInbox).json();
    assertEquals(List.of("2", "1"), ids(inbox), "earliest due first, so the overdue lead: " + inbox);
    JsonObject overdue = inbox.getJsonArray("items").getJsonObject(0);
    assertEquals(3, overdue.getInteger("daysOverdue"));
    assertTrue(overdue.getBoolean("overdue"));
    assertEquals("Câu hỏi 2 về đường ngập", overdue.getString("text"));
    assertTrue(overdue.getString("followCode") != null);
    assertEquals(0, inbox.getJsonArray("items").getJsonObject(1).getInteger("daysOverdue"));
    assertEquals(false, inbox.getBoolean("mayPublish"), "responders do not publish by default");
    assertEquals(List.of("3"), ids(people.get("responder@tnmt-q1").get("/api/agencies/tnmt-q1/inbox").json()),
        "what was referred up waits at the parent organization's agency");
    assertEquals(List.of("2", "1"), ids(people.get("organizer@ward-a").get(agencyInbox).json()),
        "the organizers of the agency's organization read its inbox");
    assertEquals(true, people.get("organizer@ward-a").get(agencyInbox).json().getBoolean("mayPublish"));

    assertEquals(401, api.get(agencyInbox).status(), "a resident (no account)");
    for (String who : List.of("responder@xd-a", "responder@tnmt-q1", "organizer@ward-b", "moderator@ward-a")) {
      assertEquals(403, people.get(who).get(agencyInbox).status(), who);
    }
    assertEquals(404, people.get("responder@tnmt-a").get("/api/agencies/ward-a/inbox").status(), "not an agency");

    String base = "/api/sessions/" + id + "/questions/";
    long before = chainLength(id);
    assertEquals(403, people.get("responder@xd-a").send("PUT", base + "2/draft", text("Không phải việc của tôi"))
        .status(), "a responder of agency X does not draft for agency Y");
    assertEquals(403, people.get("responder@tnmt-q1").send("PUT", base + "2/draft", text("Không")).status());
    assertEquals(401, api.request("PUT", base + "2/draft", text("Cư dân")).status());
    assertEquals(403, people.get("responder@tnmt-a").send("PUT", base + "4/draft", text("xd-a's")).status());
    assertEquals(404, people.get("responder@tnmt-a").get(base + "2/draft").status(), "no draft yet");
    for (String bad : List.of(text("   "), "{\"text\":5}", "{\"text\":\"x\",\"by\":1}", "not json",
        text("x".repeat(20_000)))) {
      int status = people.get("responder@tnmt-a").send("PUT", base + "2/draft", bad).status();
      assertTrue(status == 400 || status == 413, bad.length() > 60 ? "too long" : bad);
    }
    assertEquals(404, people.get("responder@tnmt-a").get(base + "2/draft").status(), "bad input saved nothing");
    Api.Reply saved = people.get("responder@tnmt-a").send("PUT", base + "2/draft", text("Bản nháp đầu"));
    assertEquals(200, saved.status(), saved.body());
    assertEquals(200, people.get("responder@tnmt-a").send("PUT", base + "2/draft",
        text("Phòng TNMT sẽ nạo vét cống trong tháng này.")).status(), "a draft stays editable");
    assertEquals("Phòng TNMT sẽ nạo vét cống trong tháng này.",
        people.get("organizer@ward-a").get(base + "2/draft").json().getString("text"));
    assertEquals(403, people.get("responder@xd-a").get(base + "2/draft").status(), "drafts are private to the desk");
    assertEquals("Phòng TNMT sẽ nạo vét cống trong tháng này.", people.get("responder@tnmt-a").get(agencyInbox)
        .json().getJsonArray("items").getJsonObject(0).getJsonObject("draft").getString("text"));
    assertNull(api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json().getJsonArray("questions")
        .getJsonObject(1).getJsonObject("answer"), "a draft is not in the record");

    assertEquals(403, people.get("responder@tnmt-a").post(base + "2/draft/publish", "{}").status(),
        "the organization has not let responders publish");
    assertEquals(403, people.get("organizer@ward-b").send("PUT", "/api/orgs/ward-a/answer-settings",
        "{\"respondersPublish\":true}").status());
    assertEquals(403, people.get("responder@tnmt-a").send("PUT", "/api/orgs/ward-a/answer-settings",
        "{\"respondersPublish\":true}").status());
    assertEquals(400, people.get("organizer@ward-a").send("PUT", "/api/orgs/ward-a/answer-settings",
        "{\"respondersPublish\":\"yes\"}").status());
    assertEquals(before, chainLength(id), "nothing refused was chained");
    assertEquals(false, people.get("organizer@ward-a").get("/api/orgs/ward-a/answer-settings").json()
        .getBoolean("respondersPublish"));

    Api.Reply published = people.get("organizer@ward-a").post(base + "2/draft/publish", "{}");
    assertEquals(200, published.status(), "an organizer publishes the responder's draft: " + published.body());
    assertEquals(List.of("1"), ids(people.get("responder@tnmt-a").get(agencyInbox).json()), "answered: gone");
    assertEquals(404, people.get("responder@tnmt-a").get(base + "2/draft").status());

    assertEquals(200, people.get("organizer@ward-a").send("PUT", "/api/orgs/ward-a/answer-settings",
        "{\"respondersPublish\":true}").status());
    assertEquals(true, people.get("responder@tnmt-a").get(agencyInbox).json().getBoolean("mayPublish"));
    assertEquals(200, people.get("responder@tnmt-a").send("PUT", base + "1/draft", text("Đã xử lý xong."))
        .status());
    assertEquals(403, people.get("responder@xd-a").post(base + "1/draft/publish", "{}").status());
    assertEquals(200, people.get("responder@tnmt-a").post(base + "1/draft/publish", "{}").status(),
        "allowed, the responder publishes");
    assertEquals(List.of(), ids(people.get("responder@tnmt-a").get(agencyInbox).json()));

    assertEquals(200, people.get("responder@tnmt-q1").send("PUT", base + "3/draft", text("Quận trả lời.")).status(),
        "a parent organization's agency drafts what was referred up to it");
    assertEquals(403, people.get("responder@tnmt-q1").post(base + "3/draft/publish", "{}").status(),
        "quan-1 has not let its responders publish");
    assertEquals(200, adminPut("/api/orgs/quan-1/answer-settings", "{\"respondersPublish\":true}").status());
    assertEquals(200, people.get("responder@tnmt-q1").post(base + "3/draft/publish", "{}").status());

    JsonObject record = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    JsonArray questions = record.getJsonArray("questions");
    assertEquals("Phòng TNMT sẽ nạo vét cống trong tháng này.", questions.getJsonObject(1).getJsonObject("answer")
        .getString("text"));
    assertEquals("Quận trả lời.", questions.getJsonObject(2).getJsonObject("answer").getString("text"));
    assertTrue(RecordVerifier.verify(record).intact(), RecordVerifier.verify(record).problems()::toString);
  }

  @Test
  void theInboxRebuiltFromTheRecordEqualsTheOneKeptStepByStep(Vertx vertx) {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    organization("xd-a", "agency", "ward-a");
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      for (int i = 1; i <= 3; i++) {
        resident.act(Msg.ask("Câu hỏi số " + i));
      }
      moderator.next(f -> "question".equals(f.getString("type"))
          && "3".equals(f.getJsonObject("question").getString("id")), "question 3");
      Moderation.ok(moderator, followUp("1", "referred", "tnmt-a", TODAY.plusDays(4)));
      Moderation.ok(moderator, followUp("2", "referred", "tnmt-a", TODAY.plusDays(6)));
      Moderation.ok(moderator, followUp("2", "referred", "xd-a", TODAY.plusDays(8)));
      Moderation.ok(moderator, followUp("3", "referred", "xd-a", TODAY.plusDays(2)));
    }
    String base = "/api/sessions/" + id + "/questions/";
    assertEquals(200, api.post(base + "3/answer", text("Đã trả lời."), TestNodes.ADMIN_TOKEN).status());
    List<String> kept = lines();
    assertEquals(List.of("tnmt-a/1/" + TODAY.plusDays(4), "xd-a/2/" + TODAY.plusDays(8)), kept,
        "re-referred: it moved; answered: it left");

    postgres.execute(TestPostgres.databaseOf(databaseUrl), "DELETE FROM agency_inbox");
    assertEquals(List.of(), lines());
    assertEquals(401, api.post("/api/sessions/" + id + "/inbox/rebuild", "", null).status());
    Api.Reply rebuilt = api.post("/api/sessions/" + id + "/inbox/rebuild", "", TestNodes.ADMIN_TOKEN);
    assertEquals(200, rebuilt.status(), rebuilt.body());
    assertEquals(2, rebuilt.json().getInteger("open"));
    assertEquals(kept, lines(), "rebuilt from the chain's fold: the same lines");
  }

  /** Every open line, agency/question/due, as both agencies' inboxes show them. */
  private List<String> lines() {
    java.util.List<String> all = new java.util.ArrayList<>();
    for (String agency : List.of("tnmt-a", "xd-a")) {
      api.get("/api/agencies/" + agency + "/inbox", TestNodes.ADMIN_TOKEN).json().getJsonArray("items").stream()
          .map(JsonObject.class::cast)
          .forEach(i -> all.add(i.getString("agency") + "/" + i.getString("questionId") + "/" + i.getString("due")));
    }
    return all;
  }
}

package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Follow-up steps are live: a step taken during the session reaches every screen, on every node, as a
 * {@code question} event carrying the question's {@code followUp} steps (public fields only: who by role), and
 * every later {@code welcome} carries them; a resident or a stage token cannot take a step.
 */
class FollowUpLiveTest extends HomeTestBase {

  private JsonObject session() {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    Api.Reply created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  private static JsonObject referral(String questionId) {
    return new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "followUp")
        .put("step", "referred").put("agency", "tnmt-a").put("due", "2027-01-15").put("note", "Chuyển phòng");
  }

  private static void assertReferred(JsonArray steps) {
    assertNotNull(steps, "the question carries its follow-up steps");
    assertEquals(1, steps.size(), steps::encode);
    JsonObject step = steps.getJsonObject(0);
    assertEquals("referred", step.getString("step"));
    assertEquals("tnmt-a", step.getString("agency"));
    assertEquals("2027-01-15", step.getString("due"));
    assertEquals("Chuyển phòng", step.getString("note"));
    assertEquals("moderator", step.getString("role"), "who by role, never by name");
    assertNotNull(step.getLong("at"));
    assertEquals(Set.of("at", "step", "role", "agency", "due", "note"), step.fieldNames(), "public fields only");
  }

  @Test
  void aStepReachesAnotherNodesResidentsAndEveryLaterWelcome(Vertx vertx) {
    JsonObject session = session();
    String id = session.getString("id");
    TownhallNode other = startNode(databaseUrl, Map.of("redis.keyPrefix", keyPrefix));
    try (WsClient asker = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient elsewhere = WsClient.join(vertx, other.port(), id, Msg.hello());
         WsClient stage = WsClient.join(vertx, other.port(), id, Msg.hello(session.getString("stageToken")));
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      asker.next("welcome");
      elsewhere.next("welcome");
      stage.next("welcome");
      moderator.next("welcome");
      String q = asker.act(Msg.ask("Khi nào nạo vét kênh Nhiêu Lộc?")).getString("questionId");
      JsonObject asked = elsewhere.next(f -> Msg.isQuestionEvent(f, q), "the question on the other node");
      assertNull(asked.getJsonObject("question").getJsonArray("followUp"), "no step yet, no field");

      assertEquals("ack", moderator.act(referral(q)).getString("type"));

      JsonObject event = elsewhere.next(f -> Msg.isQuestionEvent(f, q)
          && f.getJsonObject("question").containsKey("followUp"), "the step on another node's resident");
      assertReferred(event.getJsonObject("question").getJsonArray("followUp"));
      assertEquals("live", event.getJsonObject("question").getString("status"), "a step changes no status");
      assertReferred(stage.next(f -> Msg.isQuestionEvent(f, q)
          && f.getJsonObject("question").containsKey("followUp"), "the step on the stage")
          .getJsonObject("question").getJsonArray("followUp"));
      assertReferred(asker.next(f -> Msg.isQuestionEvent(f, q)
          && f.getJsonObject("question").containsKey("followUp"), "the step on the asker's page")
          .getJsonObject("question").getJsonArray("followUp"));

      for (int port : new int[] {node.port(), other.port()}) {
        JsonObject welcome = Msg.freshWelcome(vertx, port, id, Msg.hello());
        assertReferred(Msg.question(welcome, q).getJsonArray("followUp"));
      }
    } finally {
      TestNodes.stop(other);
    }
  }

  @Test
  void neitherAResidentNorAStageTakesAStep(Vertx vertx) {
    JsonObject session = session();
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient stage = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("stageToken")))) {
      resident.next("welcome");
      assertEquals("stage", stage.next("welcome").getString("role"));
      String q = resident.act(Msg.ask("Đèn đường hẻm 12 bị hỏng")).getString("questionId");
      JsonObject byResident = resident.act(referral(q));
      assertEquals("forbidden", byResident.getString("code"), byResident::encode);
      JsonObject byStage = stage.act(referral(q));
      assertEquals("forbidden", byStage.getString("code"), byStage::encode);
      JsonObject noted = resident.act(referral(q).put("step", "noted").put("agency", (String) null)
          .put("due", (String) null));
      assertEquals("forbidden", noted.getString("code"), noted::encode);
      JsonObject welcome = Msg.freshWelcome(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")));
      assertFalse(Msg.question(welcome, q).containsKey("followUp"), "no step was taken");
    }
  }

  @Test
  void theConsolesAgencyPickerListsTheWardsAgenciesAndThoseAboveForItsModeratorsOnly(Vertx vertx) {
    JsonObject session = session();
    organization("so-xd", "agency", "main");
    String path = "/api/sessions/" + session.getString("id") + "/agencies";
    Api.Reply listed = api.get(path, session.getString("moderatorToken"));
    assertEquals(200, listed.status(), listed.body());
    assertEquals(List.of("tnmt-a"), listed.json().getJsonArray("agencies").stream()
        .map(a -> ((JsonObject) a).getString("slug")).toList());
    JsonArray above = listed.json().getJsonArray("above");
    assertEquals(List.of("so-xd"), above.stream().map(a -> ((JsonObject) a).getString("slug")).toList());
    assertEquals("main", above.getJsonObject(0).getJsonObject("organization").getString("slug"));
    assertEquals(200, api.get(path, TestNodes.ADMIN_TOKEN).status());
    assertEquals(401, api.get(path, session.getString("stageToken")).status(), "a stage token");
    assertEquals(401, api.get(path, null).status(), "nobody");
    String resident;
    try (WsClient ws = WsClient.join(vertx, node.port(), session.getString("id"), Msg.hello())) {
      resident = Msg.token(ws.next("welcome"));
    }
    assertEquals(401, api.get(path, resident).status(), "a resident");
  }
}

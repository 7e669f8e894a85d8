package townhall.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import townhall.domain.topic.DefaultTopics;
import townhall.record.RecordVerifier;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Topics and areas (issue 17): each organization's lists (the default topics until changed; changed by its
 * organizers; bad lists refused and nothing changed), a session's lists, the suggestion, the asker's topic and the
 * moderator's {@code classify} chained in the record, whose questions carry {@code topic} and {@code area} and whose
 * summary counts equal a recount from the chain; the record still verifies.
 */
class TopicsAndAreasTest extends HomeTestBase {

  private Api.Reply put(String path, JsonObject body) {
    return api.request("PUT", path, body.encode(), "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN,
        "Content-Type", "application/json");
  }

  private static JsonObject areas(String... names) {
    JsonArray list = new JsonArray();
    for (String name : names) {
      list.add(new JsonObject().put("name", name));
    }
    return new JsonObject().put("areas", list);
  }

  @Test
  void eachOrganizationKeepsItsListsAndBadListsAreRefused() {
    organization("ward-a", "ward", "main");
    organization("ward-b", "ward", "main");
    JsonArray topics = api.get("/api/orgs/ward-a/topics").json().getJsonArray("topics");
    assertEquals(DefaultTopics.LIST.size(), topics.size());
    assertEquals("dat-dai", topics.getJsonObject(0).getString("key"));
    assertEquals("Đất đai", topics.getJsonObject(0).getString("name_vi"));
    assertEquals("Land", topics.getJsonObject(0).getString("name_en"));
    assertEquals(new JsonArray(), api.get("/api/orgs/ward-a/areas").json().getJsonArray("areas"));

    Api.Reply kept = put("/api/orgs/ward-a/areas", areas("Khu phố 1", "Khu phố 2", "Tổ dân phố 7"));
    assertEquals(200, kept.status(), kept.body());
    JsonArray areas = api.get("/api/orgs/ward-a/areas").json().getJsonArray("areas");
    assertEquals(List.of("khu-pho-1", "khu-pho-2", "to-dan-pho-7"),
        areas.stream().map(a -> ((JsonObject) a).getString("key")).toList());
    assertEquals(new JsonArray(), api.get("/api/orgs/ward-b/areas").json().getJsonArray("areas"),
        "another ward's areas are its own");

    JsonObject ownTopics = new JsonObject().put("topics", new JsonArray()
        .add(new JsonObject().put("key", "cho").put("name_vi", "Chợ").put("name_en", "Markets")
            .put("keywords", new JsonArray().add("chợ Bến Thành")))
        .add(new JsonObject().put("name_vi", "Nước sạch").put("name_en", "Clean water")));
    assertEquals(200, put("/api/orgs/ward-b/topics", ownTopics).status());
    JsonArray wardB = api.get("/api/orgs/ward-b/topics").json().getJsonArray("topics");
    assertEquals(List.of("cho", "nuoc-sach"), wardB.stream().map(t -> ((JsonObject) t).getString("key")).toList());
    assertEquals(DefaultTopics.LIST.size(), api.get("/api/orgs/ward-a/topics").json().getJsonArray("topics").size());

    String longName = "x".repeat(81);
    JsonArray many = new JsonArray();
    for (int i = 0; i < 201; i++) {
      many.add(new JsonObject().put("name", "Tổ " + i));
    }
    for (JsonObject bad : List.of(areas(""), areas("  "), areas(longName), areas("Khu phố 1", "khu pho 1"),
        new JsonObject().put("areas", many), new JsonObject().put("areas", "Khu phố 1"),
        new JsonObject().put("areas", new JsonArray().add(new JsonObject().put("name", "A").put("x", 1))),
        new JsonObject().put("areas", new JsonArray().add(new JsonObject().put("name", "A").put("key", "Bad Key"))),
        new JsonObject().put("other", 1))) {
      Api.Reply refused = put("/api/orgs/ward-a/areas", bad);
      assertEquals(400, refused.status(), () -> bad.encode() + " -> " + refused.body());
    }
    for (JsonObject bad : List.of(new JsonObject().put("topics", new JsonArray()),
        new JsonObject().put("topics", new JsonArray().add(new JsonObject().put("name_vi", "Chợ"))),
        new JsonObject().put("topics", new JsonArray()
            .add(new JsonObject().put("name_vi", "Chợ").put("name_en", "A"))
            .add(new JsonObject().put("name_vi", "Chợ").put("name_en", "B"))))) {
      assertEquals(400, put("/api/orgs/ward-a/topics", bad).status(), bad::encode);
    }
    assertEquals(areas, api.get("/api/orgs/ward-a/areas").json().getJsonArray("areas"), "refused lists change nothing");
    Api.Reply anonymous = api.request("PUT", "/api/orgs/ward-a/areas", areas("Khu phố 9").encode(),
        "Content-Type", "application/json");
    assertEquals(401, anonymous.status(), anonymous.body());
    assertEquals(404, api.get("/api/orgs/nowhere/topics").status());
  }

  @Test
  void questionsAreClassifiedChainedSummarisedAndTheRecordVerifies(Vertx vertx) {
    organization("ward-a", "ward", "main");
    assertEquals(200, put("/api/orgs/ward-a/areas", areas("Khu phố 1", "Khu phố 3")).status());
    Api.Reply created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    JsonObject session = created.json();
    String id = session.getString("id");
    JsonObject lists = api.get("/api/sessions/" + id + "/classification").json();
    assertEquals(2, lists.getJsonArray("areas").size());
    assertEquals(DefaultTopics.LIST.size(), lists.getJsonArray("topics").size());

    JsonObject suggested = api.get("/api/sessions/" + id + "/classification/suggest?text="
        + java.net.URLEncoder.encode("rac o khu pho 3 boc mui hoi thoi", java.nio.charset.StandardCharsets.UTF_8))
        .json();
    assertEquals("moi-truong", suggested.getString("topic"));
    assertEquals("khu-pho-3", suggested.getString("area"));

    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      JsonObject asked = resident.act(Msg.ask("Trạm y tế có tiêm chủng thứ bảy không?").put("topic", "y-te"));
      assertEquals("ack", asked.getString("type"), asked::encode);
      String q1 = asked.getString("questionId");
      JsonObject badPick = resident.act(Msg.ask("Câu hỏi khác").put("topic", "no-such-topic"));
      assertEquals("bad_request", badPick.getString("code"), badPick::encode);
      String q2 = resident.act(Msg.ask("Rác ở khu phố 3 bốc mùi")).getString("questionId");
      String q3 = resident.act(Msg.ask("Đèn đường hỏng")).getString("questionId");
      // a clerk's entry, spoken at the microphone, with the topic the clerk picks: counted by its channel
      String clerkToken = api.post("/api/sessions/" + id + "/clerk-token", "", session.getString("moderatorToken"))
          .json().getString("clerkToken");
      try (WsClient clerk = WsClient.join(vertx, node.port(), id, Msg.hello(clerkToken))) {
        clerk.next("welcome");
        JsonObject entered = clerk.act(new JsonObject().put("type", "ask").put("text", "Học phí mầm non năm nay?")
            .put("onBehalf", new JsonObject().put("channel", "spoken")).put("topic", "giao-duc"));
        assertEquals("ack", entered.getString("type"), entered::encode);
      }

      JsonObject classify = new JsonObject().put("type", "moderate").put("questionId", q2).put("action", "classify")
          .put("topic", "moi-truong").put("area", "khu-pho-3");
      moderator.send(classify.copy().put("ref", "c-1"));
      JsonObject ack = moderator.answerTo("c-1");
      assertEquals("ack", ack.getString("type"), ack::encode);
      moderator.send(classify.copy().put("ref", "c-1"));
      JsonObject again = moderator.answerTo("c-1");
      assertEquals(true, again.getBoolean("duplicate"), again::encode);
      assertEquals("ack", moderator.act(new JsonObject().put("type", "moderate").put("questionId", q3)
          .put("action", "classify").put("topic", "ha-tang-do-thi")).getString("type"));
      assertEquals("forbidden", resident.act(classify.copy().put("questionId", q3)).getString("code"));
      assertEquals("bad_request", moderator.act(classify.copy().put("topic", "khong-co")).getString("code"));
      assertEquals("bad_request", moderator.act(classify.copy().put("area", "khu-pho-9")).getString("code"));
      assertEquals("bad_request", moderator.act(classify.copy().put("text", "x")).getString("code"));
      assertEquals("bad_request", moderator.act(new JsonObject().put("type", "moderate").put("questionId", q3)
          .put("action", "approve").put("topic", "y-te")).getString("code"));
      assertEquals("ack", moderator.act(new JsonObject().put("type", "moderate").put("questionId", q3)
          .put("action", "reject").put("reason", "Quảng cáo").put("category", "spam")).getString("type"));
      JsonObject welcome = Msg.freshWelcome(vertx, node.port(), id, Msg.hello());
      assertEquals("moi-truong", Msg.question(welcome, q2).getString("topic"));
      assertEquals("khu-pho-3", Msg.question(welcome, q2).getString("areaKey"));
      assertEquals("y-te", Msg.question(welcome, q1).getString("topic"));
    }

    JsonObject record = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    Map<String, JsonObject> byId = new HashMap<>();
    record.getJsonArray("questions").forEach(q -> byId.put(((JsonObject) q).getString("id"), (JsonObject) q));
    assertEquals("y-te", byId.get("1").getString("topic"));
    assertNull(byId.get("1").getString("area"));
    assertEquals("moi-truong", byId.get("2").getString("topic"));
    assertEquals("khu-pho-3", byId.get("2").getString("area"));
    assertEquals("ha-tang-do-thi", byId.get("3").getString("topic"));
    RecordVerifier.Result verified = RecordVerifier.verify(record);
    assertTrue(verified.intact(), verified.problems()::toString);

    // the summary's counts, recounted from the chain's entries alone
    Map<String, String> topicOf = new HashMap<>();
    Map<String, String> areaOf = new HashMap<>();
    Map<String, Integer> byChannel = new TreeMap<>();
    for (Object link : record.getJsonObject("chain").getJsonArray("links")) {
      JsonObject entry = new JsonObject(((JsonObject) link).getString("entry"));
      if ("asked".equals(entry.getString("k"))) {
        byChannel.merge(entry.getString("channel", "app"), 1, Integer::sum);
        topicOf.put(entry.getString("q"), null);
        areaOf.put(entry.getString("q"), null);
      } else if ("classified".equals(entry.getString("k"))) {
        topicOf.put(entry.getString("q"), entry.getString("topic"));
        areaOf.put(entry.getString("q"), entry.getString("area"));
      }
    }
    Map<String, Integer> byTopic = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    topicOf.values().forEach(t -> byTopic.merge(t, 1, Integer::sum));
    Map<String, Integer> byArea = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    areaOf.values().forEach(a -> byArea.merge(a, 1, Integer::sum));
    JsonObject summary = record.getJsonObject("summary");
    Map<String, Integer> summaryTopics = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    summary.getJsonArray("topics").forEach(t -> summaryTopics.put(((JsonObject) t).getString("topic"),
        ((JsonObject) t).getInteger("questions")));
    Map<String, Integer> summaryAreas = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    summary.getJsonArray("areas").forEach(a -> summaryAreas.put(((JsonObject) a).getString("area"),
        ((JsonObject) a).getInteger("questions")));
    assertEquals(byTopic, summaryTopics);
    assertEquals(byArea, summaryAreas);
    Map<String, Integer> summaryChannels = new TreeMap<>();
    summary.getJsonArray("channels").forEach(c -> summaryChannels.put(((JsonObject) c).getString("channel"),
        ((JsonObject) c).getInteger("questions")));
    assertEquals(byChannel, summaryChannels);
    assertEquals(Map.of("app", 3, "spoken", 1), summaryChannels);
    assertEquals("giao-duc", byId.get("4").getString("topic"), "a clerk picks the topic of an entry");
    JsonObject health = summary.getJsonArray("topics").stream().map(t -> (JsonObject) t)
        .filter(t -> "ha-tang-do-thi".equals(t.getString("topic"))).findFirst().orElseThrow();
    assertEquals(1, health.getJsonObject("fates").getInteger("rejected"));

    JsonObject tampered = record.copy();
    tampered.getJsonArray("questions").getJsonObject(1).put("topic", "giao-duc");
    assertTrue(!RecordVerifier.verify(tampered).intact(), "a topic the chain does not give is caught");

    Api.Reply csv = api.get("/api/sessions/" + id + "/record?format=csv", TestNodes.ADMIN_TOKEN);
    assertTrue(csv.body().contains("Lĩnh vực,Khu vực"), csv.body());
    assertTrue(csv.body().contains("Môi trường,khu-pho-3"), csv.body());
  }
}

package townhall.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import townhall.domain.record.Fate;
import townhall.domain.topic.DefaultTopics;
import townhall.record.RecordVerifier;
import townhall.testing.Api;
import townhall.testing.Csv;
import townhall.testing.HomeTestBase;
import townhall.testing.Msg;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Issue 17: a question classified after its session, once Redis let the session go and its record is archived
 * ({@code PUT /api/sessions/{id}/questions/{qid}/classification}): chained in the archived chain as the live
 * {@code classify} is, so the record verifies, its questions, summary and CSV show it; refused (a JSON error, nothing
 * changed) for an unknown topic, area or question, a resident's or a moderator link's token, an account of another
 * organization. And the CSV's classified summary: its tables count what a recount of the JSON record's questions
 * counts, in the session's language.
 */
class ArchivedClassificationTest extends HomeTestBase {
  private static final String PASSWORD = "mật khẩu đủ dài 2026";
  private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

  private Api.Reply classify(String id, String questionId, Object topic, Object area, String bearer) {
    String body = new JsonObject().put("topic", topic).put("area", area).encode();
    return bearer == null
        ? api.request("PUT", path(id, questionId), body, "Content-Type", "application/json")
        : api.request("PUT", path(id, questionId), body, "Authorization", "Bearer " + bearer,
            "Content-Type", "application/json");
  }

  private static String path(String id, String questionId) {
    return "/api/sessions/" + id + "/questions/" + questionId + "/classification";
  }

  private JsonObject record(String id, boolean full) {
    Api.Reply reply = full ? api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN)
        : api.get("/api/sessions/" + id + "/record");
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  @Test
  void anArchivedRecordIsClassifiedChainedVerifiedAndSummarisedAgain(Vertx vertx) {
    organization("ward-a", "ward", "main");
    organization("ward-b", "ward", "main");
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@main.vn").put("password", PASSWORD)
        .encode(), null));
    SignedInClient moderator = invited(admin, "moderator", "ward-a", PASSWORD);
    SignedInClient stranger = invited(admin, "moderator", "ward-b", PASSWORD);
    assertEquals(200, admin.send("PUT", "/api/orgs/ward-a/areas", new JsonObject().put("areas", new JsonArray()
        .add(new JsonObject().put("name", "Khu phố 1")).add(new JsonObject().put("name", "Khu phố 3"))).encode())
        .status());
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    String residentToken;
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient mod = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      residentToken = resident.next("welcome").getJsonObject("participant").getString("token");
      mod.next("welcome");
      String q1 = resident.act(Msg.ask("Trạm y tế có tiêm chủng thứ bảy không?").put("topic", "y-te"))
          .getString("questionId");
      resident.act(Msg.ask("Rác ở khu phố 3 bốc mùi, khi nào thu gom?"));
      String q3 = resident.act(Msg.ask("=Học phí, mầm non \"năm nay\" bao nhiêu?")).getString("questionId");
      String clerkToken = api.post("/api/sessions/" + id + "/clerk-token", "", session.getString("moderatorToken"))
          .json().getString("clerkToken");
      try (WsClient clerk = WsClient.join(vertx, node.port(), id, Msg.hello(clerkToken))) {
        clerk.next("welcome");
        assertEquals("ack", clerk.act(new JsonObject().put("type", "ask").put("text", "Đường Lê Lợi ngập khi mưa")
            .put("onBehalf", new JsonObject().put("channel", "paper"))).getString("type"));
      }
      assertEquals("ack", mod.act(new JsonObject().put("type", "moderate").put("questionId", q1)
          .put("action", "answer").put("text", "Có, từ 7 giờ.")).getString("type"));
      assertEquals("ack", mod.act(new JsonObject().put("type", "moderate").put("questionId", q3)
          .put("action", "reject").put("reason", "Trùng").put("category", "duplicate")).getString("type"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/status", "{\"status\":\"closed\"}", TestNodes.ADMIN_TOKEN)
        .status());
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    String liveCsv = api.get("/api/sessions/" + id + "/record?format=csv").body();
    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    assertEquals(liveCsv, api.get("/api/sessions/" + id + "/record?format=csv").body(),
        "the archive serves the CSV the record was built with, its summary included");
    assertEquals(2, api.get("/api/sessions/" + id + "/classification").json().getJsonArray("areas").size(),
        "the lists of a session Redis let go, for the record page's editor: its organization's");
    assertEquals(404, api.get("/api/sessions/no-such-session/classification").status(), "but not of no session");
    JsonObject before = record(id, false);
    String hash = before.getJsonObject("chain").getString("finalHash");

    // refused, as a JSON error, and nothing changes
    List<Api.Reply> refused = List.of(
        moderator.send("PUT", path(id, "2"), new JsonObject().put("topic", "khong-co").put("area", null).encode()),
        moderator.send("PUT", path(id, "2"), new JsonObject().put("topic", "moi-truong").put("area", "khu-pho-9")
            .encode()),
        moderator.send("PUT", path(id, "99"), new JsonObject().put("topic", "moi-truong").put("area", null)
            .encode()),
        moderator.send("PUT", path(id, "2"), new JsonObject().put("topic", "moi-truong").encode()),
        moderator.send("PUT", path(id, "2"), new JsonObject().put("topic", 7).put("area", null).encode()),
        moderator.send("PUT", path(id, "2"), new JsonObject().put("topic", "moi-truong").put("area", null)
            .put("text", "x").encode()),
        moderator.send("PUT", path(id, "2"), "not json"),
        stranger.send("PUT", path(id, "2"), new JsonObject().put("topic", "moi-truong").put("area", null).encode()),
        classify(id, "2", "moi-truong", null, residentToken),
        classify(id, "2", "moi-truong", null, session.getString("moderatorToken")),
        classify(id, "2", "moi-truong", null, null),
        classify("no-such-session", "2", "moi-truong", null, TestNodes.ADMIN_TOKEN));
    List<Integer> statuses = new ArrayList<>();
    for (Api.Reply reply : refused) {
      statuses.add(reply.status());
      assertNotNull(reply.json().getString("error"), reply.body());
    }
    assertEquals(List.of(400, 400, 404, 400, 400, 400, 400, 403, 401, 401, 401, 404), statuses);
    assertEquals(hash, record(id, false).getJsonObject("chain").getString("finalHash"), "nothing was chained");

    // a moderator of the organization, and the admin bearer (twice with one ref: once)
    Api.Reply byModerator = moderator.send("PUT", path(id, "2"), new JsonObject().put("topic", "moi-truong")
        .put("area", "khu-pho-3").encode());
    assertEquals(200, byModerator.status(), byModerator.body());
    assertEquals(false, byModerator.json().getBoolean("duplicate"));
    JsonObject once = new JsonObject().put("topic", "giao-duc").put("area", "khu-pho-1").put("ref", "r-1");
    for (boolean duplicate : new boolean[] {false, true}) {
      Api.Reply reply = api.request("PUT", path(id, "3"), once.encode(), "Authorization",
          "Bearer " + TestNodes.ADMIN_TOKEN, "Content-Type", "application/json");
      assertEquals(200, reply.status(), reply.body());
      assertEquals(duplicate, reply.json().getBoolean("duplicate"));
    }
    Api.Reply cleared = classify(id, "1", null, "khu-pho-1", TestNodes.ADMIN_TOKEN);
    assertEquals(200, cleared.status(), cleared.body());

    for (boolean full : new boolean[] {false, true}) {
      JsonObject record = record(id, full);
      String copy = full ? "full copy" : "public copy";
      JsonArray links = record.getJsonObject("chain").getJsonArray("links");
      assertEquals(before.getJsonObject("chain").getJsonArray("links").size() + 3, links.size(), copy);
      JsonObject last = new JsonObject(links.getJsonObject(links.size() - 1).getString("entry"));
      assertEquals("classified", last.getString("k"));
      assertEquals(0, last.getInteger("by"), "classified after the session: by the organizer");
      assertNull(last.getValue("topic"), "a cleared topic is absent, as in the live entry");
      Map<String, JsonObject> byId = new HashMap<>();
      record.getJsonArray("questions").forEach(q -> byId.put(((JsonObject) q).getString("id"), (JsonObject) q));
      assertEquals("moi-truong", byId.get("2").getString("topic"), copy);
      assertEquals("khu-pho-3", byId.get("2").getString("area"), copy);
      assertEquals("giao-duc", byId.get("3").getString("topic"), copy);
      assertNull(byId.get("1").getString("topic"), copy);
      assertEquals("khu-pho-1", byId.get("1").getString("area"), copy);
      RecordVerifier.Result verified = RecordVerifier.verify(record);
      assertTrue(verified.intact(), verified.problems()::toString);
      assertEquals(recount(record.getJsonArray("questions")), record.getJsonObject("summary"), copy);
      assertEquals(recountFromChain(links), topicCounts(record.getJsonObject("summary")), copy);
      assertCsvSummary(api.get("/api/sessions/" + id + "/record?format=csv", full ? TestNodes.ADMIN_TOKEN : null)
          .body(), record, "Tổng hợp theo lĩnh vực và kết quả", "Tổng hợp theo khu vực", "Tổng hợp theo kênh",
          "Câu hỏi theo lĩnh vực");
    }
    JsonObject tampered = record(id, false);
    tampered.getJsonObject("summary").getJsonArray("topics").getJsonObject(0).put("questions", 9);
    assertTrue(!RecordVerifier.verify(tampered).intact(), "a summary the chain does not give is caught");
  }

  @Test
  void anEnglishSessionsCsvSummaryIsInEnglishAndCountsItsQuestions(Vertx vertx) {
    organization("ward-a", "ward", "main");
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Ward dialogue")
        .put("organization", "ward-a").put("moderation", "post").put("locale", "en").encode(),
        TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello())) {
      resident.next("welcome");
      resident.act(Msg.ask("When is the health post open on Saturday?").put("topic", "y-te"));
      resident.act(Msg.ask("The street lights are broken"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/status", "{\"status\":\"closed\"}", TestNodes.ADMIN_TOKEN)
        .status());
    assertEquals(200, classify(id, "2", "ha-tang-do-thi", null, TestNodes.ADMIN_TOKEN).status(),
        "while Redis holds the closed session, classified there");
    JsonObject record = record(id, true);
    assertEquals("ha-tang-do-thi", record.getJsonArray("questions").getJsonObject(1).getString("topic"));
    assertTrue(RecordVerifier.verify(record).intact(), RecordVerifier.verify(record).problems()::toString);
    assertCsvSummary(api.get("/api/sessions/" + id + "/record?format=csv", TestNodes.ADMIN_TOKEN).body(), record,
        "Summary by topic and outcome", "Summary by area", "Summary by channel", "Questions by topic");
  }

  /**
   * The CSV's summary tables, each under its title in the session's language, count what a recount of the record's
   * questions counts; the grouped table lists each question once, under its topic's name.
   */
  private static void assertCsvSummary(String csv, JsonObject record, String topicsTitle, String areasTitle,
      String channelsTitle, String groupedTitle) {
    assertTrue(csv.startsWith("\uFEFF"));
    JsonArray questions = record.getJsonArray("questions");
    Map<String, List<List<String>>> tables = Csv.recordTables(csv.substring(1));
    assertEquals(List.of(topicsTitle, areasTitle, channelsTitle, groupedTitle),
        new ArrayList<>(tables.keySet()).subList(0, 4));
    boolean vi = record.getJsonObject("session").getString("locale").equals("vi");
    Map<String, String> names = new HashMap<>();
    DefaultTopics.LIST.forEach(t -> names.put(t.key(), vi ? t.nameVi() : t.nameEn()));
    names.put(null, vi ? "(Chưa phân loại)" : "(No topic)");

    // by topic and fate: the fates' columns in the order of Fate, then a total
    List<List<String>> byTopic = tables.get(topicsTitle);
    assertEquals(3 + Fate.values().length, byTopic.get(0).size(), byTopic.get(0).toString());
    Map<String, List<String>> expected = new TreeMap<>();
    Map<String, int[]> counts = new TreeMap<>(NULLS_LAST);
    for (Object item : questions) {
      JsonObject q = (JsonObject) item;
      int[] c = counts.computeIfAbsent(q.getString("topic"), k -> new int[2 + Fate.values().length]);
      c[0]++;
      c[1] += q.getValue("text") == null ? 1 : 0;
      c[2 + Fate.valueOf(q.getString("fate").toUpperCase(java.util.Locale.ROOT)).ordinal()]++;
    }
    int[] total = new int[2 + Fate.values().length];
    counts.forEach((topic, c) -> {
      List<String> row = new ArrayList<>(List.of(names.get(topic)));
      for (int i = 0; i < c.length; i++) {
        row.add(String.valueOf(c[i]));
        total[i] += c[i];
      }
      expected.put(names.get(topic), row);
    });
    List<List<String>> rows = byTopic.subList(1, byTopic.size() - 1);
    assertEquals(new ArrayList<>(expected.values()), rows.stream().sorted(Comparator.comparing(r -> r.get(0)))
        .toList());
    assertEquals(String.valueOf(questions.size()), byTopic.get(byTopic.size() - 1).get(1), "the total");
    for (int i = 0; i < total.length; i++) {
      assertEquals(String.valueOf(total[i]), byTopic.get(byTopic.size() - 1).get(1 + i));
    }

    // by area (keys, as the question rows name them) and by channel
    Map<String, String> areaCounts = new TreeMap<>();
    Map<String, Integer> channelCounts = new TreeMap<>();
    for (Object item : questions) {
      JsonObject q = (JsonObject) item;
      areaCounts.merge(Objects.requireNonNullElse(q.getString("area"), vi ? "(Chưa có khu vực)" : "(No area)"), "1",
          (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
      channelCounts.merge(q.getString("channel", "app"), 1, Integer::sum);
    }
    Map<String, String> areaRows = new TreeMap<>();
    tables.get(areasTitle).subList(1, tables.get(areasTitle).size()).forEach(r -> areaRows.put(r.get(0), r.get(1)));
    assertEquals(areaCounts, areaRows);
    List<List<String>> channels = tables.get(channelsTitle);
    assertEquals(channelCounts.size(), channels.size() - 1);
    assertEquals(channelCounts.values().stream().mapToInt(Integer::intValue).sum(),
        channels.subList(1, channels.size()).stream().mapToInt(r -> Integer.parseInt(r.get(1))).sum());

    // every question once, under its topic's name, with its text where the record shows it
    List<List<String>> grouped = tables.get(groupedTitle);
    assertEquals(questions.size(), grouped.size() - 1);
    for (Object item : questions) {
      JsonObject q = (JsonObject) item;
      List<String> row = grouped.stream().filter(r -> r.get(1).equals(q.getString("id"))).findFirst().orElseThrow();
      assertEquals(names.get(q.getString("topic")), row.get(0));
      if (q.getString("text") != null) {
        String text = q.getString("text");
        assertEquals("=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text, row.get(2), "defused, as the rows");
      }
    }
  }

  /** The summary as counted anew from the record's questions (by topic and fate, area, channel). */
  private static JsonObject recount(JsonArray questions) {
    Map<String, JsonObject> topics = new TreeMap<>(NULLS_LAST);
    Map<String, Integer> areas = new TreeMap<>(NULLS_LAST);
    Map<String, Integer> channels = new TreeMap<>();
    for (Object item : questions) {
      JsonObject q = (JsonObject) item;
      JsonObject row = topics.computeIfAbsent(q.getString("topic"), topic -> {
        JsonObject fates = new JsonObject();
        for (Fate fate : Fate.values()) {
          fates.put(fate.wireName(), 0);
        }
        return new JsonObject().put("topic", topic).put("questions", 0).put("notShown", 0).put("fates", fates)
            .put("ids", new JsonArray());
      });
      row.put("questions", row.getInteger("questions") + 1);
      row.put("notShown", row.getInteger("notShown") + (q.getValue("text") == null ? 1 : 0));
      JsonObject fates = row.getJsonObject("fates");
      fates.put(q.getString("fate"), fates.getInteger(q.getString("fate")) + 1);
      row.getJsonArray("ids").add(q.getString("id"));
      areas.merge(q.getString("area"), 1, Integer::sum);
      channels.merge(q.getString("channel", "app"), 1, Integer::sum);
    }
    JsonArray areaRows = new JsonArray();
    areas.forEach((area, n) -> areaRows.add(new JsonObject().put("area", area).put("questions", n)));
    JsonArray channelRows = new JsonArray();
    channels.forEach((channel, n) -> channelRows.add(new JsonObject().put("channel", channel).put("questions", n)));
    return new JsonObject().put("topics", new JsonArray(new ArrayList<>(topics.values()))).put("areas", areaRows)
        .put("channels", channelRows);
  }

  /** Questions per topic, from the chain's entries alone: each question's latest classification. */
  private static Map<String, Integer> recountFromChain(JsonArray links) {
    Map<String, String> topicOf = new HashMap<>();
    for (Object link : links) {
      JsonObject entry = new JsonObject(((JsonObject) link).getString("entry"));
      if ("asked".equals(entry.getString("k"))) {
        topicOf.put(entry.getString("q"), null);
      } else if ("classified".equals(entry.getString("k"))) {
        topicOf.put(entry.getString("q"), entry.getString("topic"));
      }
    }
    Map<String, Integer> byTopic = new TreeMap<>(NULLS_LAST);
    topicOf.values().forEach(t -> byTopic.merge(t, 1, Integer::sum));
    return byTopic;
  }

  private static Map<String, Integer> topicCounts(JsonObject summary) {
    Map<String, Integer> byTopic = new TreeMap<>(NULLS_LAST);
    summary.getJsonArray("topics").forEach(t -> byTopic.put(((JsonObject) t).getString("topic"),
        ((JsonObject) t).getInteger("questions")));
    return byTopic;
  }
}

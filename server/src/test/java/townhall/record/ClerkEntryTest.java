package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Moderation.answer;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.ask;
import static townhall.testing.Moderation.assertError;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.vote;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.Csv;
import townhall.testing.Moderation;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Questions a clerk enters on behalf of people without a phone (issue 17): the clerk link, what residents and
 * moderators see of an entry, the sealed name, the pseudonymous clerk number, and the record's counts by channel,
 * which must equal a recount of the chain's own entries.
 */
class ClerkEntryTest extends NodeTestBase {
  private static final String SPEAKER = "Bác Nguyễn Văn Hùng";
  private static final String AREA = "Tổ dân phố 5";

  private static JsonObject entry(String text, String channel, String name, String area) {
    JsonObject onBehalf = new JsonObject().put("channel", channel);
    if (name != null) {
      onBehalf.put("name", name);
    }
    if (area != null) {
      onBehalf.put("area", area);
    }
    return ask(text).put("onBehalf", onBehalf);
  }

  private static JsonObject question(JsonObject record, String id) {
    for (Object q : record.getJsonArray("questions")) {
      if (id.equals(((JsonObject) q).getString("id"))) {
        return (JsonObject) q;
      }
    }
    throw new AssertionError("no question " + id);
  }

  /** Counts by channel recomputed from the chain's entries alone ("asked" entries; no channel: a resident's own). */
  private static Map<String, Integer> recount(JsonObject record) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Object link : record.getJsonObject("chain").getJsonArray("links")) {
      JsonObject entry = new JsonObject(((JsonObject) link).getString("entry"));
      if ("asked".equals(entry.getString("k"))) {
        counts.merge(entry.getString("channel", "app"), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static Map<String, Integer> nonZero(JsonObject byChannel) {
    Map<String, Integer> counts = new TreeMap<>();
    byChannel.forEach(e -> {
      if (((Number) e.getValue()).intValue() > 0) {
        counts.put(e.getKey(), ((Number) e.getValue()).intValue());
      }
    });
    return counts;
  }

  @Test
  void aClerksEntriesAreModeratedVotedAnsweredAndCountedByChannelAsTheChainSays(Vertx vertx) {
    // a session that asks residents for a name: a clerk's entry needs none
    JsonObject created = api.createSession("Tiếp xúc cử tri phường", "pre", false);
    String id = created.getString("id");
    String moderatorToken = created.getString("moderatorToken");
    Api.Reply issued = api.post("/api/sessions/" + id + "/clerk-token", "", moderatorToken);
    assertEquals(200, issued.status(), issued.body());
    String clerkToken = issued.json().getString("clerkToken");
    assertTrue(issued.json().getJsonObject("links").getString("clerk").endsWith("/clerk/" + id + "#token=" + clerkToken));
    assertEquals(401, api.post("/api/sessions/" + id + "/clerk-token", "", clerkToken).status(),
        "a clerk cannot hand out clerk links");
    String secondClerkToken = api.post("/api/sessions/" + id + "/clerk-token", "", TestNodes.ADMIN_TOKEN).json()
        .getString("clerkToken");

    String paper;
    try (WsClient mod = Moderation.join(vertx, node.port(), id, moderatorToken);
         WsClient clerk = Moderation.join(vertx, node.port(), id, clerkToken);
         WsClient second = Moderation.join(vertx, node.port(), id, secondClerkToken);
         WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      assertEquals("clerk", clerk.next("welcome").getString("role"));
      second.next("welcome");
      resident.next("welcome");

      String spokenNow = ok(clerk, entry("Khi nào lắp đèn hẻm 12?", "spoken", SPEAKER, AREA)
          .put("onBehalf", new JsonObject().put("channel", "spoken").put("name", SPEAKER).put("area", AREA)
              .put("askingNow", true))).getString("questionId");
      String spoken = ok(clerk, entry("Chợ tạm bao giờ dời?", "spoken", null, "Khu phố 2")).getString("questionId");
      paper = ok(clerk, entry("Xin cấp lại sổ đỏ mất lâu quá", "paper", "Chị Mai", null))
          .getString("questionId");
      String paperTwo = ok(second, entry("Rác tồn đọng ở kênh Nhiêu Lộc", "paper", null, null))
          .getString("questionId");
      String hotline = ok(second, entry("Tiếng ồn quán karaoke ban đêm", "hotline", null, AREA))
          .getString("questionId");
      String own = ok(resident, ask("Khi nào sửa đường Lê Lợi?").put("author", "Anh Tú")).getString("questionId");

      // bad entries are refused and change nothing: askingNow is for a spoken question, app is a resident's own
      assertError("bad_request", Moderation.act(clerk, entry("Câu hỏi sai kênh", "paper", null, null)
          .put("onBehalf", new JsonObject().put("channel", "paper").put("askingNow", true))));
      assertError("bad_request", Moderation.act(clerk, entry("Câu hỏi kênh app", "app", null, null)));
      assertError("too_long", Moderation.act(clerk, entry("Khu vực quá dài", "spoken", null, "x".repeat(81))));
      assertError("forbidden", Moderation.act(clerk, vote(own, 1)));

      for (String q : List.of(spokenNow, spoken, paper, paperTwo, hotline, own)) {
        ok(mod, approve(q));
      }
      JsonObject seenByModerator = Moderation.freshWelcome(vertx, node.port(), id, moderatorToken);
      JsonObject modQuestion = Moderation.question(seenByModerator, spokenNow);
      assertEquals(SPEAKER, modQuestion.getString("speaker"), () -> "moderators see the name: " + modQuestion);
      assertEquals(true, modQuestion.getBoolean("askingNow"));
      assertEquals("spoken", modQuestion.getString("channel"));

      JsonObject seenByResident = Moderation.question(Moderation.freshWelcome(vertx, node.port(), id, null),
          spokenNow);
      assertEquals("spoken", seenByResident.getString("channel"));
      assertEquals(AREA, seenByResident.getString("area"));
      assertNull(seenByResident.getValue("speaker"), () -> "a resident never sees the name: " + seenByResident);
      assertNull(seenByResident.getValue("author"));

      // the name is private until a moderator makes it public: then residents see it too, and the record shows it
      ok(mod, Moderation.moderate(paper, "publishName"));
      assertError("conflict", Moderation.act(mod, Moderation.moderate(paper, "publishName")));
      assertError("conflict", Moderation.act(mod, Moderation.moderate(spoken, "publishName")));
      assertError("conflict", Moderation.act(mod, Moderation.moderate(own, "publishName")));
      JsonObject published = Moderation.question(Moderation.freshWelcome(vertx, node.port(), id, null), paper);
      assertEquals("Chị Mai", published.getString("speaker"));
      assertEquals(true, published.getBoolean("namePublic"));

      ok(resident, vote(paper, 1));
      ok(mod, answer(spokenNow, "Tháng sau sẽ lắp."));
      ok(mod, Moderation.session("close"));
    }

    String record = "/api/sessions/" + id + "/record";
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    Api.Reply publicReply = api.get(record);
    JsonObject pub = publicReply.json();
    Map<String, Integer> fromChain = recount(pub);
    assertEquals(Map.of("app", 1, "spoken", 2, "paper", 2, "hotline", 1), fromChain);
    JsonObject byChannel = pub.getJsonObject("totals").getJsonObject("byChannel");
    assertEquals(fromChain, nonZero(byChannel), "the record's counts by channel are the chain's");
    assertEquals(List.of("app", "spoken", "paper", "hotline", "zalo", "email", "other"),
        List.copyOf(byChannel.fieldNames()), "every channel, in a fixed order");
    assertFalse(publicReply.body().contains(SPEAKER), "the speaker's name is sealed in the public record");
    assertEquals("Chị Mai", question(pub, paper).getJsonObject("clerkEntry").getString("name"),
        "a name a moderator published is public");
    assertEquals("publishName", question(pub, paper).getJsonArray("steps").getJsonObject(1).getString("action"));

    JsonObject answered = pub.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> "answered".equals(q.getString("fate"))).findFirst().orElseThrow();
    assertEquals("spoken", answered.getString("channel"));
    assertEquals(new JsonObject().put("clerk", 1).put("area", AREA).putNull("name"), answered.getJsonObject("clerkEntry"));
    JsonObject hotlineQuestion = pub.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> "hotline".equals(q.getString("channel"))).findFirst().orElseThrow();
    assertEquals(2, hotlineQuestion.getJsonObject("clerkEntry").getInteger("clerk"), "the second clerk is clerk #2");
    JsonObject appQuestion = pub.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> "app".equals(q.getString("channel"))).findFirst().orElseThrow();
    assertNull(appQuestion.getValue("clerkEntry"));
    assertEquals("Anh Tú", appQuestion.getString("author"));

    JsonObject full = api.get(record, TestNodes.ADMIN_TOKEN).json();
    assertEquals(nonZero(byChannel), nonZero(full.getJsonObject("totals").getJsonObject("byChannel")));
    assertEquals(SPEAKER, full.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> "answered".equals(q.getString("fate"))).findFirst().orElseThrow()
        .getJsonObject("clerkEntry").getString("name"), "the organizer's full record has the name");
    assertTrue(RecordVerifier.verify(pub).intact(), () -> RecordVerifier.verify(pub).problems().toString());
    assertTrue(RecordVerifier.verify(full).intact(), () -> RecordVerifier.verify(full).problems().toString());

    String csv = api.get(record + "?format=csv").body();
    assertFalse(csv.contains(SPEAKER));
    List<List<String>> rows = Csv.recordQuestions(csv.substring(1));
    int channel = RecordCsv.COLUMN_KEYS.indexOf("channel");
    int enteredBy = RecordCsv.COLUMN_KEYS.indexOf("enteredBy");
    assertEquals("Kênh", rows.get(0).get(channel));
    Map<String, Integer> csvCounts = new TreeMap<>();
    rows.subList(1, rows.size()).forEach(row -> csvCounts.merge(row.get(channel), 1, Integer::sum));
    assertEquals(Map.of("ứng dụng", 1, "phát biểu trực tiếp", 2, "phiếu giấy", 2, "đường dây nóng", 1), csvCounts);
    assertTrue(rows.stream().anyMatch(row -> row.get(enteredBy).equals("Thư ký 2")));

    // the organizer revokes the clerk links: the old ones are refused, a new one works
    Api.Reply revoked = api.post("/api/sessions/" + id + "/revoke-tokens", "{\"roles\":[\"clerk\"]}",
        TestNodes.ADMIN_TOKEN);
    assertEquals(200, revoked.status(), revoked.body());
    try (WsClient old = Moderation.join(vertx, node.port(), id, clerkToken)) {
      assertEquals("unauthorized", old.next("error").getString("code"));
    }
    String fresh = api.post("/api/sessions/" + id + "/clerk-token", "", TestNodes.ADMIN_TOKEN).json()
        .getString("clerkToken");
    try (WsClient again = Moderation.join(vertx, node.port(), id, fresh)) {
      assertEquals("clerk", again.next("welcome").getString("role"));
    }
    try (WsClient moderator = Moderation.join(vertx, node.port(), id, moderatorToken)) {
      assertEquals("moderator", moderator.next("welcome").getString("role"), "only the clerks' links were revoked");
    }
  }
}

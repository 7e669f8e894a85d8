package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Moderation.answer;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.ban;
import static townhall.testing.Moderation.edit;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.reject;
import static townhall.testing.Moderation.withhold;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.Csv;
import townhall.testing.Moderation;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The public record publishes only what it should (issue 13): a pending, a spam-rejected, an off-topic-rejected, a
 * withheld-approved, an edited and an ordinary question. Every question is counted with its fate; the texts that
 * were never shown, that were rejected as spam or withheld, the wording an edit removed, private reasons and whose
 * question a ban was about appear nowhere public (JSON, CSV, the chain's entries), yet the public and the full copy
 * verify to the same final hash.
 */
class RecordPublicityTest extends NodeTestBase {
  private static final String PENDING = "Câu hỏi gửi lúc mất mạng, chưa ai duyệt";
  private static final String SPAM = "Vay tiền nhanh lãi thấp www.vay-nhanh.example";
  private static final String SPAM_AUTHOR = "Đại lý vay 24h";
  private static final String SPAM_REASON = "Quảng cáo vay tiền có đường dẫn";
  private static final String OFF_TOPIC = "Giá vàng tuần sau thế nào?";
  private static final String OFF_TOPIC_REASON = "Không thuộc phạm vi phường";
  private static final String WITHHELD = "Nhà ông Tâm số 12 Lê Lợi xây sai phép, gọi 0903 123 456";
  private static final String WITHHELD_REASON = "Có số điện thoại và địa chỉ của người khác";
  private static final String EDITED_ORIGINAL = "Chị Hoa ở 5 Hai Bà Trưng nợ tiền điện, bao giờ cắt?";
  private static final String EDITED = "Khi nào phường xử lý nợ tiền điện?";
  private static final String ORDINARY = "Khi nào sửa xong đường Lê Lợi?";
  private static final String ANSWER = "Tháng 12 sẽ xong.";

  private record Session(String id, Map<String, String> q) {
  }

  private Session run(Vertx vertx) {
    JsonObject created = api.createSession("Đối thoại phường Bến Nghé", "pre", true);
    String id = created.getString("id");
    try (WsClient mod = Moderation.join(vertx, node.port(), id, created.getString("moderatorToken"));
         WsClient alice = Moderation.join(vertx, node.port(), id, null);
         WsClient spammer = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      alice.next("welcome");
      spammer.next("welcome");
      String pending = Moderation.asked(alice, PENDING);
      String spam = ok(spammer, Moderation.ask(SPAM).put("author", SPAM_AUTHOR)).getString("questionId");
      String offTopic = Moderation.asked(alice, OFF_TOPIC);
      String withheld = Moderation.asked(alice, WITHHELD);
      String edited = Moderation.asked(alice, EDITED_ORIGINAL);
      String ordinary = Moderation.asked(alice, ORDINARY);
      ok(mod, reject(spam, SPAM_REASON, "spam"));
      ok(mod, ban(spam));
      ok(mod, reject(offTopic, OFF_TOPIC_REASON, "off_topic"));
      ok(mod, approve(withheld));
      ok(mod, approve(edited));
      ok(mod, edit(edited, EDITED));
      ok(mod, approve(ordinary));
      ok(mod, answer(ordinary, ANSWER));
      ok(mod, Moderation.session("close"));
      ok(mod, withhold(withheld, "personal_data", WITHHELD_REASON));
      return new Session(id, Map.of("pending", pending, "spam", spam, "offTopic", offTopic, "withheld", withheld,
          "edited", edited, "ordinary", ordinary));
    }
  }

  /** The CSV's rows by question id (the header left out). */
  private static Map<String, List<String>> csvRows(String csv) {
    List<List<String>> rows = Csv.recordQuestions(csv.substring(1));
    assertEquals(RecordCsv.columns(townhall.domain.Language.VI), rows.get(0));
    Map<String, List<String>> byId = new java.util.HashMap<>();
    rows.subList(1, rows.size()).forEach(row -> byId.put(row.get(0), row));
    return byId;
  }

  private static int col(String name) {
    return RecordCsv.COLUMN_KEYS.indexOf(name);
  }

  private static JsonObject question(JsonObject record, String id) {
    for (Object q : record.getJsonArray("questions")) {
      if (id.equals(((JsonObject) q).getString("id"))) {
        return (JsonObject) q;
      }
    }
    throw new AssertionError("no question " + id);
  }

  @Test
  void thePublicRecordShowsExactlyTheTextsItShouldAndBothCopiesVerifyToOneHash(Vertx vertx) {
    Session s = run(vertx);
    String record = "/api/sessions/" + s.id() + "/record";

    Api.Reply preview = api.get(record + "/preview", TestNodes.ADMIN_TOKEN);
    assertEquals(200, preview.status(), preview.body());
    assertEquals(new JsonObject().put("personal_data", 1).put("spam", 1), preview.json().getJsonObject("withheld"));
    assertEquals(3, preview.json().getInteger("textsNotShown"), "pending, spam, withheld");
    assertEquals(2, preview.json().getInteger("privateReasons"), "the spam rejection's and the withholding's");
    assertFalse(preview.json().getBoolean("published"));
    assertEquals(401, api.post("/api/sessions/" + s.id() + "/publish", "", null).status());
    assertEquals(200, api.post("/api/sessions/" + s.id() + "/publish", "", TestNodes.ADMIN_TOKEN).status());

    Api.Reply publicReply = api.get(record);
    assertEquals(200, publicReply.status(), publicReply.body());
    JsonObject pub = publicReply.json();
    assertEquals("public", pub.getString("view"));
    JsonObject previewed = preview.json().getJsonObject("record");
    assertEquals(previewed.getJsonArray("questions"), pub.getJsonArray("questions"),
        "the preview shows exactly what is published");

    assertEquals(6, pub.getJsonObject("totals").getInteger("questions"), "every question is counted");
    assertEquals(1, pub.getJsonObject("totals").getInteger("notReviewed"));
    assertEquals(2, pub.getJsonObject("totals").getInteger("rejected"));
    assertEquals(2, pub.getJsonObject("totals").getInteger("withheld"));
    assertEquals(1, pub.getJsonObject("totals").getInteger("bans"));

    JsonObject pending = question(pub, s.q().get("pending"));
    assertEquals("not_reviewed", pending.getString("fate"));
    assertNull(pending.getValue("text"));
    assertNull(pending.getValue("withheld"));
    JsonObject spam = question(pub, s.q().get("spam"));
    assertEquals("rejected", spam.getString("fate"));
    assertNull(spam.getValue("text"));
    assertNull(spam.getValue("author"));
    assertNull(spam.getValue("rejectionReason"));
    assertEquals("spam", spam.getString("rejectionCategory"));
    assertEquals(new JsonObject().put("category", "spam"), spam.getJsonObject("withheld"));
    assertEquals("reject", spam.getJsonArray("steps").getJsonObject(0).getString("action"));
    assertEquals(1, spam.getJsonArray("steps").size(), "the ban is counted, not shown under the question");
    JsonObject offTopic = question(pub, s.q().get("offTopic"));
    assertEquals(OFF_TOPIC, offTopic.getString("text"));
    assertEquals(OFF_TOPIC_REASON, offTopic.getString("rejectionReason"));
    assertNull(offTopic.getValue("withheld"));
    JsonObject withheld = question(pub, s.q().get("withheld"));
    assertEquals("open", withheld.getString("fate"));
    assertNull(withheld.getValue("text"));
    assertEquals(new JsonObject().put("category", "personal_data"), withheld.getJsonObject("withheld"));
    JsonObject edited = question(pub, s.q().get("edited"));
    assertEquals(EDITED, edited.getString("text"));
    assertNull(edited.getValue("originalText"), "the wording an edit replaced stays private unless published");
    JsonObject ordinary = question(pub, s.q().get("ordinary"));
    assertEquals(ORDINARY, ordinary.getString("text"));
    assertEquals(ANSWER, ordinary.getJsonObject("answer").getString("text"));

    String csv = api.get(record + "?format=csv").body();
    // whole phrases only: a four-digit fragment such as "0903" can turn up in a timestamp or a hash by chance
    List<String> secrets = List.of(PENDING, SPAM, SPAM_AUTHOR, SPAM_REASON, WITHHELD, WITHHELD_REASON,
        EDITED_ORIGINAL, "vay-nhanh", "0903 123 456");
    for (String secret : secrets) {
      assertFalse(publicReply.body().contains(secret), () -> "public JSON shows " + secret);
      assertFalse(csv.contains(secret), () -> "public CSV shows " + secret);
    }
    for (Object link : pub.getJsonObject("chain").getJsonArray("links")) {
      String entry = ((JsonObject) link).getString("entry");
      secrets.forEach(secret -> assertFalse(entry.contains(secret), () -> "a chain entry shows " + secret));
      if (entry.contains("\"action\":\"ban\"")) {
        assertFalse(new JsonObject(entry).containsKey("q"), () -> "a ban says whose question: " + entry);
      }
    }
    assertTrue(csv.contains(OFF_TOPIC) && csv.contains(ORDINARY) && csv.contains(EDITED));

    // the CSV says why a text is missing: the rejection's category and the withholding's, in words
    Map<String, List<String>> rows = csvRows(csv);
    assertEquals("quảng cáo, rác", rows.get(s.q().get("spam")).get(col("rejectionCategory")));
    assertEquals("quảng cáo, rác", rows.get(s.q().get("spam")).get(col("withheld")));
    assertEquals("", rows.get(s.q().get("spam")).get(col("text")));
    assertEquals("", rows.get(s.q().get("spam")).get(col("rejectionReason")), "a spam rejection's reason is private");
    assertEquals("lạc đề", rows.get(s.q().get("offTopic")).get(col("rejectionCategory")));
    assertEquals("", rows.get(s.q().get("offTopic")).get(col("withheld")));
    assertEquals(OFF_TOPIC_REASON, rows.get(s.q().get("offTopic")).get(col("rejectionReason")));
    assertEquals("thông tin cá nhân", rows.get(s.q().get("withheld")).get(col("withheld")));
    assertEquals("", rows.get(s.q().get("withheld")).get(col("rejectionCategory")));
    assertEquals("", rows.get(s.q().get("ordinary")).get(col("withheld")));
    assertEquals("", rows.get(s.q().get("pending")).get(col("withheld")), "never reviewed is not withheld");
    assertEquals("", rows.get(s.q().get("pending")).get(col("text")));
    Map<String, List<String>> fullRows = csvRows(api.get(record + "?format=csv", TestNodes.ADMIN_TOKEN).body());
    assertEquals(SPAM, fullRows.get(s.q().get("spam")).get(col("text")), "the organizer's CSV has every text");
    assertEquals("thông tin cá nhân", fullRows.get(s.q().get("withheld")).get(col("withheld")));
    assertEquals(WITHHELD, fullRows.get(s.q().get("withheld")).get(col("text")));

    JsonObject full = api.get(record, TestNodes.ADMIN_TOKEN).json();
    assertEquals("full", full.getString("view"));
    assertEquals(PENDING, question(full, s.q().get("pending")).getString("text"));
    assertEquals(SPAM, question(full, s.q().get("spam")).getString("text"));
    assertEquals(SPAM_AUTHOR, question(full, s.q().get("spam")).getString("author"));
    assertEquals(SPAM_REASON, question(full, s.q().get("spam")).getString("rejectionReason"));
    assertEquals(WITHHELD, question(full, s.q().get("withheld")).getString("text"));
    assertEquals(EDITED_ORIGINAL, question(full, s.q().get("edited")).getString("originalText"));
    assertEquals(2, question(full, s.q().get("spam")).getJsonArray("steps").size(), "the full record says whose");

    RecordVerifier.Result publicCheck = RecordVerifier.verify(pub);
    RecordVerifier.Result fullCheck = RecordVerifier.verify(full);
    assertTrue(publicCheck.intact(), () -> "public: " + publicCheck.problems());
    assertTrue(fullCheck.intact(), () -> "full: " + fullCheck.problems());
    assertEquals(fullCheck.finalHash(), publicCheck.finalHash());
    assertEquals(pub.getJsonObject("chain").getString("finalHash"), full.getJsonObject("chain").getString("finalHash"));
  }

  /**
   * Every category of {@code reject}, as docs/record.md's table says: abusive, spam and personal data leave the text
   * and author out with {@code withheld}; off topic and duplicate show the text and the reason; other shows the text
   * and keeps the reason private; a rejection without a category is {@code other}.
   */
  @Test
  void everyRejectionCategoryShowsItsTextAndReasonAsTheTableSays(Vertx vertx) {
    JsonObject created = api.createSession("Phiên phân loại câu hỏi bị từ chối", "pre", true);
    String id = created.getString("id");
    Map<String, String> byCategory = new java.util.LinkedHashMap<>();
    try (WsClient mod = Moderation.join(vertx, node.port(), id, created.getString("moderatorToken"));
         WsClient alice = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      alice.next("welcome");
      for (String category : List.of("off_topic", "duplicate", "abusive", "spam", "personal_data", "other", "")) {
        String label = category.isEmpty() ? "none" : category;
        String q = ok(alice, Moderation.ask("Câu hỏi loại " + label + " số " + byCategory.size())
            .put("author", "Người hỏi " + label)).getString("questionId");
        ok(mod, category.isEmpty() ? reject(q, "Lý do riêng " + label) : reject(q, "Lý do riêng " + label, category));
        byCategory.put(category, q);
      }
      ok(mod, Moderation.session("close"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    Api.Reply reply = api.get("/api/sessions/" + id + "/record");
    JsonObject pub = reply.json();
    int n = 0;
    for (Map.Entry<String, String> e : byCategory.entrySet()) {
      String category = e.getKey().isEmpty() ? "other" : e.getKey();
      String label = e.getKey().isEmpty() ? "none" : e.getKey();
      JsonObject q = question(pub, e.getValue());
      String text = "Câu hỏi loại " + label + " số " + n++;
      assertEquals("rejected", q.getString("fate"));
      assertEquals(category, q.getString("rejectionCategory"));
      boolean hidden = List.of("abusive", "spam", "personal_data").contains(category);
      boolean reasonPublic = List.of("off_topic", "duplicate").contains(category);
      assertEquals(hidden ? null : text, q.getValue("text"), category);
      assertEquals(hidden ? null : "Người hỏi " + label, q.getValue("author"), category);
      assertEquals(hidden ? new JsonObject().put("category", category) : null, q.getValue("withheld"), category);
      assertEquals(reasonPublic ? "Lý do riêng " + label : null, q.getValue("rejectionReason"), category);
      if (hidden) {
        assertFalse(reply.body().contains(text), () -> category + " text in the public JSON");
      }
      if (!reasonPublic) {
        assertFalse(reply.body().contains("Lý do riêng " + label + "\""), () -> category + " reason shown");
      }
    }
    assertEquals(3, pub.getJsonObject("totals").getInteger("withheld"));
    JsonObject full = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    assertEquals("Lý do riêng spam", question(full, byCategory.get("spam")).getString("rejectionReason"));
    RecordVerifier.Result publicCheck = RecordVerifier.verify(pub);
    RecordVerifier.Result fullCheck = RecordVerifier.verify(full);
    assertTrue(publicCheck.intact() && fullCheck.intact(), () -> publicCheck.problems() + " " + fullCheck.problems());
    assertEquals(fullCheck.finalHash(), publicCheck.finalHash());
  }

  @Test
  void aRevealedValueThatIsNotTheSealedOneIsRefusedAndAHiddenOneCannotBeClaimed(Vertx vertx) {
    Session s = run(vertx);
    api.post("/api/sessions/" + s.id() + "/publish", "", TestNodes.ADMIN_TOKEN);
    JsonObject pub = api.get("/api/sessions/" + s.id() + "/record").json();

    JsonObject forged = pub.copy();
    JsonArray links = forged.getJsonObject("chain").getJsonArray("links");
    JsonObject ordinaryQuestion = question(forged, s.q().get("ordinary"));
    for (Object item : links) {
      JsonObject link = (JsonObject) item;
      JsonObject secrets = link.getJsonObject("private");
      if (secrets != null && secrets.getJsonObject("text") != null
          && ORDINARY.equals(secrets.getJsonObject("text").getString("value"))) {
        secrets.getJsonObject("text").put("value", "Khi nào sửa xong đường Hai Bà Trưng?");
      }
    }
    ordinaryQuestion.put("text", "Khi nào sửa xong đường Hai Bà Trưng?");
    RecordVerifier.Result result = RecordVerifier.verify(forged);
    assertFalse(result.intact());
    assertTrue(result.problems().toString().contains("not the sealed one"), () -> result.problems().toString());

    JsonObject claimed = pub.copy();
    question(claimed, s.q().get("pending")).put("text", "Một câu hỏi khác");
    assertFalse(RecordVerifier.verify(claimed).intact(), "a text the chain does not reveal is refused");
  }

  @Test
  void theOrganizerWithdrawsThePublicationWithAReasonThatStaysInTheRecord(Vertx vertx) {
    Session s = run(vertx);
    String base = "/api/sessions/" + s.id();
    assertEquals(409, api.post(base + "/unpublish", new JsonObject().put("reason", "x").encode(),
        TestNodes.ADMIN_TOKEN).status(), "nothing to withdraw yet");
    assertEquals(200, api.post(base + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    String moderatorToken = api.post(base + "/moderator-token", "", TestNodes.ADMIN_TOKEN).json()
        .getString("moderatorToken");
    assertEquals(401, api.post(base + "/unpublish", new JsonObject().put("reason", "x").encode(), moderatorToken)
        .status(), "a moderator cannot withdraw");
    assertEquals(400, api.post(base + "/unpublish", "{}", TestNodes.ADMIN_TOKEN).status());
    assertEquals(400, api.post(base + "/unpublish", new JsonObject().put("reason", "  ").encode(),
        TestNodes.ADMIN_TOKEN).status());

    String reason = "Còn thông tin cá nhân cần rà soát";
    Api.Reply withdrawn = api.post(base + "/unpublish", new JsonObject().put("reason", reason).encode(),
        TestNodes.ADMIN_TOKEN);
    assertEquals(200, withdrawn.status(), withdrawn.body());
    assertEquals(401, api.get(base + "/record").status(), "no longer public");
    JsonObject full = api.get(base + "/record", TestNodes.ADMIN_TOKEN).json();
    assertNull(full.getJsonObject("session").getValue("publishedAt"));
    JsonArray withdrawals = full.getJsonObject("session").getJsonArray("withdrawals");
    assertEquals(1, withdrawals.size());
    assertEquals(reason, withdrawals.getJsonObject(0).getString("reason"));
    assertEquals(0, withdrawals.getJsonObject(0).getInteger("by"));

    assertEquals(200, api.post(base + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    JsonObject again = api.get(base + "/record").json();
    assertNotNull(again.getJsonObject("session").getValue("publishedAt"));
    assertEquals(reason, again.getJsonObject("session").getJsonArray("withdrawals").getJsonObject(0)
        .getString("reason"), "the withdrawal stays in the record");
    assertTrue(RecordVerifier.verify(again).intact());
  }
}

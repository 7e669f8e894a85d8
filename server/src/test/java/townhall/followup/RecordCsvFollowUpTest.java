package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import townhall.domain.Language;
import townhall.record.RecordCsv;
import townhall.testing.Api;
import townhall.testing.Csv;
import townhall.testing.HomeTestBase;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The record's CSV carries each question's follow-up (latest step, agency, due date, when answered in writing,
 * satisfaction) in the session's language, and an archived record's CSV (both copies) is written again when a step
 * is appended to its archived chain: the step shows, and every other cell stays as the record built from the chain
 * had it.
 */
class RecordCsvFollowUpTest extends HomeTestBase {
  private static final Set<String> FOLLOW_UP_COLUMNS = Set.of("followUpStep", "followUpAgency", "followUpDue",
      "followUpAnsweredAt", "satisfied", "notSatisfied");

  private String session(Vertx vertx, String locale) {
    JsonObject created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại " + locale)
        .put("organization", "ward-a").put("moderation", "post").put("locale", locale).encode(),
        TestNodes.ADMIN_TOKEN).json();
    String id = created.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello())) {
      resident.next("welcome");
      resident.act(Msg.ask("Khi nào nạo vét kênh?"));
      resident.act(Msg.ask("=1+1 đèn đường hỏng, ở hẻm 12"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/questions/1/follow-up", new JsonObject()
        .put("step", "referred").put("agency", "tnmt-a").put("due", "2027-02-01").encode(), TestNodes.ADMIN_TOKEN)
        .status());
    assertEquals(200, api.post("/api/sessions/" + id + "/status", "{\"status\":\"closed\"}", TestNodes.ADMIN_TOKEN)
        .status());
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    return id;
  }

  private List<List<String>> csv(String id, String bearer) {
    Api.Reply reply = bearer == null ? api.get("/api/sessions/" + id + "/record?format=csv")
        : api.get("/api/sessions/" + id + "/record?format=csv", bearer);
    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.body().startsWith(RecordCsv.BOM));
    return Csv.recordQuestions(reply.body().substring(1));
  }

  private static String cell(List<List<String>> rows, String questionId, String column) {
    return rows.stream().filter(r -> r.get(0).equals(questionId)).findFirst().orElseThrow()
        .get(RecordCsv.COLUMN_KEYS.indexOf(column));
  }

  @Test
  void theCsvShowsTheFollowUpAndAnArchivedAppendRewritesBothCopies(Vertx vertx) {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    String id = session(vertx, "vi");

    List<List<String>> live = csv(id, null);
    assertEquals(RecordCsv.columns(Language.VI), live.get(0));
    assertEquals("chuyển cơ quan", cell(live, "1", "followUpStep"));
    assertEquals("tnmt-a", cell(live, "1", "followUpAgency"));
    assertEquals("2027-02-01", cell(live, "1", "followUpDue"));
    assertEquals("", cell(live, "1", "followUpAnsweredAt"));
    assertEquals("0", cell(live, "1", "satisfied"));
    assertEquals("0", cell(live, "1", "notSatisfied"));
    assertEquals("", cell(live, "2", "followUpStep"), "a question without follow-up has none");
    List<List<String>> liveFull = csv(id, TestNodes.ADMIN_TOKEN);

    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    Api.Reply answered = api.post("/api/sessions/" + id + "/questions/1/answer",
        new JsonObject().put("text", "Sẽ nạo vét trong quý I.").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(200, answered.status(), answered.body());

    for (boolean full : new boolean[] {false, true}) {
      List<List<String>> before = full ? liveFull : live;
      List<List<String>> after = csv(id, full ? TestNodes.ADMIN_TOKEN : null);
      String copy = full ? "full copy" : "public copy";
      assertEquals("đã trả lời bằng văn bản", cell(after, "1", "followUpStep"), copy);
      assertEquals("tnmt-a", cell(after, "1", "followUpAgency"), copy);
      assertEquals("2027-02-01", cell(after, "1", "followUpDue"), copy);
      assertTrue(cell(after, "1", "followUpAnsweredAt").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+07:00"),
          copy + ": " + cell(after, "1", "followUpAnsweredAt"));
      assertEquals("Sẽ nạo vét trong quý I.", cell(after, "1", "answer"), copy);
      assertEquals(before.size(), after.size());
      assertEquals(before.get(0), after.get(0));
      for (int r = 1; r < before.size(); r++) {
        for (int c = 0; c < RecordCsv.COLUMN_KEYS.size(); c++) {
          String column = RecordCsv.COLUMN_KEYS.get(c);
          boolean changed = before.get(r).get(0).equals("1")
              && (FOLLOW_UP_COLUMNS.contains(column) || column.equals("answer"));
          if (!changed) {
            assertEquals(before.get(r).get(c), after.get(r).get(c), copy + ", row " + r + ", " + column);
          }
        }
      }
      assertEquals("'=1+1 đèn đường hỏng, ở hẻm 12", cell(after, "2", "text"), "still defused against formulas");
      assertNotEquals(before, after);
    }
  }

  @Test
  void anEnglishSessionsCsvNamesTheFollowUpInEnglish(Vertx vertx) {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    String id = session(vertx, "en");
    List<List<String>> rows = csv(id, null);
    assertEquals(RecordCsv.columns(Language.EN), rows.get(0));
    assertTrue(rows.get(0).containsAll(List.of("Latest follow-up step", "Agency", "Due", "Answered in writing at",
        "Satisfied", "Not satisfied")));
    assertEquals("referred to an agency", cell(rows, "1", "followUpStep"));
  }
}

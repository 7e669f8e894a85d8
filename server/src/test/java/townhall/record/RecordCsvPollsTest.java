package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Polls.action;
import static townhall.testing.Polls.choose;
import static townhall.testing.Polls.create;
import static townhall.testing.Polls.rate;
import static townhall.testing.Polls.write;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import townhall.domain.Language;
import townhall.testing.Api;
import townhall.testing.Csv;
import townhall.testing.DebianPackages;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.Polls;
import townhall.testing.TestNodes;
import townhall.testing.Xlsx;
import townhall.testing.WsClient;

/**
 * The record's CSV carries the polls after the questions: an empty line, the poll part's header in the session's
 * language, a row per option (a rating's 1 to 5, a text poll's answers shown) with the poll's question, kind, times,
 * final counts and how many answered; a record without polls has no poll part; LibreOffice opens the file whole.
 */
class RecordCsvPollsTest extends NodeTestBase {
  private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+07:00";

  private static String ok(WsClient ws, JsonObject message) {
    JsonObject answer = ws.actKeeping(message);
    assertEquals("ack", answer.getString("type"), () -> "refused: " + message + " -> " + answer);
    return answer.getString("poll");
  }

  /** A closed session with a question and four polls answered by two residents (one text answer hidden). */
  private String session(Vertx vertx, String locale) {
    JsonObject created = api.post("/api/sessions", new JsonObject().put("title", "Thăm dò " + locale)
        .put("moderation", "post").put("anonymous", true).put("locale", locale).encode(), TestNodes.ADMIN_TOKEN)
        .json();
    String id = created.getString("id");
    try (WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(created.getString("moderatorToken")));
         WsClient a = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient b = WsClient.join(vertx, node.port(), id, Msg.hello())) {
      moderator.next("welcome");
      a.next("welcome");
      b.next("welcome");
      assertEquals("ack", a.act(Msg.ask("Khi nào sửa đèn đường?")).getString("type"));
      String single = ok(moderator, create("single", "Làm dự án nào trước?", List.of("Công viên", "Đường, hẻm 5",
          "=Chợ"), null, false));
      String multiple = ok(moderator, create("multiple", "Cần cải thiện gì?", List.of("Cây xanh", "Đèn", "Vỉa hè"),
          2, true));
      String rating = ok(moderator, create("rating", "Buổi đối thoại thế nào?", null, null, false));
      String text = ok(moderator, create("text", "Một từ về khu phố?", null, null, false));
      ok(moderator, create("single", "Bản nháp chưa mở", List.of("Có", "Không"), null, false));
      for (String poll : List.of(single, multiple, rating, text)) {
        ok(moderator, action("open", poll));
      }
      ok(a, choose(single, 1));
      ok(b, choose(single, 2));
      ok(a, choose(multiple, 0, 2));
      ok(b, choose(multiple, 2));
      ok(a, rate(rating, 5));
      ok(b, rate(rating, 4));
      ok(a, write(text, "cây xanh"));
      ok(b, write(text, "ồn ào"));
      JsonObject results = moderator.next(f -> {
        JsonObject r = Polls.resultsIn(f, text);
        return r != null && r.getJsonArray("texts").size() == 2;
      }, "both texts");
      int noisy = Polls.resultsIn(results, text).getJsonArray("texts").stream().map(t -> (JsonObject) t)
          .filter(t -> t.getString("text").equals("ồn ào")).findFirst().orElseThrow().getInteger("n");
      ok(moderator, Polls.hide(text, noisy));
      ok(moderator, action("close", single)); // the others close with the session
      assertEquals("ack", moderator.act(new JsonObject().put("type", "session").put("action", "close"))
          .getString("type"));
    }
    return id;
  }

  private String csvText(String id) {
    Api.Reply reply = api.get("/api/sessions/" + id + "/record?format=csv", TestNodes.ADMIN_TOKEN);
    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.body().startsWith(RecordCsv.BOM));
    return reply.body();
  }

  /**
   * The poll part, its header first: the rows after the empty line and the title line that open it, up to the next
   * empty line (the record's other tables may follow).
   */
  private static List<List<String>> pollPart(List<List<String>> rows, Language language) {
    int title = rows.indexOf(List.of(PollCsv.title(language)));
    assertTrue(title > 1 && rows.get(title - 1).equals(List.of("")),
        "an empty line and the title open the poll part: " + rows);
    int end = title + 1;
    while (end < rows.size() && !rows.get(end).equals(List.of(""))) {
      end++;
    }
    return rows.subList(title + 1, end);
  }

  private static List<List<String>> rowsOf(List<List<String>> part, String poll) {
    return part.subList(1, part.size()).stream().filter(r -> r.get(0).equals(poll)).toList();
  }

  private static String cell(List<String> row, String column) {
    return row.get(PollCsv.COLUMN_KEYS.indexOf(column));
  }

  @Test
  void theCsvListsEveryPollOpenedWithItsFinalCountsAfterTheQuestions(Vertx vertx) {
    String id = session(vertx, "vi");
    List<List<String>> rows = Csv.parse(csvText(id).substring(1));
    assertEquals(RecordCsv.columns(Language.VI), rows.get(0), "the questions come first, as before");
    assertEquals("1", rows.get(1).get(0));
    List<List<String>> part = pollPart(rows, Language.VI);
    assertEquals(PollCsv.columns(Language.VI), part.get(0));
    assertTrue(part.get(0).containsAll(List.of("Câu hỏi thăm dò", "Phương án", "Số lượt chọn")), part.get(0)::toString);

    List<List<String>> single = rowsOf(part, "1");
    assertEquals(List.of("Công viên", "Đường, hẻm 5", "'=Chợ"), single.stream().map(r -> cell(r, "option")).toList(),
        "an option that looks like a formula is defused");
    assertEquals(List.of("0", "1", "1"), single.stream().map(r -> cell(r, "count")).toList());
    for (List<String> r : single) {
      assertEquals("Làm dự án nào trước?", cell(r, "question"));
      assertEquals("Chọn một", cell(r, "kind"));
      assertEquals("2", cell(r, "answers"));
      assertTrue(cell(r, "openedAt").matches(TIME) && cell(r, "closedAt").matches(TIME), r::toString);
    }
    List<List<String>> multiple = rowsOf(part, "2");
    assertEquals(List.of("1", "0", "2"), multiple.stream().map(r -> cell(r, "count")).toList(),
        "a hidden poll closed with the session has its final counts");
    assertEquals("Chọn nhiều (tối đa 2)", cell(multiple.get(0), "kind"));
    List<List<String>> rating = rowsOf(part, "3");
    assertEquals(List.of("1", "2", "3", "4", "5"), rating.stream().map(r -> cell(r, "option")).toList());
    assertEquals(List.of("0", "0", "0", "1", "1"), rating.stream().map(r -> cell(r, "count")).toList());
    List<List<String>> text = rowsOf(part, "4");
    assertEquals(List.of("cây xanh"), text.stream().map(r -> cell(r, "text")).toList(),
        "the text answers shown, not the hidden one");
    assertEquals("1", cell(text.get(0), "hiddenAnswers"));
    assertEquals("2", cell(text.get(0), "answers"));
    assertEquals(List.of(), rowsOf(part, "5"), "a draft is not in the record");
    assertEquals(1 + 3 + 3 + 5 + 1, part.size(), "the header and a row per option, rating and text shown");
  }

  @Test
  void anEnglishSessionsPollPartIsInEnglishAndARecordWithoutPollsHasNone(Vertx vertx) {
    String id = session(vertx, "en");
    List<List<String>> part = pollPart(Csv.parse(csvText(id).substring(1)), Language.EN);
    assertEquals(PollCsv.columns(Language.EN), part.get(0));
    assertTrue(part.get(0).containsAll(List.of("Poll question", "Option", "Count", "Answer shown")));
    assertEquals("Multiple choice (up to 2)", cell(rowsOf(part, "2").get(0), "kind"));
    assertEquals("Rating 1–5", cell(rowsOf(part, "3").get(0), "kind"));

    String plain = api.createSession("Không thăm dò", "post", true).getString("id");
    List<List<String>> rows = Csv.parse(csvText(plain).substring(1));
    assertFalse(rows.contains(List.of(PollCsv.title(Language.VI))), "no poll part without polls");
    assertFalse(rows.contains(PollCsv.columns(Language.VI)));
  }

  /** LibreOffice opens the CSV with both parts as one sheet: every non-empty row as the file has it, no formula. */
  @Test
  void libreOfficeOpensTheCsvWithItsPollPart(Vertx vertx, @TempDir Path dir) throws IOException, InterruptedException {
    Path soffice = Path.of("/usr/bin/soffice");
    DebianPackages.assumeInstalled(soffice, "libreoffice-calc-nogui", "Opening the CSV in LibreOffice");
    String csv = csvText(session(vertx, "vi"));
    Path file = dir.resolve("record.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder(soffice.toString(), "--headless", "--norestore",
        "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--infilter=CSV:44,34,76,1", "--convert-to",
        "xlsx", "--outdir", dir.toString(), file.toString()).redirectErrorStream(true).start();
    assertTrue(process.waitFor(150, TimeUnit.SECONDS), "LibreOffice converted within 150 s");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Path xlsx = dir.resolve("record.xlsx");
    assertTrue(Files.exists(xlsx), () -> "no xlsx: " + output);

    // the rows with cells, in order (an empty line is an empty row, or none, as the sheet reader goes)
    List<List<String>> expected = Csv.parse(csv.substring(1)).stream().filter(r -> !r.equals(List.of(""))).toList();
    List<Map<String, String>> sheet = Xlsx.firstSheet(xlsx).stream().filter(r -> !r.isEmpty()).toList();
    assertEquals(expected.size(), sheet.size(), "the same rows: no cell's line break became a row");
    assertFalse(Xlsx.hasFormula(xlsx), "no text became a formula");
    List<String> differences = new ArrayList<>();
    List<List<String>> polls = pollPart(Csv.parse(csv.substring(1)), Language.VI);
    int first = expected.indexOf(PollCsv.columns(Language.VI));
    assertEquals(PollCsv.title(Language.VI), sheet.get(first - 1).get("A"), "the part's title in the sheet");
    for (int r = 0; r < polls.size(); r++) {
      for (String column : List.of("question", "kind", "option", "text")) {
        int c = PollCsv.COLUMN_KEYS.indexOf(column);
        String want = polls.get(r).get(c);
        String got = sheet.get(first + r).getOrDefault(String.valueOf((char) ('A' + c)), "");
        if (!want.equals(got) && !("'" + got).equals(want)) {
          differences.add("poll row " + r + " " + column + ": expected [" + want + "] got [" + got + "]");
        }
      }
    }
    assertEquals(List.of(), differences);
  }
}

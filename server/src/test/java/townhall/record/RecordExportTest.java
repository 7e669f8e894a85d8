package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.RecordScenario.ALICE;
import static townhall.testing.RecordScenario.CAROL;
import static townhall.testing.RecordScenario.DAVE;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import townhall.domain.Language;
import townhall.testing.Api;
import townhall.testing.Csv;
import townhall.testing.DebianPackages;
import townhall.testing.Moderation;
import townhall.testing.NodeTestBase;
import townhall.testing.RecordScenario;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;
import townhall.testing.Xlsx;

/**
 * A session run through every moderation action exports a record that shows each question's fate exactly, as JSON
 * and as CSV (which parses back, and which LibreOffice reads with its Vietnamese text and its multi-line and
 * quoted cells intact), and whose chain the verifier finds intact, and not intact once any byte of any entry
 * changes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RecordExportTest extends NodeTestBase {

  private RecordScenario.Result scenario(Vertx vertx) {
    return RecordScenario.run(vertx, api, node.port());
  }

  private JsonObject record(String sessionId, String token) {
    Api.Reply reply = api.get("/api/sessions/" + sessionId + "/record", token);
    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return reply.json();
  }

  private static JsonObject question(JsonObject record, String id) {
    for (Object q : record.getJsonArray("questions")) {
      if (((JsonObject) q).getString("id").equals(id)) {
        return (JsonObject) q;
      }
    }
    throw new AssertionError("No question " + id + " in the record");
  }

  /** "action/by" of each step, as "approve/1,edit/1,...". */
  private static String steps(JsonObject question) {
    return question.getJsonArray("steps").stream().map(s -> (JsonObject) s)
        .map(s -> s.getString("action") + "/" + s.getValue("by")).collect(Collectors.joining(","));
  }

  @Test
  void everyModerationActionLeavesEachQuestionWithItsExactFate(Vertx vertx) {
    RecordScenario.Result s = scenario(vertx);
    JsonObject record = record(s.sessionId(), s.moderatorToken());
    assertEquals(RecordJson.FORMAT, record.getString("format"));

    JsonObject session = record.getJsonObject("session");
    assertEquals(s.sessionId(), session.getString("id"));
    assertEquals(RecordScenario.TITLE, session.getString("title"));
    assertEquals("closed", session.getString("status"));
    assertEquals("vi", session.getString("locale"));
    assertNotNull(session.getLong("closedAt"));
    assertNull(session.getValue("publishedAt"));
    assertTrue(record.getBoolean("votesFinal"), "the tally of the close is in the chain");

    JsonObject q1 = question(record, s.q(1));
    assertEquals("answered", q1.getString("fate"));
    assertEquals(RecordScenario.Q1_EDITED, q1.getString("text"));
    assertEquals(RecordScenario.Q1, q1.getString("originalText"), "the text as asked is kept");
    assertEquals(1, q1.getJsonArray("edits").size());
    assertEquals(RecordScenario.Q1_EDITED, q1.getJsonArray("edits").getJsonObject(0).getString("text"));
    assertEquals(ALICE, q1.getString("author"));
    assertEquals(2, q1.getInteger("votes"));
    assertEquals(RecordScenario.Q1_ANSWER, q1.getJsonObject("answer").getString("text"));
    assertEquals("approve/1,edit/1,highlight/1,answer/2,unhighlight/1", steps(q1));
    JsonArray q1Stage = q1.getJsonArray("stage");
    assertEquals(1, q1Stage.size());
    assertTrue(q1Stage.getJsonObject(0).getLong("to") >= q1Stage.getJsonObject(0).getLong("from"));
    assertEquals(q1.getJsonObject("answer").getLong("at"), q1.getLong("answeredAt"));

    JsonObject q2 = question(record, s.q(2));
    assertEquals("open", q2.getString("fate"));
    assertEquals("live", q2.getString("status"));
    assertNull(q2.getValue("author"), "asked anonymously");
    assertEquals(new JsonArray().add(s.q(3)), q2.getJsonArray("mergedFrom"));
    assertEquals(2, q2.getInteger("votes"), "its voter and the merged question's voter, once each");
    assertEquals("approve/2", steps(q2));

    JsonObject q3 = question(record, s.q(3));
    assertEquals("merged", q3.getString("fate"));
    assertEquals("archived", q3.getString("status"));
    assertEquals(s.q(2), q3.getString("mergedInto"));
    assertEquals(CAROL, q3.getString("author"));
    assertEquals("approve/1,merge/1", steps(q3));
    assertEquals(2, q3.getJsonArray("steps").getJsonObject(1).getInteger("votes"));

    JsonObject q4 = question(record, s.q(4));
    assertEquals("rejected", q4.getString("fate"));
    assertEquals(RecordScenario.Q4_REASON, q4.getString("rejectionReason"));
    assertEquals(RecordScenario.Q4, q4.getString("text"), "the JSON keeps the text exactly");
    assertEquals(DAVE, q4.getString("author"));
    assertEquals("reject/2,ban/1", steps(q4));

    JsonObject q5 = question(record, s.q(5));
    assertEquals("archived", q5.getString("fate"));
    assertNull(q5.getValue("mergedInto"));
    assertEquals("approve/1,archive/1,restore/1,archive/2", steps(q5));

    JsonObject q6 = question(record, s.q(6));
    assertEquals("withdrawn", q6.getString("fate"));
    assertEquals("withdraw/null", steps(q6), "withdrawn by its author, who is not named");

    JsonObject q7 = question(record, s.q(7));
    assertEquals("answered", q7.getString("fate"));
    assertNull(q7.getValue("answer"), "answered on stage, without a text");
    assertNotNull(q7.getLong("answeredAt"));
    assertNull(q7.getValue("rejectionReason"), "rejected, then restored");
    assertEquals("approve/2,freeze/1,unfreeze/1,reject/2,restore/1,highlight/2,answer/2", steps(q7));
    assertEquals(RecordScenario.Q7_REASON, q7.getJsonArray("steps").getJsonObject(3).getString("reason"));
    JsonArray q7Stage = q7.getJsonArray("stage");
    assertEquals(1, q7Stage.size());
    assertNull(q7Stage.getJsonObject(0).getValue("to"), "still on stage when the session closed");
    assertEquals(1, q7.getInteger("votes"));

    JsonObject q8 = question(record, s.q(8));
    assertEquals("not_reviewed", q8.getString("fate"), "still pending when the session closed");
    assertEquals("pending", q8.getString("status"));
    assertEquals("", steps(q8));

    JsonObject totals = record.getJsonObject("totals");
    assertEquals(4, totals.getInteger("participants"));
    assertEquals(8, totals.getInteger("questions"));
    assertEquals(2, totals.getInteger("answered"));
    assertEquals(1, totals.getInteger("merged"));
    assertEquals(1, totals.getInteger("rejected"));
    assertEquals(1, totals.getInteger("open"));
    assertEquals(1, totals.getInteger("notReviewed"));
    assertEquals(1, totals.getInteger("bans"));
    assertEquals(1, totals.getInteger("withdrawn"));
    assertEquals(1, totals.getInteger("archived"));
    long a1 = q1.getLong("answeredAt") - q1.getLong("askedAt");
    long a7 = q7.getLong("answeredAt") - q7.getLong("askedAt");
    assertEquals(Math.floorDiv(a1 + a7, 2), totals.getLong("medianTimeToAnswerMs"));

    JsonObject activity = record.getJsonObject("activity");
    assertEquals(4, sum(activity.getJsonArray("joins")), "four residents joined");
    assertEquals(8, sum(activity.getJsonArray("questions")));
    assertEquals(5, sum(activity.getJsonArray("votes")), "standing upvotes, a merged question's counted once");

    String text = record.encode();
    assertFalse(text.contains("\"aid\""), "no participant id field");
    assertFalse(text.matches("(?s).*\\bm-[A-Za-z0-9_-]{16}\\b.*"), "no moderator participant id");
    assertFalse(text.contains("organizer"), "the organizer is number 0, not its id");

    JsonObject chain = record.getJsonObject("chain");
    JsonArray links = chain.getJsonArray("links");
    assertEquals(links.size(), chain.getInteger("length"));
    assertEquals(links.getJsonObject(links.size() - 1).getString("hash"), chain.getString("finalHash"));
    assertTrue(links.getJsonObject(0).getString("entry").contains("\"k\":\"created\""), "the chain starts at creation");
  }

  @Test
  void csvHasABomOneRowPerQuestionAndParsesBack(Vertx vertx) {
    RecordScenario.Result s = scenario(vertx);
    JsonObject record = record(s.sessionId(), s.moderatorToken());
    Api.Reply reply = api.get("/api/sessions/" + s.sessionId() + "/record?format=csv", s.moderatorToken());
    assertEquals(200, reply.status());
    assertTrue(reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(reply.raw().headers().firstValue("Content-Disposition").orElse("").contains(".csv"));
    assertEquals(record.getJsonObject("chain").getString("finalHash"),
        reply.raw().headers().firstValue("X-Townhall-Record-Hash").orElse(null));
    String csv = reply.body();
    assertTrue(csv.startsWith(RecordCsv.BOM), "UTF-8 with a byte order mark");

    List<List<String>> rows = Csv.recordQuestions(csv.substring(1));
    assertEquals(RecordCsv.columns(Language.VI), rows.get(0), "a Vietnamese session's CSV speaks Vietnamese");
    assertEquals("Nội dung", rows.get(0).get(col("text")));
    assertEquals(9, rows.size(), "a header and one row per question");
    Map<String, List<String>> byId = rows.subList(1, rows.size()).stream()
        .collect(Collectors.toMap(r -> r.get(0), r -> r));
    List<String> q1 = byId.get(s.q(1));
    assertEquals(RecordScenario.Q1_EDITED, q1.get(col("text")), "commas and quotes survive");
    assertEquals(RecordScenario.Q1, q1.get(col("originalText")), "a line break survives");
    assertEquals(ALICE, q1.get(col("author")));
    assertEquals(RecordScenario.Q1_ANSWER, q1.get(col("answer")));
    assertEquals("Đã trả lời", q1.get(col("fate")), "the fate in words");
    assertTrue(q1.get(col("askedAt")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+07:00"),
        "local time with its offset: " + q1.get(col("askedAt")));
    assertEquals("2", q1.get(col("votes")));
    assertEquals(5, q1.get(col("steps")).lines().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*")).count(),
        "a line per step (the answer's own line break adds one that is not a step)");
    assertTrue(q1.get(col("steps")).contains(" Người điều hành 1: sửa: " + RecordScenario.Q1_EDITED),
        q1.get(col("steps")));
    assertEquals(CAROL, byId.get(s.q(3)).get(col("author")));
    assertEquals(s.q(2), byId.get(s.q(3)).get(col("mergedInto")));
    assertEquals("'" + RecordScenario.Q4, byId.get(s.q(4)).get(col("text")), "a formula is defused");
    assertEquals(RecordScenario.Q4_REASON, byId.get(s.q(4)).get(col("rejectionReason")));
    assertEquals("Ẩn danh", byId.get(s.q(2)).get(col("author")), "anonymous");
    Map<String, String> fateWords = Map.of("answered", "Đã trả lời", "merged", "Đã gộp", "rejected", "Bị từ chối",
        "open", "Chưa trả lời", "withdrawn", "Người hỏi đã rút", "archived", "Đã lưu trữ",
        "not_reviewed", "Chưa được duyệt trước khi phiên kết thúc");
    for (Object item : record.getJsonArray("questions")) {
      JsonObject q = (JsonObject) item;
      assertEquals(fateWords.get(q.getString("fate")), byId.get(q.getString("id")).get(col("fate")));
    }
  }

  /** Issue 13, item 7: the CSV speaks the session's language; an English session's says it in English. */
  @Test
  void anEnglishSessionsCsvSpeaksEnglish(Vertx vertx) {
    Api.Reply createdReply = api.post("/api/sessions", new JsonObject().put("title", "Town hall with the ward")
        .put("moderation", "post").put("anonymous", true).put("locale", "en").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, createdReply.status(), createdReply.body());
    JsonObject created = createdReply.json();
    String id = created.getString("id");
    String q;
    try (WsClient mod = Moderation.join(vertx, node.port(), id, created.getString("moderatorToken"));
         WsClient alice = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      alice.next("welcome");
      q = Moderation.asked(alice, "When will Le Loi street be repaired?");
      Moderation.ok(mod, Moderation.answer(q, "In December."));
      Moderation.ok(mod, Moderation.session("close"));
    }
    String csv = api.get("/api/sessions/" + id + "/record?format=csv", TestNodes.ADMIN_TOKEN).body();
    List<List<String>> rows = Csv.parse(csv.substring(1));
    assertEquals(RecordCsv.columns(Language.EN), rows.get(0), "an English session's CSV speaks English");
    assertEquals("Question", rows.get(0).get(col("text")));
    List<String> row = rows.get(1);
    assertEquals("Anonymous", row.get(col("author")));
    assertEquals("Answered", row.get(col("fate")));
    assertTrue(row.get(col("askedAt")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+07:00"),
        "local time with its offset: " + row.get(col("askedAt")));
  }

  /**
   * LibreOffice reads the CSV as UTF-8 (named in its import filter: headless LibreOffice 7.4 ignores the byte order
   * mark, which is there for Excel) and converts it to xlsx: every text cell holds what the CSV holds, no cell's
   * line break splits a row, and no text became a formula.
   */
  @Test
  void libreOfficeReadsTheCsvWithItsVietnameseAndItsMultiLineQuotedCells(Vertx vertx, @TempDir Path dir)
      throws IOException, InterruptedException {
    Path soffice = Path.of("/usr/bin/soffice");
    DebianPackages.assumeInstalled(soffice, "libreoffice-calc-nogui", "Opening the CSV in LibreOffice");
    RecordScenario.Result s = scenario(vertx);
    String csv = api.get("/api/sessions/" + s.sessionId() + "/record?format=csv", s.moderatorToken()).body();
    Path file = dir.resolve("record.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);

    Process process = new ProcessBuilder(soffice.toString(), "--headless", "--norestore",
        "-env:UserInstallation=" + dir.resolve("profile").toUri(),
        // CSV filter: fields separated by commas (44), text in double quotes (34), UTF-8 (76), from line 1
        "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir",
        dir.toString(), file.toString()).redirectErrorStream(true).start();
    assertTrue(process.waitFor(150, TimeUnit.SECONDS), "LibreOffice converted within 150 s");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Path xlsx = dir.resolve("record.xlsx");
    assertTrue(Files.exists(xlsx), () -> "no xlsx: " + output);

    List<List<String>> expected = Csv.parse(csv.substring(1));
    List<Map<String, String>> sheet = Xlsx.firstSheet(xlsx);
    assertEquals(expected.size(), sheet.size(), "the same rows: no cell's line break became a row");
    assertFalse(Xlsx.hasFormula(xlsx), "no text became a formula");
    List<String> textColumns = List.of("author", "text", "originalText", "fate", "rejectionReason", "answer",
        "steps");
    List<String> differences = new ArrayList<>();
    int questionRows = Csv.recordQuestions(csv.substring(1)).size();
    for (int r = questionRows; r < expected.size(); r++) {
      // the classified summary's tables after the questions (issue 17): every cell as the CSV has it
      for (int c = 0; c < expected.get(r).size(); c++) {
        String letter = String.valueOf((char) ('A' + c));
        String want = expected.get(r).get(c);
        String got = sheet.get(r).getOrDefault(letter, "");
        if (!want.equals(got)) {
          differences.add("row " + r + " column " + letter + ": expected [" + want + "] got [" + got + "]");
        }
      }
    }
    for (int r = 0; r < questionRows; r++) {
      for (String column : textColumns) {
        String letter = String.valueOf((char) ('A' + col(column)));
        String want = expected.get(r).get(col(column));
        String got = sheet.get(r).getOrDefault(letter, "");
        if (!want.equals(got)) {
          differences.add("row " + r + " " + column + ": expected [" + want + "] got [" + got + "]");
        }
      }
    }
    assertEquals(List.of(), differences);
  }

  @Test
  void verifierPassesOnTheExportAndFailsWhenAnyByteOfAnyEntryChanges(Vertx vertx, @TempDir Path dir)
      throws IOException {
    RecordScenario.Result s = scenario(vertx);
    Api.Reply reply = api.get("/api/sessions/" + s.sessionId() + "/record", TestNodes.ADMIN_TOKEN);
    Path exported = dir.resolve("record.json");
    Files.writeString(exported, reply.body(), StandardCharsets.UTF_8);
    Run intact = verify(exported);
    assertEquals(0, intact.code(), intact.output());
    assertTrue(intact.output().startsWith("CONSISTENT, NOT AUTHENTICATED"), intact.output());
    assertTrue(intact.output().contains(reply.json().getJsonObject("chain").getString("finalHash")));

    JsonObject record = reply.json();
    JsonArray links = record.getJsonObject("chain").getJsonArray("links");
    // created 1, asked 8, withdrawn 1, moderated 21 (q1 5, q2 1, q3 2, q4 2, q5 4, q7 7), stage 3, status 3
    assertEquals(37, links.size(), "a link for every fact of the session");
    for (int i = 0; i < links.size(); i++) {
      JsonObject tampered = record.copy();
      JsonObject link = tampered.getJsonObject("chain").getJsonArray("links").getJsonObject(i);
      link.put("entry", flipOneByte(link.getString("entry"), i));
      Path file = dir.resolve("tampered-" + i + ".json");
      Files.writeString(file, tampered.encode(), StandardCharsets.UTF_8);
      Run run = verify(file);
      assertEquals(1, run.code(), "link " + (i + 1) + " changed: " + run.output());
      assertTrue(run.output().contains("link " + (i + 1)), run.output());
    }
  }

  @Test
  void verifierFailsWhenWhatTheRecordSaysDiffersFromItsChain(Vertx vertx, @TempDir Path dir) throws IOException {
    RecordScenario.Result s = scenario(vertx);
    JsonObject record = record(s.sessionId(), s.moderatorToken());

    JsonObject fate = record.copy();
    question(fate, s.q(4)).put("fate", "answered");
    Run fateRun = verify(write(dir, "fate.json", fate));
    assertEquals(1, fateRun.code(), fateRun.output());
    assertTrue(fateRun.output().contains(".fate"), fateRun.output());

    JsonObject answer = record.copy();
    question(answer, s.q(1)).getJsonObject("answer").put("text", "Không bao giờ xong.");
    assertEquals(1, verify(write(dir, "answer.json", answer)).code());

    JsonObject votes = record.copy();
    question(votes, s.q(2)).put("votes", 200);
    assertEquals(1, verify(write(dir, "votes.json", votes)).code(), "the tally of the close covers the votes");

    JsonObject shortened = record.copy();
    JsonArray links = shortened.getJsonObject("chain").getJsonArray("links");
    links.remove(links.size() - 1);
    assertEquals(1, verify(write(dir, "shortened.json", shortened)).code());

    JsonObject rehashed = record.copy();
    rehashed.getJsonObject("chain").put("finalHash", ChainHash.START);
    assertEquals(1, verify(write(dir, "final-hash.json", rehashed)).code());

    assertEquals(0, verify(write(dir, "same.json", record)).code(), "re-encoding alone changes nothing");
  }

  /** Flips the low bit of one ASCII byte of the entry (the first at or after a position that moves with i). */
  private static String flipOneByte(String entry, int i) {
    byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
    for (int k = 0; k < bytes.length; k++) {
      int at = (i * 7 + k) % bytes.length;
      if (bytes[at] >= 0x20 && bytes[at] < 0x7e) {
        bytes[at] ^= 1;
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no ASCII byte in " + entry);
  }

  private static Path write(Path dir, String name, JsonObject record) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, record.encode(), StandardCharsets.UTF_8);
    return file;
  }

  private record Run(int code, String output) {
  }

  private static Run verify(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = VerifyRecord.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  private static int sum(JsonArray counts) {
    return counts.stream().mapToInt(c -> ((Number) c).intValue()).sum();
  }

  private static int col(String name) {
    return RecordCsv.COLUMN_KEYS.indexOf(name);
  }
}

package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Polls.action;
import static townhall.testing.Polls.awaitResults;
import static townhall.testing.Polls.choose;
import static townhall.testing.Polls.create;
import static townhall.testing.Polls.poll;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import townhall.record.VerifyRecord;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Closing the session closes every poll still open, as a moderator's close does: each poll's logged {@code poll}
 * event with its final results reaches every screen (a hidden poll's results too, now that it is closed), the record
 * has each poll closed with its final counts and verifies, a draft stays a draft (and out of the record), and a
 * repeated close (same ref) closes nothing twice.
 */
class SessionClosePollsTest extends NodeTestBase {

  private static String ok(WsClient ws, JsonObject message) {
    JsonObject answer = ws.actKeeping(message);
    assertEquals("ack", answer.getString("type"), () -> "refused: " + message + " -> " + answer);
    return answer.getString("poll");
  }

  private static JsonObject closedEvent(WsClient ws, String pollId) {
    return ws.nextKeeping(f -> "poll".equals(f.getString("type"))
        && pollId.equals(f.getJsonObject("poll").getString("id"))
        && "closed".equals(f.getJsonObject("poll").getString("status")), "poll " + pollId + " closed");
  }

  @Test
  void closingTheSessionClosesItsOpenPollsWithTheirFinalResultsForEveryone(Vertx vertx, @TempDir Path dir)
      throws IOException {
    JsonObject created = api.createSession("Phiên kết thúc khi thăm dò còn mở", "post", true);
    String id = created.getString("id");
    String shown;
    String hidden;
    String draft;
    try (WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(created.getString("moderatorToken")));
         WsClient a = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient b = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient stage = WsClient.join(vertx, node.port(), id, Msg.hello(created.getString("stageToken")))) {
      moderator.next("welcome");
      a.next("welcome");
      b.next("welcome");
      stage.next("welcome");
      shown = ok(moderator, create("single", "Làm dự án nào trước?", List.of("Công viên", "Đường", "Chợ"), null,
          false));
      hidden = ok(moderator, create("multiple", "Cần cải thiện gì?", List.of("Cây xanh", "Đèn", "Vỉa hè"), 2, true));
      draft = ok(moderator, create("rating", "Chưa bao giờ mở", null, null, false));
      ok(moderator, action("open", shown));
      ok(moderator, action("open", hidden));
      ok(a, choose(shown, 1));
      ok(b, choose(shown, 1));
      ok(a, choose(hidden, 0, 2));
      ok(b, choose(hidden, 2));
      awaitResults(moderator, hidden, List.of(1, 0, 2), 2);
      awaitResults(b, shown, List.of(0, 2, 0), 2);

      JsonObject close = new JsonObject().put("type", "session").put("action", "close").put("ref", "close-once");
      moderator.send(close);
      assertFalse(moderator.answerToKeeping("close-once").getBoolean("duplicate", false));
      moderator.send(close); // the same ref again: nothing is closed twice
      assertTrue(moderator.answerToKeeping("close-once").getBoolean("duplicate", false));

      for (WsClient watcher : List.of(a, b, stage, moderator)) {
        JsonObject frame = closedEvent(watcher, shown);
        assertNotNull(frame.getLong("seq"), "a logged event: " + frame);
        JsonObject one = frame.getJsonObject("poll");
        assertEquals(List.of(0, 2, 0), one.getJsonObject("results").getJsonArray("counts").getList());
        JsonObject two = closedEvent(watcher, hidden).getJsonObject("poll");
        assertNotNull(two.getJsonObject("results"), "a hidden poll's results are shown once it closes");
        assertEquals(List.of(1, 0, 2), two.getJsonObject("results").getJsonArray("counts").getList());
        assertEquals(2, two.getJsonObject("results").getInteger("answers"));
        assertTrue(two.getLong("closedAt") > 0);
      }
      JsonObject welcome = Msg.freshWelcome(vertx, node.port(), id, Msg.hello());
      assertEquals("closed", poll(welcome, shown).getString("status"));
      assertEquals("closed", poll(welcome, hidden).getString("status"));
      assertEquals(List.of(1, 0, 2), poll(welcome, hidden).getJsonObject("results").getJsonArray("counts").getList(),
          "a late joiner sees the final results of the hidden poll");
      assertEquals("draft", poll(Msg.freshWelcome(vertx, node.port(), id, Msg.hello(created.getString(
          "moderatorToken"))), draft).getString("status"), "a draft stays a draft");
    }

    JsonObject record = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    JsonArray polls = record.getJsonArray("polls");
    assertEquals(2, polls.size(), "the two polls opened; the draft is not in the record");
    for (Object p : polls) {
      JsonObject poll = (JsonObject) p;
      assertNotNull(poll.getLong("closedAt"), "closed in the record: " + poll);
      assertEquals(2, poll.getInteger("answers"));
    }
    assertEquals(List.of(0, 2, 0), pollIn(polls, shown).getJsonArray("counts").getList());
    assertEquals(List.of(1, 0, 2), pollIn(polls, hidden).getJsonArray("counts").getList());
    JsonArray links = record.getJsonObject("chain").getJsonArray("links");
    long pollClosedEntries = links.stream()
        .map(l -> new JsonObject(((JsonObject) l).getString("entry")).getString("k"))
        .filter("pollClosed"::equals).count();
    assertEquals(2, pollClosedEntries, "one pollClosed entry per open poll, however often the close was sent");

    Path file = dir.resolve("record.json");
    Files.writeString(file, record.encode(), StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String keys = "http://127.0.0.1:" + node.port() + "/.well-known/townhall-record-keys";
    int code = VerifyRecord.run(new String[] {"--keys", keys, file.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String output = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, output);
    assertTrue(output.startsWith("VERIFIED"), output);
  }

  private static JsonObject pollIn(JsonArray polls, String id) {
    for (Object p : polls) {
      if (id.equals(((JsonObject) p).getString("id"))) {
        return (JsonObject) p;
      }
    }
    throw new AssertionError("no poll " + id + " in " + polls);
  }
}

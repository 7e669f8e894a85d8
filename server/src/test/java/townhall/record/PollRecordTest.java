package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;
import townhall.testing.Polls;

/**
 * Polls in the record: every poll opened, with its options, when it opened and closed, its final results and the
 * text answers not hidden, from the hash chain; VerifyRecord derives them again, and a record whose poll was altered
 * fails it. A draft never opened is not in the record.
 */
class PollRecordTest extends NodeTestBase {

  private static String ok(WsClient ws, JsonObject message) {
    JsonObject answer = ws.act(message);
    assertEquals("ack", answer.getString("type"), () -> message + " -> " + answer);
    return answer.getString("poll");
  }

  @Test
  void pollsAreInTheVerifiedRecordWithTheirFinalResultsAndTheTextsNotHidden(Vertx vertx) {
    JsonObject created = api.createSession("Phiên có thăm dò trong biên bản", "post", true);
    String id = created.getString("id");
    try (WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(created.getString("moderatorToken")));
         WsClient a = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient b = WsClient.join(vertx, node.port(), id, Msg.hello())) {
      moderator.next("welcome");
      a.next("welcome");
      b.next("welcome");
      String choice = ok(moderator, Polls.create("multiple", "Cần cải thiện gì?",
          List.of("Cây xanh", "Đèn", "Vỉa hè"), 2, true));
      String text = ok(moderator, Polls.create("text", "Một từ về khu phố?", null, null, false));
      ok(moderator, Polls.create("rating", "Chưa bao giờ mở", null, null, false));
      ok(moderator, Polls.action("open", choice));
      ok(moderator, Polls.action("open", text));
      ok(a, Polls.choose(choice, 0, 2));
      ok(b, Polls.choose(choice, 2));
      ok(a, Polls.write(text, "cây xanh"));
      ok(b, Polls.write(text, "ồn ào"));
      JsonObject results = moderator.next(f -> {
        JsonObject r = Polls.resultsIn(f, text);
        return r != null && r.getJsonArray("texts").size() == 2;
      }, "both texts");
      int hidden = -1;
      for (Object t : Polls.resultsIn(results, text).getJsonArray("texts")) {
        if ("ồn ào".equals(((JsonObject) t).getString("text"))) {
          hidden = ((JsonObject) t).getInteger("n");
        }
      }
      ok(moderator, new JsonObject().put("type", "poll").put("action", "hide").put("poll", text).put("answer", hidden));
      ok(moderator, Polls.action("close", choice));
      ok(moderator, Polls.action("close", text));
      JsonObject refused = moderator.act(new JsonObject().put("type", "poll").put("action", "hide").put("poll", text)
          .put("answer", 1));
      assertEquals("conflict", refused.getString("code"), "a closed poll's answers are in the record: " + refused);
      assertEquals("ack", moderator.act(new JsonObject().put("type", "session").put("action", "close"))
          .getString("type"));
    }

    JsonObject record = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    JsonArray polls = record.getJsonArray("polls");
    assertNotNull(polls, "the record lists the polls");
    assertEquals(2, polls.size(), "the two polls opened; the draft is not in the record");
    JsonObject choicePoll = polls.getJsonObject(0);
    assertEquals("Cần cải thiện gì?", choicePoll.getString("question"));
    assertEquals(List.of("Cây xanh", "Đèn", "Vỉa hè"), choicePoll.getJsonArray("options").getList());
    assertEquals(List.of(1, 0, 2), choicePoll.getJsonArray("counts").getList());
    assertEquals(2, choicePoll.getInteger("answers"));
    assertTrue(choicePoll.getBoolean("hidden"));
    assertTrue(choicePoll.getLong("closedAt") >= choicePoll.getLong("openedAt"));
    JsonObject textPoll = polls.getJsonObject(1);
    assertEquals(List.of("cây xanh"), textPoll.getJsonArray("texts").stream()
        .map(t -> ((JsonObject) t).getString("text")).toList(), "the hidden answer is not in the record");
    assertEquals(2, textPoll.getInteger("answers"));
    assertEquals(1, textPoll.getInteger("hiddenAnswers"));
    assertEquals(new JsonArray().add(new JsonObject().put("word", "cây xanh").put("count", 1)),
        textPoll.getJsonArray("words"), "the word cloud at the close, without the hidden answer's words");
    assertNull(choicePoll.getValue("words"), "a choice poll has no word cloud");

    RecordVerifier.Result verified = RecordVerifier.verify(record);
    assertTrue(verified.intact(), verified.problems()::toString);

    JsonObject forged = record.copy();
    forged.getJsonArray("polls").getJsonObject(0).put("counts", new JsonArray(List.of(2, 0, 2)));
    RecordVerifier.Result caught = RecordVerifier.verify(forged);
    assertFalse(caught.intact(), "a poll's altered counts fail the verification");
    assertTrue(caught.problems().stream().anyMatch(p -> p.startsWith("polls")), caught.problems()::toString);

    JsonObject wordsForged = record.copy();
    wordsForged.getJsonArray("polls").getJsonObject(1).getJsonArray("words").getJsonObject(0).put("count", 9);
    assertFalse(RecordVerifier.verify(wordsForged).intact(), "an altered word cloud fails the verification");

    JsonObject removed = record.copy();
    removed.remove("polls");
    assertFalse(RecordVerifier.verify(removed).intact(), "a record that leaves its polls out fails");
    assertNull(api.get("/api/sessions/" + api.createSession("Không thăm dò", "post", true).getString("id")
        + "/record", TestNodes.ADMIN_TOKEN).json().getValue("polls"), "a session without polls has no 'polls'");
  }
}

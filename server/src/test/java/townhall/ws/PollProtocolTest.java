package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Polls.action;
import static townhall.testing.Polls.awaitResults;
import static townhall.testing.Polls.choose;
import static townhall.testing.Polls.create;
import static townhall.testing.Polls.poll;
import static townhall.testing.Polls.rate;
import static townhall.testing.Polls.resultsIn;
import static townhall.testing.Polls.isState;
import static townhall.testing.Polls.texts;
import static townhall.testing.Polls.words;
import static townhall.testing.Polls.write;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.Polls;
import townhall.testing.WsClient;

/**
 * Polls over WebSocket: a moderator prepares, opens and closes them; one answer per participant, changeable while
 * open and counted once; a closed poll refuses answers; results hidden until close never reach residents or the
 * stage (events, results frames, welcome, resume); who may do what; bad input refused with a code and no change.
 */
class PollProtocolTest extends NodeTestBase {

  private record Session(String id, String moderatorToken, String stageToken) {
  }

  private Session session() {
    JsonObject created = api.createSession("Phiên có thăm dò", "post", true);
    return new Session(created.getString("id"), created.getString("moderatorToken"),
        created.getString("stageToken"));
  }

  private WsClient join(Vertx vertx, String sessionId, String token) {
    WsClient ws = WsClient.join(vertx, node.port(), sessionId, token == null ? Msg.hello() : Msg.hello(token));
    return ws;
  }

  private static String ok(WsClient ws, JsonObject message) {
    JsonObject answer = ws.actKeeping(message);
    assertEquals("ack", answer.getString("type"), () -> "refused: " + message + " -> " + answer);
    return answer.getString("poll");
  }

  private static void refused(WsClient ws, JsonObject message, String code) {
    JsonObject answer = ws.actKeeping(message);
    assertEquals("error", answer.getString("type"), () -> "not refused: " + message + " -> " + answer);
    assertEquals(code, answer.getString("code"), () -> message + " -> " + answer);
  }

  @Test
  void aChangedAnswerCountsOnceAndARepeatedRefIsNotAppliedTwice(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient a = join(vertx, s.id(), null);
         WsClient b = join(vertx, s.id(), null)) {
      moderator.next("welcome");
      a.next("welcome");
      b.next("welcome");
      String poll = ok(moderator, create("single", "Làm dự án nào trước?", List.of("Công viên", "Đường", "Chợ"),
          null, false));
      assertNotNull(poll);
      ok(moderator, action("open", poll));
      JsonObject opened = a.next(f -> "poll".equals(f.getString("type")), "the poll opened");
      assertEquals("open", opened.getJsonObject("poll").getString("status"));
      assertEquals(List.of("Công viên", "Đường", "Chợ"), opened.getJsonObject("poll").getJsonArray("options").getList());

      ok(a, choose(poll, 0));
      ok(b, choose(poll, 1));
      ok(a, choose(poll, 2)); // a changes their answer: it moves, it is not added
      String ref = "same-ref";
      a.send(choose(poll, 1).put("ref", ref));
      assertFalse(a.answerToKeeping(ref).getBoolean("duplicate", false));
      a.send(choose(poll, 0).put("ref", ref)); // the same ref again, whatever it now says: not applied
      assertTrue(a.answerToKeeping(ref).getBoolean("duplicate", false));

      awaitResults(b, poll, List.of(0, 2, 0), 2);
      awaitResults(moderator, poll, List.of(0, 2, 0), 2);
      JsonObject welcome = Msg.freshWelcome(vertx, node.port(), s.id(), Msg.hello());
      assertEquals(List.of(0, 2, 0), poll(welcome, poll).getJsonObject("results").getJsonArray("counts").getList());
    }
  }

  @Test
  void aClosedPollRefusesAnswersAndKeepsItsFinalCounts(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient resident = join(vertx, s.id(), null)) {
      moderator.next("welcome");
      resident.next("welcome");
      String poll = ok(moderator, create("rating", "Buổi đối thoại hôm nay thế nào?", null, null, false));
      refused(resident, rate(poll, 4), "conflict"); // prepared, not open yet
      ok(moderator, action("open", poll));
      ok(resident, rate(poll, 4));
      ok(moderator, action("close", poll));
      JsonObject closed = resident.next(f -> "poll".equals(f.getString("type"))
          && "closed".equals(f.getJsonObject("poll").getString("status")), "the poll closed");
      assertEquals(List.of(0, 0, 0, 1, 0), closed.getJsonObject("poll").getJsonObject("results")
          .getJsonArray("counts").getList());
      assertNotNull(closed.getJsonObject("poll").getLong("closedAt"));
      refused(resident, rate(poll, 5), "closed");
      try (WsClient late = join(vertx, s.id(), null)) {
        late.next("welcome");
        refused(late, rate(poll, 2), "closed");
      }
      refused(moderator, action("open", poll), "conflict");
      refused(moderator, action("close", poll), "conflict");
      JsonObject after = poll(Msg.freshWelcome(vertx, node.port(), s.id(), Msg.hello()), poll);
      assertEquals(List.of(0, 0, 0, 1, 0), after.getJsonObject("results").getJsonArray("counts").getList());
      assertEquals(1, after.getJsonObject("results").getInteger("answers"));
    }
  }

  @Test
  void hiddenResultsReachNoResidentAndNoStageBeforeCloseNotInWelcomeNorResume(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient resident = join(vertx, s.id(), null);
         WsClient stage = join(vertx, s.id(), s.stageToken())) {
      moderator.next("welcome");
      JsonObject residentWelcome = resident.next("welcome");
      stage.next("welcome");
      String poll = ok(moderator, create("multiple", "Cần cải thiện gì?", List.of("Cây xanh", "Đèn", "Vỉa hè"), 2,
          true));
      ok(moderator, action("open", poll));
      ok(resident, choose(poll, 0, 2));
      try (WsClient other = join(vertx, s.id(), null)) {
        other.next("welcome");
        ok(other, choose(poll, 2));
      }
      awaitResults(moderator, poll, List.of(1, 0, 2), 2);

      // a fresh welcome: the poll, without results, for a resident and the stage; with them for a moderator
      JsonObject fresh = poll(Msg.freshWelcome(vertx, node.port(), s.id(), Msg.hello()), poll);
      assertEquals("open", fresh.getString("status"));
      assertNull(fresh.getValue("results"), "a resident's welcome has no hidden results");
      JsonObject staged = poll(Msg.freshWelcome(vertx, node.port(), s.id(), Msg.hello(s.stageToken())), poll);
      assertNull(staged.getValue("results"), "the stage's welcome has no hidden results");
      JsonObject moderated = poll(Msg.freshWelcome(vertx, node.port(), s.id(), Msg.hello(s.moderatorToken())), poll);
      assertEquals(List.of(1, 0, 2), moderated.getJsonObject("results").getJsonArray("counts").getList());

      // a resume from before the poll was opened: the poll's events, no results
      String token = residentWelcome.getJsonObject("participant").getString("token");
      WsClient back = WsClient.join(vertx, node.port(), s.id(), Msg.hello(token)
          .put("since", residentWelcome.getLong("seq")).put("epoch", residentWelcome.getString("epoch")));
      try (back) {
        back.next("resumed");
        List<JsonObject> frames = back.framesBeforePong();
        assertTrue(frames.stream().anyMatch(f -> "poll".equals(f.getString("type"))), "the resume brings the poll");
        frames.forEach(f -> assertNull(resultsIn(f, poll), "no hidden results in a resume: " + f));
      }

      // nothing a resident or the stage received before the close held the results
      ok(moderator, action("close", poll));
      for (WsClient watcher : List.of(resident, stage)) {
        List<JsonObject> frames = watcher.until(f -> "poll".equals(f.getString("type"))
            && "closed".equals(f.getJsonObject("poll").getString("status")), "the close");
        JsonObject closed = frames.remove(frames.size() - 1);
        frames.forEach(f -> assertNull(resultsIn(f, poll), "hidden results leaked before the close: " + f));
        assertEquals(List.of(1, 0, 2), closed.getJsonObject("poll").getJsonObject("results").getJsonArray("counts")
            .getList(), "the results are shown once the poll closes");
      }
    }
  }

  @Test
  void residentsAndTheStageSeeNoResultsFrameOfAHiddenPoll(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient resident = join(vertx, s.id(), null);
         WsClient stage = join(vertx, s.id(), s.stageToken())) {
      moderator.next("welcome");
      resident.next("welcome");
      stage.next("welcome");
      String poll = ok(moderator, create("single", "Có hay không?", List.of("Có", "Không"), null, true));
      ok(moderator, action("open", poll));
      ok(resident, choose(poll, 1));
      awaitResults(moderator, poll, List.of(0, 1), 1);
      ok(moderator, action("close", poll));
      for (WsClient watcher : List.of(resident, stage)) {
        List<JsonObject> before = watcher.until(f -> "poll".equals(f.getString("type"))
            && "closed".equals(f.getJsonObject("poll").getString("status")), "the close");
        before.remove(before.size() - 1); // the close itself shows the results
        before.forEach(f -> assertNull(resultsIn(f, poll), "hidden results leaked before the close: " + f));
      }
    }
  }

  @Test
  void aResidentCannotRunPollsAndTheStageCannotAnswer(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient resident = join(vertx, s.id(), null);
         WsClient stage = join(vertx, s.id(), s.stageToken())) {
      moderator.next("welcome");
      resident.next("welcome");
      stage.next("welcome");
      refused(resident, create("single", "Của cư dân?", List.of("A", "B"), null, false), "forbidden");
      String poll = ok(moderator, create("single", "Mở chưa?", List.of("A", "B"), null, false));
      refused(resident, action("open", poll), "forbidden");
      refused(stage, action("open", poll), "forbidden");
      ok(moderator, action("open", poll));
      refused(resident, action("close", poll), "forbidden");
      refused(stage, choose(poll, 0), "forbidden");
      JsonObject state = poll(Msg.freshWelcome(vertx, node.port(), s.id(), Msg.hello(s.moderatorToken())), poll);
      assertEquals("open", state.getString("status"), "the resident's close changed nothing");
      assertEquals(0, state.getJsonObject("results").getInteger("answers"), "the stage's answer was not counted");
    }
  }

  @Test
  void badInputIsRefusedWithACodeAndChangesNothing(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient resident = join(vertx, s.id(), null)) {
      moderator.next("welcome");
      resident.next("welcome");
      refused(moderator, create("single", "Một lựa chọn", List.of("Chỉ một"), null, false), "bad_request");
      refused(moderator, create("multiple", "Nhiều", List.of("A", "B", "C"), 5, false), "bad_request");
      refused(moderator, create("single", "Trùng", List.of("A", "a"), null, false), "bad_request");
      refused(moderator, create("rating", "Có lựa chọn", List.of("A", "B"), null, false), "bad_request");
      refused(moderator, create("poem", "Không có loại này", null, null, false), "bad_request");
      refused(moderator, create("text", "x".repeat(201), null, null, false), "too_long");
      refused(moderator, action("open", "999"), "not_found");
      refused(moderator, action("spin", "1"), "bad_request");
      assertNull(Msg.freshWelcome(vertx, node.port(), s.id(), Msg.hello(s.moderatorToken())).getValue("polls"),
          "no poll was made");

      String multiple = ok(moderator, create("multiple", "Chọn tối đa hai", List.of("A", "B", "C"), 2, false));
      String rating = ok(moderator, create("rating", "Chấm điểm", null, null, false));
      String text = ok(moderator, create("text", "Một từ về khu phố?", null, null, false));
      for (String poll : List.of(multiple, rating, text)) {
        ok(moderator, action("open", poll));
      }
      refused(resident, choose(multiple, 0, 1, 2), "bad_request");
      refused(resident, choose(multiple, 3), "bad_request");
      refused(resident, choose(multiple, 1, 1), "bad_request");
      refused(resident, choose(multiple), "bad_request");
      refused(resident, rate(rating, 6), "bad_request");
      refused(resident, rate(rating, 0), "bad_request");
      refused(resident, choose(rating, 1), "bad_request");
      refused(resident, write(multiple, "chữ"), "bad_request");
      refused(resident, write(text, "x".repeat(141)), "too_long");
      refused(resident, write(text, "  "), "bad_request");
      refused(resident, choose("999", 0), "not_found");
      JsonObject both = new JsonObject().put("type", "answerPoll").put("poll", rating).put("rating", 3)
          .put("text", "và chữ");
      refused(resident, both, "bad_request");
      JsonObject welcome = Msg.freshWelcome(vertx, node.port(), s.id(), Msg.hello(s.moderatorToken()));
      for (String poll : List.of(multiple, rating, text)) {
        assertEquals(0, poll(welcome, poll).getJsonObject("results").getInteger("answers"), "poll " + poll);
      }
    }
  }

  @Test
  void textAnswersAreShownUntilAModeratorHidesOne(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient a = join(vertx, s.id(), null);
         WsClient b = join(vertx, s.id(), null)) {
      moderator.next("welcome");
      a.next("welcome");
      b.next("welcome");
      String poll = ok(moderator, create("text", "Một từ về khu phố?", null, null, false));
      ok(moderator, action("open", poll));
      ok(a, write(poll, "cây xanh"));
      ok(b, write(poll, "ngập nước"));
      ok(a, write(poll, "giao thông")); // a changes theirs: still one answer of theirs
      JsonObject results = resultsIn(b.next(f -> {
        JsonObject r = resultsIn(f, poll);
        return r != null && r.getInteger("answers") == 2 && texts(r).contains("giao thông");
      }, "both answers"), poll);
      assertEquals(List.of("giao thông", "ngập nước"), texts(results).stream().sorted().toList());
      int hidden = -1;
      for (Object t : results.getJsonArray("texts")) {
        if ("ngập nước".equals(((JsonObject) t).getString("text"))) {
          hidden = ((JsonObject) t).getInteger("n");
        }
      }
      ok(moderator, new JsonObject().put("type", "poll").put("action", "hide").put("poll", poll).put("answer", hidden));
      refused(moderator, new JsonObject().put("type", "poll").put("action", "hide").put("poll", poll)
          .put("answer", hidden), "conflict");
      JsonObject after = b.next(f -> {
        JsonObject r = resultsIn(f, poll);
        return r != null && !texts(r).contains("ngập nước");
      }, "the hidden answer gone");
      assertEquals(List.of("giao thông"), texts(resultsIn(after, poll)));
      assertEquals(2, resultsIn(after, poll).getInteger("answers"), "a hidden answer still counts");
    }
  }

  /** The word cloud of a poll's results in a frame, once it has these words with these counts. */
  private static JsonObject awaitWords(WsClient ws, String poll, java.util.Map<String, Integer> words) {
    return ws.next(f -> {
      JsonObject r = resultsIn(f, poll);
      return r != null && words(r).equals(words);
    }, "the words " + words + " of poll " + poll);
  }

  @Test
  void aTextPollsWordCloudCountsShownAnswersOnceAndMovesAChangedAnswersWords(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient a = join(vertx, s.id(), null);
         WsClient b = join(vertx, s.id(), null);
         WsClient c = join(vertx, s.id(), null);
         WsClient stage = join(vertx, s.id(), s.stageToken())) {
      for (WsClient ws : List.of(moderator, a, b, c, stage)) {
        ws.next("welcome");
      }
      String poll = ok(moderator, create("text", "Khu phố cần gì nhất?", null, null, false));
      ok(moderator, action("open", poll));
      ok(b, write(poll, "giao thong")); // unaccented first: the first accented form written is shown
      ok(a, write(poll, "Cây xanh và GIAO THÔNG, cây xanh"));
      ok(c, write(poll, "ngập nước"));
      JsonObject frame = awaitWords(stage, poll, java.util.Map.of("giao thông", 2, "cây xanh", 1, "ngập nước", 1));
      assertTrue(isState(frame) || frame.containsKey("seq"), "a poll frame: " + frame);
      JsonArray top = resultsIn(frame, poll).getJsonArray("words");
      assertEquals("giao thông", top.getJsonObject(0).getString("word"), "most frequent first: " + top);

      ok(a, write(poll, "Ngập nước nhiều")); // a changes theirs: their earlier words leave the cloud
      awaitWords(b, poll, java.util.Map.of("giao thông", 1, "ngập nước", 2));
      ok(a, write(poll, "Ngập nước nhiều")); // the same answer again changes nothing
      int hidden = -1;
      JsonObject results = resultsIn(moderator.next(f -> {
        JsonObject r = resultsIn(f, poll);
        return r != null && words(r).equals(java.util.Map.of("giao thông", 1, "ngập nước", 2));
      }, "the moved words"), poll);
      for (Object t : results.getJsonArray("texts")) {
        if ("ngập nước".equals(((JsonObject) t).getString("text"))) {
          hidden = ((JsonObject) t).getInteger("n");
        }
      }
      ok(moderator, Polls.hide(poll, hidden)); // c's answer hidden: its words leave the cloud
      awaitWords(stage, poll, java.util.Map.of("giao thông", 1, "ngập nước", 1));
      ok(c, write(poll, "cây xanh")); // a hidden answer changed stays hidden: no words
      ok(b, write(poll, "Đ.m, đường Lê Lợi ngập nước")); // flagged by the content rules: counts, no words
      JsonObject last = awaitWords(moderator, poll, java.util.Map.of("ngập nước", 1));
      assertEquals(3, resultsIn(last, poll).getInteger("answers"), "hidden and flagged answers still count");

      ok(moderator, action("close", poll));
      JsonObject closed = stage.next(f -> "poll".equals(f.getString("type"))
          && "closed".equals(f.getJsonObject("poll").getString("status")), "the close");
      assertEquals(java.util.Map.of("ngập nước", 1), words(resultsIn(closed, poll)), "the close carries the cloud");
    }
  }

  @Test
  void coalescedResultsArePollFramesWithoutSeqCarryingTheWholePoll(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient resident = join(vertx, s.id(), null)) {
      moderator.next("welcome");
      resident.next("welcome");
      String poll = ok(moderator, create("single", "Làm gì trước?", List.of("Công viên", "Chợ"), null, false));
      ok(moderator, action("open", poll));
      ok(resident, choose(poll, 1));
      JsonObject state = resident.next(f -> isState(f) && resultsIn(f, poll) != null
          && resultsIn(f, poll).getInteger("answers") == 1, "the poll's state with the answer");
      JsonObject p = state.getJsonObject("poll");
      assertEquals(List.of("Công viên", "Chợ"), p.getJsonArray("options").getList(), "the whole poll: " + p);
      assertEquals("open", p.getString("status"));
      assertEquals("Làm gì trước?", p.getString("question"));
      assertEquals(List.of(0, 1), p.getJsonObject("results").getJsonArray("counts").getList());
    }
  }

  @Test
  void aHiddenTextPollsWordsReachNoResidentAndNoStageBeforeClose(Vertx vertx) {
    Session s = session();
    try (WsClient moderator = join(vertx, s.id(), s.moderatorToken());
         WsClient resident = join(vertx, s.id(), null);
         WsClient stage = join(vertx, s.id(), s.stageToken())) {
      JsonObject residentWelcome = resident.next("welcome");
      moderator.next("welcome");
      stage.next("welcome");
      String poll = ok(moderator, create("text", "Một từ về khu phố?", null, null, true));
      ok(moderator, action("open", poll));
      ok(resident, write(poll, "cây xanh"));
      awaitWords(moderator, poll, java.util.Map.of("cây xanh", 1));
      assertNull(poll(Msg.freshWelcome(vertx, node.port(), s.id(), Msg.hello()), poll).getValue("results"),
          "no words in a resident's welcome");
      String token = residentWelcome.getJsonObject("participant").getString("token");
      try (WsClient back = WsClient.join(vertx, node.port(), s.id(), Msg.hello(token)
          .put("since", residentWelcome.getLong("seq")).put("epoch", residentWelcome.getString("epoch")))) {
        back.next("resumed");
        back.framesBeforePong().forEach(f -> assertNull(resultsIn(f, poll), "no words in a resume: " + f));
      }
      ok(moderator, action("close", poll));
      for (WsClient watcher : List.of(resident, stage)) {
        List<JsonObject> frames = watcher.until(f -> "poll".equals(f.getString("type"))
            && "closed".equals(f.getJsonObject("poll").getString("status")), "the close");
        JsonObject closed = frames.remove(frames.size() - 1);
        frames.forEach(f -> assertNull(resultsIn(f, poll), "hidden words leaked before the close: " + f));
        assertEquals(java.util.Map.of("cây xanh", 1), words(resultsIn(closed, poll)));
      }
    }
  }
}

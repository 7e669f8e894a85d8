package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import townhall.testing.NodeTestBase;
import townhall.testing.Await;
import townhall.testing.Msg;
import townhall.testing.WsClient;

/** Residents ask and vote over a real WebSocket against a real node and Redis. */
class DialogueProtocolTest extends NodeTestBase {

  @Test
  void questionAskedByOneResidentReachesAnotherAndVotesAreCounted(Vertx vertx) {
    String sessionId = api.createSession("Phiên thử", "post", true).getString("id");
    try (WsClient alice = WsClient.join(vertx, node.port(), sessionId, new JsonObject());
         WsClient bob = WsClient.join(vertx, node.port(), sessionId, new JsonObject())) {
      JsonObject welcome = alice.next("welcome");
      assertEquals("resident", welcome.getString("role"));
      assertNotNull(welcome.getJsonObject("participant").getString("token"));
      bob.next("welcome");

      JsonObject ack = alice.act(new JsonObject().put("type", "ask").put("text", "Khi nào sửa đường?"));
      assertEquals("ack", ack.getString("type"));
      String questionId = ack.getString("questionId");

      JsonObject seen = bob.next("question");
      assertEquals(questionId, seen.getJsonObject("question").getString("id"));
      assertEquals("live", seen.getJsonObject("question").getString("status"));

      JsonObject vote = bob.act(new JsonObject().put("type", "vote").put("questionId", questionId).put("value", 1));
      assertEquals(1, vote.getInteger("votes"));
      assertTrue(vote.getBoolean("voted"));
      alice.awaitVotes(questionId, 1);
      bob.awaitVotes(questionId, 1);

      JsonObject again = bob.act(new JsonObject().put("type", "vote").put("questionId", questionId).put("value", 1));
      assertEquals(1, again.getInteger("votes"), "upvoting twice counts once");
      assertFalse(again.containsKey("duplicate"));
    }
  }

  // ---------------------------------------------------------------- helpers

  private String session(String moderation, boolean anonymous) {
    return api.createSession("Đối thoại phường Bến Nghé", moderation, anonymous).getString("id");
  }

  /** Joins as a new resident and takes the welcome. */
  private WsClient resident(Vertx vertx, String sessionId) {
    WsClient ws = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
    ws.next("welcome");
    return ws;
  }

  private JsonObject welcome(Vertx vertx, String sessionId, JsonObject hello) {
    return Msg.freshWelcome(vertx, node.port(), sessionId, hello);
  }

  private static String askOk(WsClient ws, String text) {
    JsonObject ack = ws.actKeeping(Msg.ask(text));
    assertEquals("ack", ack.getString("type"), () -> "ask refused: " + ack);
    return ack.getString("questionId");
  }

  private static void assertError(String code, JsonObject answer) {
    assertEquals("error", answer.getString("type"), () -> "expected an error " + code + ", got " + answer);
    assertEquals(code, answer.getString("code"), () -> "error frame: " + answer);
  }

  private static long count(List<JsonObject> frames, java.util.function.Predicate<JsonObject> which) {
    return frames.stream().filter(which).count();
  }

  // ---------------------------------------------------------------- ref idempotency

  @Test
  void askRepeatedWithTheSameRefCreatesOneQuestion(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId)) {
      JsonObject ask = Msg.ask("Khi nào có nước sạch cho tổ 5?").put("ref", "ask-once");
      alice.send(ask);
      JsonObject first = alice.answerToKeeping("ask-once");
      assertEquals("ack", first.getString("type"));
      assertFalse(first.containsKey("duplicate"), "the first answer is no duplicate");
      String questionId = first.getString("questionId");
      assertNotNull(questionId);

      alice.send(ask);
      JsonObject second = alice.answerToKeeping("ask-once");
      assertEquals("ack", second.getString("type"));
      assertEquals(Boolean.TRUE, second.getBoolean("duplicate"));
      assertEquals(questionId, second.getString("questionId"));

      // events reach bob in seq order: everything about the repeat would come before the next question
      String later = askOk(alice, "Câu hỏi tiếp theo");
      assertNotEquals(questionId, later);
      List<JsonObject> seen = bob.until(f -> Msg.isQuestionEvent(f, later), "the later question");
      assertEquals(1, count(seen, f -> Msg.isQuestionEvent(f, questionId)), () -> "bob saw " + seen);

      JsonObject snapshot = welcome(vertx, sessionId, Msg.hello());
      assertEquals(2, snapshot.getJsonArray("questions").size(), () -> "snapshot: " + snapshot);
    }
  }

  @Test
  void voteRepeatedWithTheSameRefIsNotAppliedAgain(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = WsClient.join(vertx, node.port(), sessionId,
        Msg.hello())) {
      String bobToken = Msg.token(bob.next("welcome"));
      String questionId = askOk(alice, "Có thể mở thêm bãi giữ xe không?");

      JsonObject up = Msg.vote(questionId, 1).put("ref", "v-up");
      bob.send(up);
      JsonObject first = bob.answerToKeeping("v-up");
      assertEquals(1, first.getInteger("votes"));
      assertEquals(Boolean.TRUE, first.getBoolean("voted"));

      JsonObject takeBack = bob.actKeeping(Msg.vote(questionId, 0));
      assertEquals(0, takeBack.getInteger("votes"));

      bob.send(up);
      JsonObject repeat = bob.answerToKeeping("v-up");
      assertEquals("ack", repeat.getString("type"));
      assertEquals(Boolean.TRUE, repeat.getBoolean("duplicate"));
      assertEquals(questionId, repeat.getString("questionId"));
      assertEquals(first.getInteger("votes"), repeat.getInteger("votes"), "the first answer is repeated");
      assertEquals(first.getBoolean("voted"), repeat.getBoolean("voted"));

      JsonObject q = Msg.question(welcome(vertx, sessionId, Msg.hello(bobToken)), questionId);
      assertEquals(0, q.getInteger("votes"), "the repeated upvote was not applied again");
      assertEquals(Boolean.FALSE, q.getBoolean("voted"));
    }
  }

  @Test
  void voteRepeatedWithTheSameRefAfterReconnectingAnnouncesNoStaleCount(Vertx vertx) {
    String sessionId = session("post", true);
    String token;
    String questionId;
    String other;
    try (WsClient alice = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      token = Msg.token(alice.next("welcome"));
      questionId = askOk(alice, "Câu hỏi được bỏ phiếu");
      other = askOk(alice, "Câu hỏi khác");
      alice.send(Msg.vote(questionId, 1).put("ref", "v-up"));
      assertEquals(1, alice.answerToKeeping("v-up").getInteger("votes"));
      assertEquals(0, alice.actKeeping(Msg.vote(questionId, 0)).getInteger("votes"));
    }
    // the node has let go of the session (so a new socket finds no counts remembered from before) ...
    Await.until(() -> api.metric("townhall_connections") == 0, 10, "no connections left on the node");
    // ... when the client retries a ref after reconnecting, as a client with an unanswered vote does
    try (WsClient alice = WsClient.join(vertx, node.port(), sessionId, Msg.hello(token))) {
      assertEquals(0, Msg.question(alice.next("welcome"), questionId).getInteger("votes"));
      alice.send(Msg.vote(questionId, 1).put("ref", "v-up"));
      assertEquals(Boolean.TRUE, alice.answerToKeeping("v-up").getBoolean("duplicate"));

      // counts announced after the repeat come after anything it announced (a ref of its own: this client's
      // generated refs were used by the first connection)
      alice.send(Msg.vote(other, 1).put("ref", "v-other"));
      assertEquals(1, alice.answerToKeeping("v-other").getInteger("votes"));
      List<JsonObject> frames = alice.until(f -> "votes".equals(f.getString("type"))
          && Integer.valueOf(1).equals(f.getJsonObject("counts").getInteger(other)), "votes " + other + "=1");
      frames.stream().filter(f -> "votes".equals(f.getString("type"))).forEach(f -> {
        Integer shown = f.getJsonObject("counts").getInteger(questionId);
        assertTrue(shown == null || shown == 0, () -> "a stale count of " + questionId + " was announced: " + f
            + " (the question has 0 votes)");
      });
      assertEquals(0, Msg.question(welcome(vertx, sessionId, Msg.hello()), questionId).getInteger("votes"));
    }
  }

  @Test
  void refUsedForAnAskAndThenForAVoteRepeatsTheFirstAnswer(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = WsClient.join(vertx, node.port(), sessionId,
        Msg.hello())) {
      String bobToken = Msg.token(bob.next("welcome"));
      String questionId = askOk(alice, "Câu hỏi của Alice");
      bob.send(Msg.ask("Câu hỏi của Bob").put("ref", "same"));
      JsonObject asked = bob.answerToKeeping("same");
      assertEquals("ack", asked.getString("type"));

      bob.send(Msg.vote(questionId, 1).put("ref", "same"));
      JsonObject repeat = bob.answerToKeeping("same");
      assertEquals("ack", repeat.getString("type"), () -> "a repeated ref must repeat the first answer: " + repeat);
      assertEquals(Boolean.TRUE, repeat.getBoolean("duplicate"));
      assertEquals(0, Msg.question(welcome(vertx, sessionId, Msg.hello(bobToken)), questionId).getInteger("votes"));
    }
  }

  @Test
  void withdrawRepeatedWithTheSameRefIsAcknowledgedAgainAndAnnouncedOnce(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId)) {
      String questionId = askOk(alice, "Tôi sẽ rút câu hỏi này");
      JsonObject withdraw = Msg.withdraw(questionId).put("ref", "w-once");
      alice.send(withdraw);
      JsonObject first = alice.answerToKeeping("w-once");
      assertEquals("ack", first.getString("type"));
      assertFalse(first.containsKey("duplicate"));

      alice.send(withdraw);
      JsonObject second = alice.answerToKeeping("w-once");
      assertEquals("ack", second.getString("type"), () -> "not refused as a conflict: " + second);
      assertEquals(Boolean.TRUE, second.getBoolean("duplicate"));
      assertEquals(questionId, second.getString("questionId"));

      String later = askOk(alice, "Câu hỏi sau");
      List<JsonObject> seen = bob.until(f -> Msg.isQuestionEvent(f, later), "the later question");
      assertEquals(1, count(seen, f -> Msg.isQuestionEvent(f, questionId)
          && "withdrawn".equals(f.getJsonObject("question").getString("status"))), () -> "bob saw " + seen);
    }
  }

  // ---------------------------------------------------------------- one vote per participant

  @Test
  void upvotesOfTwoResidentsCountTwo(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId)) {
      String questionId = askOk(alice, "Bao giờ có đèn đường?");
      assertEquals(1, alice.actKeeping(Msg.vote(questionId, 1)).getInteger("votes"));
      JsonObject second = bob.actKeeping(Msg.vote(questionId, 1));
      assertEquals(2, second.getInteger("votes"));
      assertEquals(Boolean.TRUE, second.getBoolean("voted"));
      alice.awaitVotes(questionId, 2);
      bob.awaitVotes(questionId, 2);
      assertEquals(2, Msg.question(welcome(vertx, sessionId, Msg.hello()), questionId).getInteger("votes"));
    }
  }

  @Test
  void upvotingTwiceCountsOnceAndTakingBackTwiceStaysAtZero(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = WsClient.join(vertx, node.port(), sessionId,
        Msg.hello())) {
      String bobToken = Msg.token(bob.next("welcome"));
      String questionId = askOk(alice, "Bao giờ có đèn đường?");
      assertEquals(1, bob.actKeeping(Msg.vote(questionId, 1)).getInteger("votes"));
      JsonObject twice = bob.actKeeping(Msg.vote(questionId, 1));
      assertEquals(1, twice.getInteger("votes"), "upvoting twice counts once");
      assertEquals(Boolean.TRUE, twice.getBoolean("voted"));
      alice.awaitVotes(questionId, 1);

      JsonObject back = bob.actKeeping(Msg.vote(questionId, 0));
      assertEquals(0, back.getInteger("votes"));
      assertEquals(Boolean.FALSE, back.getBoolean("voted"));
      alice.awaitVotes(questionId, 0);
      JsonObject backAgain = bob.actKeeping(Msg.vote(questionId, 0));
      assertEquals(0, backAgain.getInteger("votes"), "taking back twice stays at zero");
      assertEquals(Boolean.FALSE, backAgain.getBoolean("voted"));

      JsonObject q = Msg.question(welcome(vertx, sessionId, Msg.hello(bobToken)), questionId);
      assertEquals(0, q.getInteger("votes"));
      assertEquals(Boolean.FALSE, q.getBoolean("voted"));
    }
  }

  // ---------------------------------------------------------------- withdraw and refusals

  @Test
  void withdrawnByItsAuthorTheQuestionReachesEveryoneAsWithdrawn(Vertx vertx) {
    JsonObject created = api.createSession("Phiên rút câu hỏi", "post", true);
    String sessionId = created.getString("id");
    try (WsClient alice = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
         WsClient bob = resident(vertx, sessionId);
         WsClient moderator = WsClient.join(vertx, node.port(), sessionId,
             Msg.hello(created.getString("moderatorToken")))) {
      String aliceToken = Msg.token(alice.next("welcome"));
      assertEquals("moderator", moderator.next("welcome").getString("role"));
      String questionId = askOk(alice, "Câu hỏi sẽ được rút lại");
      bob.next(f -> Msg.isQuestionEvent(f, questionId), "the live question");

      JsonObject ack = alice.actKeeping(Msg.withdraw(questionId));
      assertEquals("ack", ack.getString("type"));
      assertEquals(questionId, ack.getString("questionId"));
      for (WsClient ws : List.of(alice, bob, moderator)) {
        ws.next(f -> Msg.isQuestionEvent(f, questionId)
            && "withdrawn".equals(f.getJsonObject("question").getString("status")), "the withdrawn question");
      }

      assertNull(Msg.question(welcome(vertx, sessionId, Msg.hello()), questionId),
          "residents no longer see a withdrawn question");
      JsonObject own = Msg.question(welcome(vertx, sessionId, Msg.hello(aliceToken)), questionId);
      assertEquals("withdrawn", own.getString("status"));
      assertEquals(Boolean.TRUE, own.getBoolean("mine"));
    }
  }

  @Test
  void withdrawBySomeoneElseIsForbiddenAndChangesNothing(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId)) {
      String questionId = askOk(alice, "Câu hỏi của Alice");
      JsonObject refused = bob.actKeeping(Msg.withdraw(questionId));
      assertError("forbidden", refused);
      assertNotNull(refused.getString("ref"));
      assertEquals("live", Msg.question(welcome(vertx, sessionId, Msg.hello()), questionId).getString("status"));
    }
  }

  @Test
  void voteOrWithdrawOnAnUnknownQuestionIsNotFound(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId)) {
      String known = askOk(alice, "Một câu hỏi có thật");
      String unknown = known + "0";
      assertError("not_found", alice.actKeeping(Msg.vote(unknown, 1)));
      assertError("not_found", alice.actKeeping(Msg.vote(unknown, 0)));
      assertError("not_found", alice.actKeeping(Msg.withdraw(unknown)));
      assertError("not_found", alice.actKeeping(Msg.vote("khong-co", 1)));
    }
  }

  @Test
  void upvoteOfAWithdrawnQuestionIsAConflictButTakingBackWorks(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId);
         WsClient carol = resident(vertx, sessionId)) {
      String questionId = askOk(alice, "Câu hỏi sẽ bị rút");
      assertEquals(1, bob.actKeeping(Msg.vote(questionId, 1)).getInteger("votes"));
      assertEquals("ack", alice.actKeeping(Msg.withdraw(questionId)).getString("type"));

      assertError("conflict", carol.actKeeping(Msg.vote(questionId, 1)));
      JsonObject back = bob.actKeeping(Msg.vote(questionId, 0));
      assertEquals("ack", back.getString("type"), () -> "taking back works in any status: " + back);
      assertEquals(0, back.getInteger("votes"));
    }
  }

  // ---------------------------------------------------------------- pre-moderation

  @Test
  void pendingQuestionIsSeenByItsAuthorAndModeratorsOnly(Vertx vertx) {
    JsonObject created = api.createSession("Phiên kiểm duyệt trước", "pre", true);
    String sessionId = created.getString("id");
    String moderatorToken = created.getString("moderatorToken");
    try (WsClient moderator = WsClient.join(vertx, node.port(), sessionId, Msg.hello(moderatorToken));
         WsClient alice = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
         WsClient bob = resident(vertx, sessionId)) {
      assertEquals("moderator", moderator.next("welcome").getString("role"));
      JsonObject aliceWelcome = alice.next("welcome");
      assertEquals("resident", aliceWelcome.getString("role"));

      String questionId = askOk(alice, "Câu hỏi chờ duyệt");
      JsonObject own = alice.next(f -> Msg.isQuestionEvent(f, questionId), "alice's own question");
      assertEquals("pending", own.getJsonObject("question").getString("status"));
      JsonObject toModerator = moderator.next(f -> Msg.isQuestionEvent(f, questionId), "the pending question");
      assertEquals("pending", toModerator.getJsonObject("question").getString("status"));

      // bob's own question comes after alice's in seq order: had alice's been sent to him, it would come first
      String bobsQuestion = askOk(bob, "Câu hỏi của Bob");
      List<JsonObject> toBob = bob.until(f -> Msg.isQuestionEvent(f, bobsQuestion), "bob's own question");
      toBob.addAll(bob.framesBeforePong());
      assertEquals(0, count(toBob, f -> Msg.isQuestionEvent(f, questionId)), () -> "bob was sent " + toBob);

      JsonObject mine = Msg.question(welcome(vertx, sessionId, Msg.hello(Msg.token(aliceWelcome))), questionId);
      assertNotNull(mine, "the author's snapshot shows her pending question");
      assertEquals("pending", mine.getString("status"));
      assertEquals(Boolean.TRUE, mine.getBoolean("mine"));

      assertNull(Msg.question(welcome(vertx, sessionId, Msg.hello()), questionId),
          "another resident's snapshot does not show it");

      JsonObject moderatorView = welcome(vertx, sessionId, Msg.hello(moderatorToken));
      assertEquals("moderator", moderatorView.getString("role"));
      assertNotNull(Msg.question(moderatorView, questionId), "moderators see pending questions");
      assertNotNull(Msg.question(moderatorView, bobsQuestion));
      assertEquals(Boolean.FALSE, Msg.question(moderatorView, questionId).getBoolean("mine"));
    }
  }

  // ---------------------------------------------------------------- text rules

  @Test
  void sessionThatWantsNamesRefusesAQuestionWithoutAuthor(Vertx vertx) {
    String sessionId = session("post", false);
    try (WsClient alice = resident(vertx, sessionId)) {
      assertError("bad_request", alice.actKeeping(Msg.ask("Câu hỏi không tên")));
      assertError("bad_request", alice.actKeeping(Msg.ask("Câu hỏi không tên").putNull("author")));
      assertError("bad_request", alice.actKeeping(Msg.ask("Câu hỏi không tên").put("author", "   ")));
      assertEquals(0, welcome(vertx, sessionId, Msg.hello()).getJsonArray("questions").size());

      JsonObject named = alice.actKeeping(Msg.ask("Câu hỏi thứ hai").put("author", "Chị Lan"));
      assertEquals("ack", named.getString("type"), () -> "a named question is accepted: " + named);
      JsonObject event = alice.next(f -> Msg.isQuestionEvent(f, named.getString("questionId")), "the named question");
      assertEquals("Chị Lan", event.getJsonObject("question").getString("author"));
    }
  }

  @Test
  void textOfMoreThanMaxLengthGraphemesIsTooLongAndExactlyMaxLengthIsAccepted(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      int max = alice.next("welcome").getJsonObject("session").getInteger("maxLength");
      assertEquals(500, max, "the documented default");

      assertError("too_long", alice.actKeeping(Msg.ask("a".repeat(max + 1))));
      String ascii = askOk(alice, "  " + "a".repeat(max) + "  ");
      assertEquals("a".repeat(max), alice.next(f -> Msg.isQuestionEvent(f, ascii), "the ascii question")
          .getJsonObject("question").getString("text"), "trimmed");

      // "ệ" written decomposed is three code points but one character as a reader sees it
      String nfdChar = "e\u0323\u0302";
      assertEquals(3, nfdChar.length());
      assertError("too_long", alice.actKeeping(Msg.ask(nfdChar.repeat(max + 1))));
      String vietnamese = askOk(alice, nfdChar.repeat(max));
      String stored = alice.next(f -> Msg.isQuestionEvent(f, vietnamese), "the Vietnamese question")
          .getJsonObject("question").getString("text");
      assertEquals("\u1EC7".repeat(max), stored);
    }
  }

  @Test
  void vietnameseTextWrittenDecomposedIsStoredComposed(Vertx vertx) {
    String sessionId = session("post", true);
    String nfc = "Khi nào sửa xong đường Lê Lợi? Người dân rất mong đợi.";
    String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
    assertNotEquals(nfc, nfd, "the test text has decomposable characters");
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId)) {
      String questionId = askOk(alice, nfd);
      assertEquals(nfc, bob.next(f -> Msg.isQuestionEvent(f, questionId), "the question")
          .getJsonObject("question").getString("text"));
      assertEquals(nfc, Msg.question(welcome(vertx, sessionId, Msg.hello()), questionId).getString("text"));
    }
  }

  @Test
  void controlCharactersAreRefusedButLineBreaksAndTabsAreKept(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId)) {
      for (String control : List.of("\u0000", "\u0007", "\u001b", "\u007f", "\u0085")) {
        assertError("bad_request", alice.actKeeping(Msg.ask("Câu hỏi " + control + " có ký tự điều khiển")));
      }
      assertError("bad_request", alice.actKeeping(Msg.ask("Câu hỏi").put("author", "Chị\nLan")));
      assertEquals(0, welcome(vertx, sessionId, Msg.hello()).getJsonArray("questions").size(),
          "refused questions were not stored");

      String text = "Dòng một\nDòng hai\tcó tab";
      String questionId = askOk(alice, text);
      assertEquals(text, alice.next(f -> Msg.isQuestionEvent(f, questionId), "the question")
          .getJsonObject("question").getString("text"));
    }
  }

  @Test
  void loneSurrogatesAreRefused(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId)) {
      for (String broken : List.of("\\ud800", "\\udc00", "\\udc00\\ud800", "abc\\ud83d")) {
        String ref = alice.nextRef();
        alice.sendRaw("{\"type\":\"ask\",\"ref\":\"" + ref + "\",\"text\":\"Câu hỏi " + broken + " hỏng\"}");
        JsonObject answer = alice.answerToKeeping(ref);
        assertError("bad_request", answer);
      }
      assertEquals(0, welcome(vertx, sessionId, Msg.hello()).getJsonArray("questions").size());

      String ref = alice.nextRef();
      alice.sendRaw("{\"type\":\"ask\",\"ref\":\"" + ref + "\",\"text\":\"Mặt cười \\ud83d\\ude00 hợp lệ\"}");
      JsonObject pair = alice.answerToKeeping(ref);
      assertEquals("ack", pair.getString("type"), () -> "a valid surrogate pair is accepted: " + pair);
    }
  }

  @Test
  void emptyOrBlankTextIsRefused(Vertx vertx) {
    String sessionId = session("post", true);
    try (WsClient alice = resident(vertx, sessionId)) {
      assertError("bad_request", alice.actKeeping(Msg.ask("")));
      assertError("bad_request", alice.actKeeping(Msg.ask("   ")));
      assertError("bad_request", alice.actKeeping(Msg.ask(" \n\t \r\n ")));
      assertError("bad_request", alice.actKeeping(new JsonObject().put("type", "ask")));
      assertEquals(0, welcome(vertx, sessionId, Msg.hello()).getJsonArray("questions").size());
      alice.assertAnswering();
    }
  }
}

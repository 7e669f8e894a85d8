package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Moderation.act;
import static townhall.testing.Moderation.answer;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.archive;
import static townhall.testing.Moderation.ask;
import static townhall.testing.Moderation.asked;
import static townhall.testing.Moderation.assertError;
import static townhall.testing.Moderation.ban;
import static townhall.testing.Moderation.edit;
import static townhall.testing.Moderation.freeze;
import static townhall.testing.Moderation.highlight;
import static townhall.testing.Moderation.isQuestion;
import static townhall.testing.Moderation.merge;
import static townhall.testing.Moderation.moderate;
import static townhall.testing.Moderation.next;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.question;
import static townhall.testing.Moderation.questionEvent;
import static townhall.testing.Moderation.reject;
import static townhall.testing.Moderation.restore;
import static townhall.testing.Moderation.session;
import static townhall.testing.Moderation.sessionEvent;
import static townhall.testing.Moderation.stageEvent;
import static townhall.testing.Moderation.token;
import static townhall.testing.Moderation.unfreeze;
import static townhall.testing.Moderation.unhighlight;
import static townhall.testing.Moderation.until;
import static townhall.testing.Moderation.view;
import static townhall.testing.Moderation.vote;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import townhall.testing.NodeTestBase;
import townhall.testing.Moderation;
import townhall.testing.WsClient;

/** A moderator approves, rejects, edits, answers, stages, archives, merges and bans over a real WebSocket. */
class ModerationProtocolTest extends NodeTestBase {

  // ---------------------------------------------------------------- helpers

  /** A session as created by the organizer. */
  private record Created(String id, String moderatorToken) {
  }

  private Created newSession(String moderation) {
    JsonObject created = api.createSession("Đối thoại phường Bến Nghé", moderation, true);
    return new Created(created.getString("id"), created.getString("moderatorToken"));
  }

  private WsClient moderator(Vertx vertx, Created s) {
    WsClient ws = Moderation.join(vertx, node.port(), s.id(), s.moderatorToken());
    assertEquals("moderator", ws.next("welcome").getString("role"));
    return ws;
  }

  /** Joins as a new resident; the welcome is left queued (take it with {@code next("welcome")}). */
  private WsClient joinResident(Vertx vertx, Created s) {
    return Moderation.join(vertx, node.port(), s.id(), null);
  }

  private WsClient resident(Vertx vertx, Created s) {
    WsClient ws = joinResident(vertx, s);
    assertEquals("resident", ws.next("welcome").getString("role"));
    return ws;
  }

  private JsonObject welcome(Vertx vertx, Created s, String token) {
    return Moderation.freshWelcome(vertx, node.port(), s.id(), token);
  }

  private JsonObject moderatorView(Vertx vertx, Created s) {
    return view(welcome(vertx, s, s.moderatorToken()));
  }

  private static long count(List<JsonObject> frames, Predicate<JsonObject> which) {
    return frames.stream().filter(which).count();
  }

  private static JsonObject questionOf(JsonObject event) {
    return event.getJsonObject("question");
  }

  // ---------------------------------------------------------------- approve

  @Test
  void approvedQuestionGoesLiveForItsAuthorAndResidentsWhoSawNothingWhilePending(Vertx vertx) {
    Created s = newSession("pre");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "Khi nào sửa xong đường Lê Lợi?");
      next(alice, questionEvent(q, "pending"));
      next(mod, questionEvent(q, "pending"));
      assertNull(question(welcome(vertx, s, null), q), "residents do not see a pending question");

      JsonObject ack = ok(mod, approve(q));
      assertEquals(q, ack.getString("questionId"));
      assertFalse(ack.containsKey("duplicate"));

      next(alice, questionEvent(q, "live"));
      next(mod, questionEvent(q, "live"));
      List<JsonObject> toBob = until(bob, questionEvent(q, "live"));
      assertEquals(1, count(toBob, f -> isQuestion(f, q)), () -> "bob was sent the pending question: " + toBob);
      JsonObject live = questionOf(toBob.get(toBob.size() - 1));
      assertEquals("Khi nào sửa xong đường Lê Lợi?", live.getString("text"));
      assertFalse(live.containsKey("authorTag"), () -> "another resident must not get the author's tag: " + live);

      assertEquals("live", question(welcome(vertx, s, null), q).getString("status"));
    }
  }

  // ---------------------------------------------------------------- reject

  @Test
  void rejectionReasonReachesTheAuthorAndModeratorsButNotOtherResidentsWhoSawItLive(Vertx vertx) {
    Created s = newSession("pre");
    String reason = "Nội dung không phù hợp";
    try (WsClient mod = moderator(vertx, s); WsClient mod2 = moderator(vertx, s);
         WsClient alice = joinResident(vertx, s); WsClient bob = resident(vertx, s)) {
      String aliceToken = token(alice.next("welcome"));
      String q = asked(alice, "Câu hỏi sẽ bị từ chối");
      ok(mod, approve(q));
      next(bob, questionEvent(q, "live"));

      ok(mod, reject(q, reason));

      JsonObject toAlice = questionOf(next(alice, questionEvent(q, "rejected")));
      assertEquals(reason, toAlice.getString("reason"), () -> "the author learns why: " + toAlice);
      String tag = toAlice.getString("authorTag");
      assertNotNull(tag, () -> "the author receives her tag: " + toAlice);
      assertEquals(6, tag.length());

      JsonObject toBob = questionOf(next(bob, questionEvent(q, "rejected")));
      assertFalse(toBob.containsKey("reason"), () -> "another resident must not see the reason: " + toBob);
      assertFalse(toBob.containsKey("authorTag"), () -> "another resident must not see the author's tag: " + toBob);

      for (WsClient m : List.of(mod, mod2)) {
        JsonObject toModerator = questionOf(next(m, questionEvent(q, "rejected")));
        assertEquals(reason, toModerator.getString("reason"), () -> "moderators see the reason: " + toModerator);
        assertEquals(tag, toModerator.getString("authorTag"), () -> "moderators see the author's tag: " + toModerator);
      }

      assertNull(question(welcome(vertx, s, null), q), "a rejected question leaves the public list");
      JsonObject own = question(welcome(vertx, s, aliceToken), q);
      assertEquals("rejected", own.getString("status"));
      assertEquals(reason, own.getString("reason"));
      JsonObject moderatorView = question(welcome(vertx, s, s.moderatorToken()), q);
      assertEquals(reason, moderatorView.getString("reason"));
      assertEquals(tag, moderatorView.getString("authorTag"));
    }
  }

  @Test
  void rejectWithoutReasonIsABadRequestAndChangesNothing(Vertx vertx) {
    Created s = newSession("pre");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi chờ duyệt");
      JsonObject before = moderatorView(vertx, s);

      assertError("bad_request", act(mod, moderate(q, "reject")));
      assertError("bad_request", act(mod, reject(q, "")));
      assertError("bad_request", act(mod, reject(q, "   ")));
      assertError("too_long", act(mod, reject(q, "x".repeat(201))));

      assertEquals(before, moderatorView(vertx, s));
      assertEquals("pending", question(welcome(vertx, s, s.moderatorToken()), q).getString("status"));
    }
  }

  @Test
  void rejectedQuestionCanBeRestoredAndGoesLiveWithoutItsReason(Vertx vertx) {
    Created s = newSession("pre");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi bị từ chối nhầm");
      ok(mod, reject(q, "Trùng lặp"));
      assertError("conflict", act(mod, approve(q)));
      ok(mod, restore(q));

      JsonObject live = questionOf(next(mod, questionEvent(q, "live")));
      assertFalse(live.containsKey("reason"), () -> "an approved question carries no rejection reason: " + live);
      next(bob, questionEvent(q, "live"));
      assertEquals("live", question(welcome(vertx, s, null), q).getString("status"));
      assertError("conflict", act(mod, approve(q)));
    }
  }

  // ---------------------------------------------------------------- edit

  @Test
  void editedTextReachesEveryoneMarkedEditedAndOverLongTextIsTooLong(Vertx vertx) {
    Created s = newSession("post");
    String edited = "Khi nào sửa xong đường Lê Lợi?";
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "khi nao sua xong duong le loi???");
      JsonObject first = questionOf(next(bob, questionEvent(q, "live")));
      assertEquals(Boolean.FALSE, first.getBoolean("edited"));

      assertEquals(q, ok(mod, edit(q, edited)).getString("questionId"));
      for (WsClient ws : List.of(alice, bob, mod)) {
        JsonObject event = questionOf(ws.next(f -> isQuestion(f, q) && edited.equals(questionOf(f).getString("text")),
            "the edited question"));
        assertEquals(Boolean.TRUE, event.getBoolean("edited"), () -> "edited is true for everyone: " + event);
        assertEquals("live", event.getString("status"));
      }

      assertError("too_long", act(mod, edit(q, "a".repeat(501))));
      assertError("bad_request", act(mod, edit(q, "  ")));
      assertError("bad_request", act(mod, moderate(q, "edit")));
      JsonObject now = question(welcome(vertx, s, null), q);
      assertEquals(edited, now.getString("text"), "refused edits changed nothing");
      assertEquals(Boolean.TRUE, now.getBoolean("edited"));
    }
  }

  @Test
  void editOfAPendingQuestionReachesOnlyItsAuthorAndModerators(Vertx vertx) {
    Created s = newSession("pre");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "cau hoi cho duyet");
      ok(mod, edit(q, "Câu hỏi chờ duyệt"));
      JsonObject own = questionOf(alice.next(f -> isQuestion(f, q) && Boolean.TRUE.equals(questionOf(f)
          .getBoolean("edited")), "the edited question"));
      assertEquals("pending", own.getString("status"));

      String bobs = asked(bob, "Câu hỏi của Bob");
      List<JsonObject> toBob = bob.until(f -> isQuestion(f, bobs), "bob's own question");
      assertEquals(0, count(toBob, f -> isQuestion(f, q)), () -> "bob was sent the pending question: " + toBob);
    }
  }

  // ---------------------------------------------------------------- answer

  @Test
  void answerWithTextReachesResidentsLiveAndAnswerWithoutTextMarksItAnswered(Vertx vertx) {
    Created s = newSession("post");
    String written = "Tháng 12 sẽ xong.";
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q1 = asked(alice, "Khi nào sửa xong đường Lê Lợi?");
      String q2 = asked(alice, "Có thể mở thêm bãi giữ xe không?");

      ok(mod, answer(q1, written));
      for (WsClient ws : List.of(alice, bob, mod)) {
        JsonObject event = questionOf(next(ws, questionEvent(q1, "answered")));
        assertNotNull(event.getJsonObject("answer"), () -> "the written answer is sent: " + event);
        assertEquals(written, event.getJsonObject("answer").getString("text"));
      }

      ok(mod, answer(q2, null));
      JsonObject spoken = questionOf(next(bob, questionEvent(q2, "answered")));
      assertNull(spoken.getValue("answer"), () -> "no written answer was given: " + spoken);

      assertError("too_long", act(mod, answer(q1, "x".repeat(2001))));
      JsonObject snapshot = welcome(vertx, s, null);
      assertEquals("answered", question(snapshot, q1).getString("status"));
      assertEquals(written, question(snapshot, q1).getJsonObject("answer").getString("text"));
      assertEquals("answered", question(snapshot, q2).getString("status"));
    }
  }

  // ---------------------------------------------------------------- stage

  @Test
  void highlightPutsOneQuestionOnStageForEveryoneAndAnotherReplacesIt(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q1 = asked(alice, "Câu hỏi thứ nhất");
      String q2 = asked(alice, "Câu hỏi thứ hai");

      assertEquals(q1, ok(mod, highlight(q1)).getString("questionId"));
      for (WsClient ws : List.of(mod, alice, bob)) {
        assertNotNull(next(ws, stageEvent(q1)).getLong("seq"));
      }
      assertEquals(q1, welcome(vertx, s, null).getString("stage"));

      ok(mod, highlight(q2));
      for (WsClient ws : List.of(mod, alice, bob)) {
        next(ws, stageEvent(q2));
      }
      assertEquals(q2, welcome(vertx, s, null).getString("stage"), "one question at a time: the new one");
      assertEquals(q2, welcome(vertx, s, s.moderatorToken()).getString("stage"));

      assertError("conflict", act(mod, unhighlight(q1)));
      assertEquals(q2, welcome(vertx, s, null).getString("stage"), "unhighlighting another question changes nothing");

      ok(mod, unhighlight(q2));
      for (WsClient ws : List.of(mod, alice, bob)) {
        next(ws, stageEvent(null));
      }
      assertNull(welcome(vertx, s, null).getString("stage"));
    }
  }

  @Test
  void highlightOfAPendingQuestionIsAConflict(Vertx vertx) {
    Created s = newSession("pre");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi chờ duyệt");
      assertError("conflict", act(mod, highlight(q)));
      assertError("not_found", act(mod, highlight(q + "99")));
      assertNull(welcome(vertx, s, s.moderatorToken()).getString("stage"));
      assertEquals("pending", question(welcome(vertx, s, s.moderatorToken()), q).getString("status"));
    }
  }

  // ---------------------------------------------------------------- archive and restore

  @Test
  void archiveTakesTheQuestionOffTheStage(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi trên sân khấu");
      ok(mod, highlight(q));
      next(bob, stageEvent(q));
      next(mod, stageEvent(q));

      ok(mod, archive(q));
      for (WsClient ws : List.of(bob, mod)) {
        List<JsonObject> frames = until(ws, stageEvent(null));
        assertEquals(1, count(frames, questionEvent(q, "archived")), () -> "the archived question first: " + frames);
      }

      JsonObject snapshot = welcome(vertx, s, null);
      assertNull(snapshot.getString("stage"), "the archived question left the stage");
      assertEquals("archived", question(snapshot, q).getString("status"));
    }
  }

  @Test
  void rejectingOrMergingTheQuestionOnStageEmptiesTheStage(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String rejected = asked(alice, "Câu hỏi sẽ bị từ chối trên sân khấu");
      String merged = asked(alice, "Câu hỏi sẽ được gộp trên sân khấu");
      String target = asked(alice, "Câu hỏi đích");

      ok(mod, highlight(rejected));
      next(bob, stageEvent(rejected));
      ok(mod, reject(rejected, "Không phù hợp"));
      List<JsonObject> afterReject = until(bob, stageEvent(null));
      assertEquals(1, count(afterReject, questionEvent(rejected, "rejected")), () -> "bob saw " + afterReject);
      assertNull(welcome(vertx, s, null).getString("stage"), "a rejected question does not stay on stage");

      ok(mod, highlight(merged));
      next(bob, stageEvent(merged));
      ok(mod, merge(merged, target));
      until(bob, stageEvent(null));
      JsonObject snapshot = welcome(vertx, s, null);
      assertNull(snapshot.getString("stage"), "a merged question does not stay on stage");
      assertEquals(target, question(snapshot, merged).getString("mergedInto"));
    }
  }

  @Test
  void restoreBringsAQuestionBackLiveOrAnsweredWhenItHadAnAnswer(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String plain = asked(alice, "Câu hỏi chưa trả lời");
      String answered = asked(alice, "Câu hỏi đã trả lời");
      ok(mod, answer(answered, "Đã xử lý xong."));
      assertError("conflict", act(mod, restore(plain)));

      ok(mod, archive(plain));
      ok(mod, archive(answered));
      next(bob, questionEvent(answered, "archived"));

      ok(mod, restore(plain));
      next(bob, questionEvent(plain, "live"));
      ok(mod, restore(answered));
      JsonObject back = questionOf(next(bob, questionEvent(answered, "answered")));
      assertEquals("Đã xử lý xong.", back.getJsonObject("answer").getString("text"), "the answer is kept");

      JsonObject snapshot = welcome(vertx, s, null);
      assertEquals("live", question(snapshot, plain).getString("status"));
      assertEquals("answered", question(snapshot, answered).getString("status"));
      assertError("conflict", act(mod, restore(plain)));
    }
  }

  // ---------------------------------------------------------------- merge

  @Test
  void mergeUnitesTheVotersCountingAVoterOfBothQuestionsOnce(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s);
         WsClient r1 = joinResident(vertx, s); WsClient r2 = resident(vertx, s); WsClient r3 = joinResident(vertx, s)) {
      String r1Token = token(r1.next("welcome"));
      String r3Token = token(r3.next("welcome"));
      String a = asked(alice, "Khi nào có đèn đường tổ 5?");
      String b = asked(alice, "Bao giờ lắp đèn đường ở tổ 5?");
      ok(r1, vote(a, 1));
      assertEquals(2, ok(r2, vote(a, 1)).getInteger("votes"));
      ok(r2, vote(b, 1));
      assertEquals(2, ok(r3, vote(b, 1)).getInteger("votes"));

      assertEquals(a, ok(mod, merge(a, b)).getString("questionId"));

      JsonObject merged = questionOf(next(mod, questionEvent(a, "archived")));
      assertEquals(b, merged.getString("mergedInto"));
      assertEquals(3, questionOf(mod.next(f -> isQuestion(f, b), "the target")).getInteger("votes"),
          "r1, r2 and r3: r2 counted once");
      assertEquals(b, questionOf(next(r1, questionEvent(a, "archived"))).getString("mergedInto"));
      JsonObject toResident = questionOf(r1.next(f -> isQuestion(f, b), "the target"));
      assertEquals(3, toResident.getInteger("votes"));

      JsonObject r1View = welcome(vertx, s, r1Token);
      assertEquals(3, question(r1View, b).getInteger("votes"));
      assertEquals(Boolean.TRUE, question(r1View, b).getBoolean("voted"), "r1's upvote moved to the target");
      assertEquals("archived", question(r1View, a).getString("status"));
      assertEquals(b, question(r1View, a).getString("mergedInto"));
      assertEquals(Boolean.TRUE, question(welcome(vertx, s, r3Token), b).getBoolean("voted"));

      JsonObject again = ok(r1, vote(b, 1));
      assertEquals(3, again.getInteger("votes"), "r1's upvote was already counted");
      assertError("conflict", act(mod, restore(a)));
    }
  }

  @Test
  void mergeIntoItselfIsAConflictAndIntoAnUnknownQuestionIsNotFound(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s)) {
      String a = asked(alice, "Câu hỏi A");
      String b = asked(alice, "Câu hỏi B");
      ok(alice, vote(a, 1));
      JsonObject before = moderatorView(vertx, s);

      assertError("conflict", act(mod, merge(a, a)));
      assertError("not_found", act(mod, merge(a, b + "99")));
      assertError("bad_request", act(mod, moderate(a, "merge")));

      assertEquals(before, moderatorView(vertx, s));
    }
  }

  // ---------------------------------------------------------------- ban

  @Test
  void bannedAuthorCanNoLongerAskOrVoteWhileOthersCan(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi khiếm nhã");
      String q2 = asked(bob, "Câu hỏi của Bob");

      assertEquals(q, ok(mod, ban(q)).getString("questionId"));
      assertError("forbidden", act(alice, ask("Tôi hỏi lại")));
      assertError("forbidden", act(alice, vote(q2, 1)));

      assertEquals(1, ok(bob, vote(q, 1)).getInteger("votes"), "others still vote");
      asked(bob, "Bob vẫn hỏi được");
      assertError("conflict", act(mod, ban(q)));
      assertError("conflict", act(mod, ban(q)));

      JsonObject snapshot = welcome(vertx, s, null);
      assertEquals(3, snapshot.getJsonArray("questions").size(), () -> "the banned ask stored nothing: " + snapshot);
      assertEquals(0, question(snapshot, q2).getInteger("votes"));
    }
  }

  @Test
  void aBanIsToldToTheModeratorsAndTheAuthorAndToNoOtherResident(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = joinResident(vertx, s)) {
      String aliceToken = alice.next("welcome").getJsonObject("participant").getString("token");
      String q = asked(alice, "Câu hỏi khiếm nhã");
      assertFalse(question(welcome(vertx, s, s.moderatorToken()), q).containsKey("authorBanned"), "not banned yet");

      ok(mod, ban(q));

      java.util.function.Predicate<JsonObject> bannedEvent = e -> "question".equals(e.getString("type"))
          && q.equals(questionOf(e).getString("id")) && questionOf(e).getBoolean("authorBanned", false);
      mod.next(bannedEvent, "the moderators are told the author is banned");
      alice.next(bannedEvent, "the author is told");
      assertTrue(question(welcome(vertx, s, s.moderatorToken()), q).getBoolean("authorBanned"),
          "a moderator joining later sees it");
      assertTrue(question(welcome(vertx, s, aliceToken), q).getBoolean("authorBanned"),
          "the author coming back sees it");
      assertFalse(question(welcome(vertx, s, null), q).containsKey("authorBanned"),
          "other residents are not told whom the moderators banned");
    }
  }

  // ---------------------------------------------------------------- freeze

  @Test
  void frozenQuestionRefusesEveryVoteAndShowsFrozenToEveryoneUntilUnfrozen(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s);
         WsClient carol = resident(vertx, s)) {
      String q = asked(alice, "Khi nào phường lắp camera ở ngã tư?");
      assertEquals(1, ok(bob, vote(q, 1)).getInteger("votes"));
      JsonObject first = questionOf(next(carol, questionEvent(q, "live")));
      assertFalse(first.containsKey("frozen"), () -> "a question is not frozen until a moderator says so: " + first);

      assertEquals(q, ok(mod, freeze(q)).getString("questionId"));
      for (WsClient ws : List.of(mod, alice, bob, carol)) {
        JsonObject event = questionOf(ws.next(f -> isQuestion(f, q) && questionOf(f).containsKey("frozen"),
            "the frozen question"));
        assertEquals(Boolean.TRUE, event.getBoolean("frozen"), () -> "everyone is told it is frozen: " + event);
        assertEquals("live", event.getString("status"), "freezing leaves the status alone");
        assertEquals(1, event.getInteger("votes"));
      }

      JsonObject takeBack = act(bob, vote(q, 0));
      assertError("conflict", takeBack);
      assertTrue(takeBack.getString("message").contains("frozen"), () -> "the refusal says why: " + takeBack);
      assertError("conflict", act(carol, vote(q, 1)));
      assertError("conflict", act(mod, freeze(q)));
      JsonObject frozen = question(welcome(vertx, s, null), q);
      assertEquals(1, frozen.getInteger("votes"), "refused votes changed nothing");
      assertEquals(Boolean.TRUE, frozen.getBoolean("frozen"), "a fresh snapshot shows it frozen");

      ok(mod, unfreeze(q));
      JsonObject thawed = questionOf(carol.next(f -> isQuestion(f, q) && !questionOf(f).containsKey("frozen"),
          "the unfrozen question"));
      assertEquals("live", thawed.getString("status"));
      assertEquals(2, ok(carol, vote(q, 1)).getInteger("votes"), "votes are accepted again");
      assertEquals(1, ok(bob, vote(q, 0)).getInteger("votes"));
      assertError("conflict", act(mod, unfreeze(q)));
      assertFalse(question(welcome(vertx, s, null), q).containsKey("frozen"));
    }
  }

  // ---------------------------------------------------------------- refusals and idempotency

  @Test
  void unknownModerationActionIsABadRequest(Vertx vertx) {
    Created s = newSession("pre");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi");
      JsonObject before = moderatorView(vertx, s);
      JsonObject refused = act(mod, moderate(q, "delete"));
      assertError("bad_request", refused);
      assertNotNull(refused.getString("ref"));
      assertError("bad_request", act(mod, moderate(q, "APPROVE")));
      assertError("not_found", act(mod, approve(q + "99")));
      assertError("bad_request", act(mod, session("restart")));
      assertEquals(before, moderatorView(vertx, s));
    }
  }

  @Test
  void sameModerateRefTwiceIsAppliedOnceAndRepeatedAsDuplicate(Vertx vertx) {
    Created s = newSession("pre");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi được duyệt một lần");
      String ref = Moderation.uniqueRef();
      mod.send(approve(q).put("ref", ref));
      JsonObject first = mod.answerToKeeping(ref);
      assertEquals("ack", first.getString("type"));
      assertFalse(first.containsKey("duplicate"));

      mod.send(approve(q).put("ref", ref));
      JsonObject second = mod.answerToKeeping(ref);
      assertEquals("ack", second.getString("type"), () -> "the repeat is no conflict: " + second);
      assertEquals(Boolean.TRUE, second.getBoolean("duplicate"));
      assertEquals(q, second.getString("questionId"));

      assertError("conflict", act(mod, approve(q)));

      String later = asked(alice, "Câu hỏi sau");
      List<JsonObject> seen = mod.until(f -> isQuestion(f, later), "the later question");
      assertEquals(1, count(seen, questionEvent(q, "live")), () -> "the approval was announced once: " + seen);
    }
  }

  // ---------------------------------------------------------------- session

  @Test
  void pausedSessionRefusesNewQuestionsButVotesGoOnUntilItOpensAgain(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi trước khi tạm dừng");

      JsonObject ack = ok(mod, session("pause"));
      assertEquals("paused", ack.getString("status"));
      for (WsClient ws : List.of(mod, alice, bob)) {
        JsonObject event = next(ws, sessionEvent("paused"));
        assertEquals(s.id(), event.getJsonObject("session").getString("id"));
        assertNotNull(event.getLong("seq"));
      }
      assertError("closed", act(alice, ask("Câu hỏi khi tạm dừng")));
      assertEquals(1, ok(bob, vote(q, 1)).getInteger("votes"), "voting goes on while paused");
      assertError("conflict", act(mod, session("pause")));
      assertEquals("paused", welcome(vertx, s, null).getJsonObject("session").getString("status"));

      assertEquals("open", ok(mod, session("open")).getString("status"));
      for (WsClient ws : List.of(mod, alice, bob)) {
        next(ws, sessionEvent("open"));
      }
      asked(alice, "Câu hỏi sau khi mở lại");
      assertEquals("open", welcome(vertx, s, null).getJsonObject("session").getString("status"));
    }
  }

  @Test
  void closedSessionRefusesQuestionsVotesAndModeration(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi trước khi đóng");
      ok(bob, vote(q, 1));

      assertEquals("closed", ok(mod, session("close")).getString("status"));
      for (WsClient ws : List.of(mod, alice, bob)) {
        next(ws, sessionEvent("closed"));
      }
      JsonObject before = moderatorView(vertx, s);
      assertError("closed", act(alice, ask("Câu hỏi khi đã đóng")));
      assertError("closed", act(alice, vote(q, 1)));
      assertError("closed", act(bob, vote(q, 0)));
      assertError("closed", act(mod, archive(q)));
      assertError("closed", act(mod, highlight(q)));
      assertError("closed", act(mod, answer(q, "Muộn rồi")));
      assertError("conflict", act(mod, session("close")));
      assertEquals(before, moderatorView(vertx, s), "a closed session is read-only");
      assertEquals("closed", before.getString("session"));
      assertEquals(1, before.getJsonArray("questions").getJsonObject(0).getInteger("votes"));
    }
  }
}

package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.asked;
import static townhall.testing.Moderation.edit;
import static townhall.testing.Moderation.isQuestion;
import static townhall.testing.Moderation.next;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.question;
import static townhall.testing.Moderation.questionEvent;
import static townhall.testing.Moderation.token;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.TownhallNode;
import townhall.testing.Moderation;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Questions the content rules flag (the shipped word lists, links, repeats) are held for the moderators with their
 * flags, which only moderators ever receive; the asker sees the question awaiting review, other residents nothing.
 */
class FlaggedQuestionProtocolTest extends NodeTestBase {

  private record Created(String id, String moderatorToken) {
  }

  private Created newSession(String moderation) {
    JsonObject created = api.createSession("Đối thoại phường Bến Nghé", moderation, true);
    return new Created(created.getString("id"), created.getString("moderatorToken"));
  }

  private WsClient moderator(Vertx vertx, int port, Created s) {
    WsClient ws = Moderation.join(vertx, port, s.id(), s.moderatorToken());
    assertEquals("moderator", ws.next("welcome").getString("role"));
    return ws;
  }

  private WsClient resident(Vertx vertx, Created s) {
    WsClient ws = Moderation.join(vertx, node.port(), s.id(), null);
    assertEquals("resident", ws.next("welcome").getString("role"));
    return ws;
  }

  private static JsonObject questionOf(JsonObject event) {
    return event.getJsonObject("question");
  }

  private static List<Object> flags(JsonObject question) {
    JsonArray flags = question.getJsonArray("flags");
    return flags == null ? List.of() : flags.getList();
  }

  /** The text each flag match covers. */
  private static List<String> matched(JsonObject question) {
    String text = question.getString("text");
    return question.getJsonArray("flagMatches").stream().map(m -> (JsonObject) m)
        .map(m -> m.getString("flag") + ":" + text.substring(m.getInteger("start"), m.getInteger("end"))).toList();
  }

  /** Asks a clean question as {@code ws} and answers every frame received up to its event. */
  private static List<JsonObject> framesUntilClean(WsClient ws, String text) {
    String clean = asked(ws, text);
    return ws.until(f -> isQuestion(f, clean), "the clean question " + clean);
  }

  @Test
  void profaneQuestionInPostModerationIsHeldWithItsFlagsShownToModeratorsOnly(Vertx vertx) {
    Created s = newSession("post");
    String text = "Đ.m, bao giờ phường sửa xong đường Lê Lợi?";
    try (WsClient mod = moderator(vertx, node.port(), s); WsClient alice = Moderation.join(vertx, node.port(),
        s.id(), null); WsClient bob = resident(vertx, s)) {
      String aliceToken = token(alice.next("welcome"));
      String q = asked(alice, text);

      JsonObject toModerator = questionOf(next(mod, questionEvent(q, "pending")));
      assertEquals(List.of("profanity"), flags(toModerator));
      assertEquals(List.of("profanity:Đ.m"), matched(toModerator));
      assertEquals(text, toModerator.getString("text"), "nothing is cut from the text");

      JsonObject toAlice = questionOf(next(alice, questionEvent(q, "pending")));
      assertFalse(toAlice.containsKey("flags") || toAlice.containsKey("flagMatches"),
          () -> "the asker sees her question awaiting review, not why: " + toAlice);

      List<JsonObject> toBob = framesUntilClean(bob, "Phường có kế hoạch trồng thêm cây xanh không?");
      assertEquals(0, toBob.stream().filter(f -> isQuestion(f, q)).count(), () -> "bob was sent " + toBob);

      JsonObject moderatorView = question(Moderation.freshWelcome(vertx, node.port(), s.id(), s.moderatorToken()), q);
      assertEquals(List.of("profanity"), flags(moderatorView));
      assertEquals("pending", moderatorView.getString("status"));
      JsonObject ownView = question(Moderation.freshWelcome(vertx, node.port(), s.id(), aliceToken), q);
      assertEquals("pending", ownView.getString("status"));
      assertFalse(ownView.containsKey("flags"), () -> "the asker's snapshot has no flags: " + ownView);
      assertNull(question(Moderation.freshWelcome(vertx, node.port(), s.id(), null), q));
    }
  }

  @Test
  void textWithoutDiacriticsIsFlaggedAndInnocentWordsAreNot(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, node.port(), s); WsClient alice = resident(vertx, s)) {
      String profane = asked(alice, "dit me bao gio moi sua duong");
      String innocent = asked(alice, "Con đường lớn nhất phường khi nào sửa? Các bạn trẻ đi học rất nguy hiểm");

      assertEquals(List.of("profanity:dit me"), matched(questionOf(next(mod, questionEvent(profane, "pending")))));
      JsonObject live = questionOf(next(mod, questionEvent(innocent, "live")));
      assertFalse(live.containsKey("flags"), () -> "an innocent question carries no flags: " + live);
    }
  }

  @Test
  void linksAndSpamAreFlaggedAndAnAllowedDomainIsNot(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, node.port(), s); WsClient alice = resident(vertx, s)) {
      String link = asked(alice, "Xem chi tiết tại www.example.com nhé");
      String spam = asked(alice, "Nhà cái uy tín, nạp 100k tặng 100k");
      String portal = asked(alice, "Vì sao hồ sơ nộp trên dichvucong.gov.vn bị trả lại?");

      JsonObject linked = questionOf(next(mod, questionEvent(link, "pending")));
      assertEquals(List.of("link"), flags(linked));
      assertEquals(List.of("link:www.example.com"), matched(linked));
      assertEquals(List.of("spam"), flags(questionOf(next(mod, questionEvent(spam, "pending")))));
      assertFalse(questionOf(next(mod, questionEvent(portal, "live"))).containsKey("flags"));
    }
  }

  @Test
  void sameQuestionAskedAgainBySameResidentIsHeldAsARepeatButNotWhenAnotherAsks(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, node.port(), s); WsClient alice = resident(vertx, s);
         WsClient bob = resident(vertx, s)) {
      String first = asked(alice, "Khi nào có đèn đường ở hẻm 42?");
      String again = asked(alice, "khi nao co den duong o hem 42");
      String bobs = asked(bob, "Khi nào có đèn đường ở hẻm 42?");

      assertFalse(questionOf(next(mod, questionEvent(first, "live"))).containsKey("flags"));
      JsonObject repeat = questionOf(next(mod, questionEvent(again, "pending")));
      assertEquals(List.of("repeat"), flags(repeat));
      assertEquals(List.of(), matched(repeat), "a repeat marks no words");
      assertFalse(questionOf(next(mod, questionEvent(bobs, "live"))).containsKey("flags"),
          "the same words from another resident are no repeat");
    }
  }

  @Test
  void approvedFlaggedQuestionGoesLiveWithoutFlagsForResidentsAndEditScreensTheNewText(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, node.port(), s); WsClient alice = resident(vertx, s);
         WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "Đm, đường ngập cả tuần rồi!");
      next(mod, questionEvent(q, "pending"));

      ok(mod, approve(q));
      JsonObject toBob = questionOf(next(bob, questionEvent(q, "live")));
      assertFalse(toBob.containsKey("flags") || toBob.containsKey("flagMatches"), () -> "bob got " + toBob);
      assertEquals(List.of("profanity"), flags(questionOf(next(mod, questionEvent(q, "live")))),
          "moderators keep seeing why it was held");

      ok(mod, edit(q, "Đường ngập cả tuần rồi, xem www.example.com"));
      JsonObject edited = questionOf(mod.next(f -> isQuestion(f, q) && Boolean.TRUE.equals(questionOf(f)
          .getBoolean("edited")), "the edited question"));
      assertEquals(List.of("link"), flags(edited), "the edited text's flags replace the old ones");
      assertEquals("live", edited.getString("status"), "a moderator's edit is not held again");

      ok(mod, edit(q, "Đường ngập cả tuần rồi, khi nào khơi thông cống?"));
      JsonObject clean = questionOf(mod.next(f -> isQuestion(f, q) && questionOf(f).getString("text")
          .endsWith("cống?"), "the clean text"));
      assertFalse(clean.containsKey("flags"), () -> "nothing is flagged any more: " + clean);
    }
  }

  @Test
  void withHoldingSwitchedOffAFlaggedQuestionGoesLiveWithItsFlagsForModerators(Vertx vertx) {
    TownhallNode lenient = TestNodes.start(redis, TestNodes.freshPrefix(), Map.of("moderation.holdFlagged", false));
    try {
      JsonObject created = new townhall.testing.Api(lenient.port()).createSession("Phiên thoáng", "post", true);
      Created s = new Created(created.getString("id"), created.getString("moderatorToken"));
      try (WsClient mod = moderator(vertx, lenient.port(), s);
           WsClient alice = Moderation.join(vertx, lenient.port(), s.id(), null)) {
        alice.next("welcome");
        String q = asked(alice, "Đm, đường ngập cả tuần rồi!");
        assertEquals(List.of("profanity"), flags(questionOf(next(mod, questionEvent(q, "live")))));
      }
    } finally {
      TestNodes.stop(lenient);
    }
  }
}

package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static townhall.testing.Moderation.act;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.asked;
import static townhall.testing.Moderation.assertError;
import static townhall.testing.Moderation.edit;
import static townhall.testing.Moderation.next;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.question;
import static townhall.testing.Moderation.questionEvent;
import static townhall.testing.Moderation.reject;
import static townhall.testing.Moderation.restore;
import static townhall.testing.Moderation.session;
import static townhall.testing.Moderation.sessionEvent;
import static townhall.testing.Moderation.token;
import static townhall.testing.Moderation.unwithhold;
import static townhall.testing.Moderation.view;
import static townhall.testing.Moderation.withhold;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import townhall.testing.Moderation;
import townhall.testing.NodeTestBase;
import townhall.testing.WsClient;

/**
 * The record's side of moderation: a rejection's {@code category}, and {@code withhold} / {@code unwithhold} of a
 * shown question's text (see {@code docs/protocol.md}).
 */
class WithholdProtocolTest extends NodeTestBase {

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

  private WsClient resident(Vertx vertx, Created s) {
    WsClient ws = Moderation.join(vertx, node.port(), s.id(), null);
    assertEquals("resident", ws.next("welcome").getString("role"));
    return ws;
  }

  private JsonObject welcome(Vertx vertx, Created s, String token) {
    return Moderation.freshWelcome(vertx, node.port(), s.id(), token);
  }

  @Test
  void rejectionCategoryReachesTheAuthorAndModeratorsAndDefaultsToOther(Vertx vertx) {
    Created s = newSession("pre");
    try (WsClient mod = moderator(vertx, s); WsClient alice = Moderation.join(vertx, node.port(), s.id(), null)) {
      String aliceToken = token(alice.next("welcome"));
      String spam = asked(alice, "Vay tiền nhanh, xem www.example.com");
      String plain = asked(alice, "Câu hỏi không rõ ý");

      ok(mod, reject(spam, "Quảng cáo", "spam"));
      ok(mod, reject(plain, "Không rõ ý"));

      JsonObject toAlice = next(alice, questionEvent(spam, "rejected")).getJsonObject("question");
      assertEquals("spam", toAlice.getString("category"), () -> "the author learns the category: " + toAlice);
      assertEquals("other", question(welcome(vertx, s, s.moderatorToken()), plain).getString("category"));
      assertEquals("spam", question(welcome(vertx, s, aliceToken), spam).getString("category"));

      ok(mod, restore(spam));
      JsonObject restored = question(welcome(vertx, s, s.moderatorToken()), spam);
      assertFalse(restored.containsKey("category"), () -> "a restored question has no category: " + restored);
    }
  }

  @Test
  void badCategoriesAreBadRequestsAndChangeNothing(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi");
      JsonObject before = view(welcome(vertx, s, s.moderatorToken()));

      assertError("bad_request", act(mod, reject(q, "Lý do", "rude")));
      assertError("bad_request", act(mod, reject(q, "Lý do", "SPAM")));
      assertError("bad_request", act(mod, approve(q).put("category", "spam")));
      assertError("bad_request", act(mod, Moderation.moderate(q, "withhold")));
      assertError("bad_request", act(mod, withhold(q, "secret", null)));
      assertError("bad_request", act(mod, withhold(q, "personal_data", "x".repeat(201)).put("reason", " ")));
      assertError("bad_request", act(mod, approve(q).put("publishOriginal", true)));
      assertError("bad_request", act(mod, edit(q, "Câu hỏi mới").put("publishOriginal", "yes")));

      assertEquals(before, view(welcome(vertx, s, s.moderatorToken())));
    }
  }

  @Test
  void withheldQuestionIsMarkedForEveryoneUntilUnwithheld(Vertx vertx) {
    Created s = newSession("pre");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s); WsClient bob = resident(vertx, s)) {
      String q = asked(alice, "Nhà anh Tâm số 12 Lê Lợi, gọi 0903 123 456");
      assertError("conflict", act(mod, withhold(q, "personal_data", null)));
      ok(mod, approve(q));
      next(bob, questionEvent(q, "live"));

      ok(mod, withhold(q, "personal_data", "Số điện thoại"));

      JsonObject toBob = next(bob, questionEvent(q, "live")).getJsonObject("question");
      assertEquals("personal_data", toBob.getJsonObject("withheld").getString("category"));
      assertFalse(toBob.toString().contains("Số điện thoại"), () -> "the reason stays private: " + toBob);
      assertEquals("personal_data",
          question(welcome(vertx, s, null), q).getJsonObject("withheld").getString("category"));
      assertError("conflict", act(mod, withhold(q, "abusive", null)));

      ok(mod, unwithhold(q));
      JsonObject back = next(bob, questionEvent(q, "live")).getJsonObject("question");
      assertFalse(back.containsKey("withheld"), () -> "unwithheld: " + back);
      assertNull(question(welcome(vertx, s, null), q).getValue("withheld"));
      assertError("conflict", act(mod, unwithhold(q)));
    }
  }

  @Test
  void withholdIsAppliedOnceByRefAndAcceptedAfterTheClose(Vertx vertx) {
    Created s = newSession("post");
    try (WsClient mod = moderator(vertx, s); WsClient alice = resident(vertx, s)) {
      String q = asked(alice, "Câu hỏi có tên người khác");
      ok(mod, session("close"));
      next(mod, sessionEvent("closed"));
      assertError("closed", act(mod, reject(q, "Muộn", "spam")));

      String ref = Moderation.uniqueRef();
      mod.send(withhold(q, "personal_data", null).put("ref", ref));
      assertEquals("ack", mod.answerToKeeping(ref).getString("type"));
      mod.send(withhold(q, "personal_data", null).put("ref", ref));
      JsonObject again = mod.answerToKeeping(ref);
      assertEquals(Boolean.TRUE, again.getBoolean("duplicate"), () -> "a repeated ref is not applied again: " + again);
      assertEquals("personal_data",
          question(welcome(vertx, s, s.moderatorToken()), q).getJsonObject("withheld").getString("category"));
    }
  }
}

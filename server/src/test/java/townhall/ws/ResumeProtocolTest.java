package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.NodeTestBase;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/** Identity across hellos (tokens) and resuming after a disconnect ({@code since} and {@code epoch}). */
class ResumeProtocolTest extends NodeTestBase {

  /** Replaces this test's node by one with these settings. */
  private void restartNodeWith(Map<String, ?> overrides) {
    TestNodes.stop(node);
    node = null;
    node = TestNodes.start(redis, TestNodes.freshPrefix(), overrides);
    api = new Api(node.port());
  }

  private String session(String moderation) {
    return api.createSession("Phiên thử kết nối lại", moderation, true).getString("id");
  }

  private WsClient join(Vertx vertx, String sessionId, JsonObject hello) {
    return WsClient.join(vertx, node.port(), sessionId, hello);
  }

  private JsonObject welcome(Vertx vertx, String sessionId, JsonObject hello) {
    return Msg.freshWelcome(vertx, node.port(), sessionId, hello);
  }

  private static String askOk(WsClient ws, String text) {
    JsonObject ack = ws.actKeeping(Msg.ask(text));
    assertEquals("ack", ack.getString("type"), () -> "ask refused: " + ack);
    return ack.getString("questionId");
  }

  private static JsonObject resume(String token, long since, String epoch) {
    return Msg.hello(token).put("since", since).put("epoch", epoch);
  }

  /** The next frame that is not a presence count (presence carries no seq and may come at any time). */
  private static JsonObject nextNonPresence(WsClient ws) {
    return ws.next(f -> !"presence".equals(f.getString("type")), "a frame other than presence");
  }

  // ---------------------------------------------------------------- identity

  @Test
  void helloWithTheTokenOfAWelcomeKeepsTheIdentityAndItsVotedAndMineFlags(Vertx vertx) {
    String sessionId = session("post");
    String aliceId;
    String token;
    String own;
    String upvoted;
    try (WsClient alice = join(vertx, sessionId, Msg.hello()); WsClient bob = join(vertx, sessionId, Msg.hello())) {
      JsonObject first = alice.next("welcome");
      aliceId = Msg.participantId(first);
      token = Msg.token(first);
      bob.next("welcome");
      own = askOk(alice, "Câu hỏi của Alice");
      upvoted = askOk(bob, "Câu hỏi của Bob");
      assertEquals(1, alice.actKeeping(Msg.vote(upvoted, 1)).getInteger("votes"));
    }

    JsonObject again = welcome(vertx, sessionId, Msg.hello(token));
    assertEquals(aliceId, Msg.participantId(again));
    assertEquals("resident", again.getString("role"));
    JsonObject mine = Msg.question(again, own);
    assertEquals(Boolean.TRUE, mine.getBoolean("mine"));
    assertEquals(Boolean.FALSE, mine.getBoolean("voted"));
    JsonObject theirs = Msg.question(again, upvoted);
    assertEquals(Boolean.FALSE, theirs.getBoolean("mine"));
    assertEquals(Boolean.TRUE, theirs.getBoolean("voted"));

    // the token given with the second welcome is as good as the first
    assertEquals(aliceId, Msg.participantId(welcome(vertx, sessionId, Msg.hello(Msg.token(again)))));

    JsonObject stranger = welcome(vertx, sessionId, Msg.hello());
    assertNotEquals(aliceId, Msg.participantId(stranger), "no token: a new identity");
    assertEquals(Boolean.FALSE, Msg.question(stranger, own).getBoolean("mine"));
    assertEquals(Boolean.FALSE, Msg.question(stranger, upvoted).getBoolean("voted"));
  }

  // ---------------------------------------------------------------- resume

  @Test
  void resumeDeliversExactlyTheMissedEventsInSeqOrderThenCurrentCounts(Vertx vertx) {
    String sessionId = session("post");
    try (WsClient bob = join(vertx, sessionId, Msg.hello())) {
      bob.next("welcome");
      String before = askOk(bob, "Câu hỏi trước khi Alice rời đi");

      long seq;
      String epoch;
      String token;
      String aliceId;
      try (WsClient alice = join(vertx, sessionId, Msg.hello())) {
        JsonObject first = alice.next("welcome");
        seq = first.getLong("seq");
        epoch = first.getString("epoch");
        token = Msg.token(first);
        aliceId = Msg.participantId(first);
        assertNotNull(epoch);
        assertNotNull(Msg.question(first, before));
      }

      String missedOne = askOk(bob, "Câu hỏi thứ nhất khi Alice vắng");
      String missedTwo = askOk(bob, "Câu hỏi thứ hai khi Alice vắng");
      assertEquals(1, bob.actKeeping(Msg.vote(missedOne, 1)).getInteger("votes"));
      assertEquals(1, bob.actKeeping(Msg.vote(before, 1)).getInteger("votes"));

      try (WsClient alice = join(vertx, sessionId, resume(token, seq, epoch))) {
        JsonObject resumed = nextNonPresence(alice);
        assertEquals("resumed", resumed.getString("type"), () -> "expected resumed, got " + resumed);
        assertEquals(aliceId, Msg.participantId(resumed));
        assertEquals("resident", resumed.getString("role"));
        assertEquals(seq, resumed.getLong("since"));
        assertEquals(seq + 2, resumed.getLong("seq"));
        assertEquals(epoch, resumed.getString("epoch"));
        assertNotNull(resumed.getInteger("presence"));

        JsonObject one = nextNonPresence(alice);
        assertTrue(Msg.isQuestionEvent(one, missedOne), () -> "first missed event, got " + one);
        assertEquals(seq + 1, one.getLong("seq"));
        JsonObject two = nextNonPresence(alice);
        assertTrue(Msg.isQuestionEvent(two, missedTwo), () -> "second missed event, got " + two);
        assertEquals(seq + 2, two.getLong("seq"));

        JsonObject votes = nextNonPresence(alice);
        assertEquals("votes", votes.getString("type"), () -> "current counts after the events, got " + votes);
        JsonObject counts = votes.getJsonObject("counts");
        assertEquals(1, counts.getInteger(before));
        assertEquals(1, counts.getInteger(missedOne));
        assertEquals(0, counts.getInteger(missedTwo));

        // then live events
        String live = askOk(bob, "Câu hỏi sau khi Alice quay lại");
        JsonObject next = nextNonPresence(alice);
        assertTrue(Msg.isQuestionEvent(next, live), () -> "the live event, got " + next);
        assertEquals(seq + 3, next.getLong("seq"));
      }
    }
  }

  @Test
  void resumeWithNothingMissedGivesResumedAndCounts(Vertx vertx) {
    String sessionId = session("post");
    try (WsClient alice = join(vertx, sessionId, Msg.hello())) {
      JsonObject first = alice.next("welcome");
      String questionId = askOk(alice, "Câu hỏi duy nhất");
      JsonObject event = alice.next(f -> Msg.isQuestionEvent(f, questionId), "the question");
      long seq = event.getLong("seq");
      try (WsClient again = join(vertx, sessionId, resume(Msg.token(first), seq, first.getString("epoch")))) {
        JsonObject resumed = nextNonPresence(again);
        assertEquals("resumed", resumed.getString("type"), () -> "got " + resumed);
        assertEquals(seq, resumed.getLong("seq"));
        JsonObject votes = nextNonPresence(again);
        assertEquals("votes", votes.getString("type"), () -> "no events, then the counts; got " + votes);
        assertEquals(0, votes.getJsonObject("counts").getInteger(questionId));
      }
    }
  }

  @Test
  void resumeReplaysOnlyEventsTheParticipantMaySee(Vertx vertx) {
    JsonObject created = api.createSession("Phiên kiểm duyệt", "pre", true);
    String sessionId = created.getString("id");
    JsonObject first = welcome(vertx, sessionId, Msg.hello());
    JsonObject moderatorFirst = welcome(vertx, sessionId, Msg.hello(created.getString("moderatorToken")));
    long seq = first.getLong("seq");
    String epoch = first.getString("epoch");

    String others;
    String own;
    try (WsClient bob = join(vertx, sessionId, Msg.hello());
         WsClient aliceOtherTab = join(vertx, sessionId, Msg.hello(Msg.token(first)))) {
      bob.next("welcome");
      aliceOtherTab.next("welcome");
      others = askOk(bob, "Câu hỏi chờ duyệt của Bob");
      own = askOk(aliceOtherTab, "Câu hỏi chờ duyệt của Alice");
    }

    try (WsClient alice = join(vertx, sessionId, resume(Msg.token(first), seq, epoch))) {
      JsonObject resumed = nextNonPresence(alice);
      assertEquals("resumed", resumed.getString("type"), () -> "got " + resumed);
      assertEquals(seq + 2, resumed.getLong("seq"));
      JsonObject mine = nextNonPresence(alice);
      assertTrue(Msg.isQuestionEvent(mine, own), () -> "her own pending question, got " + mine);
      assertEquals("pending", mine.getJsonObject("question").getString("status"));
      JsonObject votes = nextNonPresence(alice);
      assertEquals("votes", votes.getString("type"), () -> "bob's pending question is not replayed; got " + votes);
    }

    try (WsClient moderator = join(vertx, sessionId,
        resume(Msg.token(moderatorFirst), moderatorFirst.getLong("seq"), epoch))) {
      JsonObject resumed = nextNonPresence(moderator);
      assertEquals("resumed", resumed.getString("type"), () -> "got " + resumed);
      assertEquals("moderator", resumed.getString("role"));
      assertTrue(Msg.isQuestionEvent(nextNonPresence(moderator), others), "moderators get every event");
      assertTrue(Msg.isQuestionEvent(nextNonPresence(moderator), own));
      assertEquals("votes", nextNonPresence(moderator).getString("type"));
    }
  }

  @Test
  void sinceInTheFutureGivesAFullWelcome(Vertx vertx) {
    String sessionId = session("post");
    try (WsClient alice = join(vertx, sessionId, Msg.hello())) {
      JsonObject first = alice.next("welcome");
      String questionId = askOk(alice, "Một câu hỏi");
      long seq = alice.next(f -> Msg.isQuestionEvent(f, questionId), "the question").getLong("seq");

      JsonObject answer = welcomeOrResumed(vertx, sessionId,
          resume(Msg.token(first), seq + 1, first.getString("epoch")));
      assertEquals("welcome", answer.getString("type"), () -> "got " + answer);
      assertEquals(seq, answer.getLong("seq"));
      assertNotNull(Msg.question(answer, questionId));
      assertEquals(Msg.participantId(first), Msg.participantId(answer), "the identity is kept all the same");
    }
  }

  @Test
  void sinceWithAnotherEpochGivesAFullWelcome(Vertx vertx) {
    String sessionId = session("post");
    try (WsClient alice = join(vertx, sessionId, Msg.hello())) {
      JsonObject first = alice.next("welcome");
      String questionId = askOk(alice, "Một câu hỏi");
      alice.next(f -> Msg.isQuestionEvent(f, questionId), "the question");

      JsonObject answer = welcomeOrResumed(vertx, sessionId,
          resume(Msg.token(first), first.getLong("seq"), first.getString("epoch") + "x"));
      assertEquals("welcome", answer.getString("type"), () -> "got " + answer);
      assertNotNull(Msg.question(answer, questionId));

      JsonObject otherSession = welcome(vertx, session("post"), Msg.hello());
      assertNotEquals(first.getString("epoch"), otherSession.getString("epoch"), "each session has its epoch");
      JsonObject foreignEpoch = welcomeOrResumed(vertx, sessionId,
          resume(Msg.token(first), first.getLong("seq"), otherSession.getString("epoch")));
      assertEquals("welcome", foreignEpoch.getString("type"), () -> "got " + foreignEpoch);
    }
  }

  @Test
  void sinceOlderThanTheKeptLogGivesAFullWelcome(Vertx vertx) {
    restartNodeWith(Map.of("limits.eventLogLength", 10));
    String sessionId = session("post");
    JsonObject first = welcome(vertx, sessionId, Msg.hello());
    long seq = first.getLong("seq");
    String epoch = first.getString("epoch");
    int kept = 10;
    List<String> asked = new ArrayList<>();
    try (WsClient bob = join(vertx, sessionId, Msg.hello())) {
      bob.next("welcome");
      for (int i = 0; i <= kept; i++) {
        asked.add(askOk(bob, "Câu hỏi số " + i));
      }
    }

    JsonObject answer = welcomeOrResumed(vertx, sessionId, resume(Msg.token(first), seq, epoch));
    assertEquals("welcome", answer.getString("type"), () -> "the log keeps " + kept + " events; got " + answer);
    assertEquals(seq + asked.size(), answer.getLong("seq"));
    asked.forEach(id -> assertNotNull(Msg.question(answer, id), () -> "snapshot lacks " + id));

    // the newest 'kept' events are still covered
    try (WsClient alice = join(vertx, sessionId, resume(Msg.token(first), seq + 1, epoch))) {
      JsonObject resumed = nextNonPresence(alice);
      assertEquals("resumed", resumed.getString("type"), () -> "got " + resumed);
      for (int i = 1; i < asked.size(); i++) {
        JsonObject event = nextNonPresence(alice);
        assertTrue(Msg.isQuestionEvent(event, asked.get(i)), "event " + i + " was " + event);
      }
      assertEquals("votes", nextNonPresence(alice).getString("type"));
    }
  }

  private JsonObject welcomeOrResumed(Vertx vertx, String sessionId, JsonObject hello) {
    try (WsClient ws = join(vertx, sessionId, hello)) {
      JsonObject answer = ws.next(f -> "welcome".equals(f.getString("type"))
          || "resumed".equals(f.getString("type")), "a welcome or resumed frame");
      assertNull(answer.getString("ref"));
      return answer;
    }
  }
}

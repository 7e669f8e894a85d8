package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Moderation.answer;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.archive;
import static townhall.testing.Moderation.asked;
import static townhall.testing.Moderation.assertError;
import static townhall.testing.Moderation.edit;
import static townhall.testing.Moderation.highlight;
import static townhall.testing.Moderation.isQuestion;
import static townhall.testing.Moderation.isStage;
import static townhall.testing.Moderation.next;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.question;
import static townhall.testing.Moderation.questionEvent;
import static townhall.testing.Moderation.reject;
import static townhall.testing.Moderation.sendOnly;
import static townhall.testing.Moderation.sequenced;
import static townhall.testing.Moderation.session;
import static townhall.testing.Moderation.sessionEvent;
import static townhall.testing.Moderation.until;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;
import townhall.testing.WsClient;

/**
 * Two moderators act on the same thing at the same moment, on one node or on two nodes sharing one Redis: exactly
 * one wins where only one can, and every screen ends with the same state.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ModeratorRaceTest {
  private static final int ROUNDS = 6;

  private static TestRedis redis;
  private String prefix;
  private TownhallNode first;
  private TownhallNode second;
  private Api api;

  /** Where the second moderator (and a second resident) connects. */
  enum Topology {
    ONE_NODE, TWO_NODES
  }

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startNode() {
    prefix = TestNodes.freshPrefix();
    first = TestNodes.start(redis, prefix);
    api = new Api(first.port());
  }

  @AfterEach
  void stopNodes() {
    TestNodes.stop(second);
    TestNodes.stop(first);
  }

  /** The node the other moderator uses: the first one, or a second node on the same Redis and key prefix. */
  private int otherPort(Topology topology) {
    if (topology == Topology.ONE_NODE) {
      return first.port();
    }
    if (second == null) {
      second = TestNodes.start(redis, prefix);
    }
    return second.port();
  }

  private static WsClient join(Vertx vertx, int port, String sessionId, String token, String role) {
    WsClient ws = Moderation.join(vertx, port, sessionId, token);
    assertEquals(role, ws.next("welcome").getString("role"));
    return ws;
  }

  // ---------------------------------------------------------------- exclusive decisions

  /**
   * Decisions of which only one can apply: two approvals of a pending question, or a rejection and an archiving
   * of a live question. The loser gets {@code conflict}; every screen ends with the winner's state.
   */
  @ParameterizedTest
  @EnumSource(Topology.class)
  void exclusiveDecisionsAtTheSameMomentOneWinsTheOtherIsAConflict(Topology topology, Vertx vertx) {
    JsonObject created = api.createSession("Cuộc đua kiểm duyệt", "pre", true);
    String sessionId = created.getString("id");
    String token = created.getString("moderatorToken");
    int otherPort = otherPort(topology);
    try (WsClient m1 = join(vertx, first.port(), sessionId, token, "moderator");
         WsClient m2 = join(vertx, otherPort, sessionId, token, "moderator");
         WsClient author = join(vertx, first.port(), sessionId, null, "resident");
         WsClient watcher = join(vertx, otherPort, sessionId, null, "resident")) {
      for (int round = 0; round < 2 * ROUNDS; round++) {
        boolean approvals = round % 2 == 0;
        String q = asked(author, "Câu hỏi số " + round);
        if (!approvals) {
          ok(m1, approve(q));
          next(watcher, questionEvent(q, "live"));
        }
        String before = approvals ? "pending" : "live";
        next(m1, questionEvent(q, before));
        next(m2, questionEvent(q, before));

        JsonObject action1 = approvals ? approve(q) : reject(q, "Trùng lặp");
        JsonObject action2 = approvals ? approve(q) : archive(q);
        boolean firstGoesFirst = round % 4 < 2;
        String ref1;
        String ref2;
        if (firstGoesFirst) {
          ref1 = sendOnly(m1, action1);
          ref2 = sendOnly(m2, action2);
        } else {
          ref2 = sendOnly(m2, action2);
          ref1 = sendOnly(m1, action1);
        }
        JsonObject answer1 = m1.answerToKeeping(ref1);
        JsonObject answer2 = m2.answerToKeeping(ref2);
        boolean firstWon = "ack".equals(answer1.getString("type"));
        boolean secondWon = "ack".equals(answer2.getString("type"));
        assertTrue(firstWon ^ secondWon, () -> "exactly one may win: " + answer1 + " / " + answer2);
        assertError("conflict", firstWon ? answer2 : answer1);
        String status = approvals ? "live" : firstWon ? "rejected" : "archived";

        // a later question is the marker: everything about q was delivered before it, in seq order
        String marker = asked(author, "Câu hỏi đánh dấu " + round);
        List<JsonObject> seenBy1 = until(m1, questionEvent(marker, "pending"));
        List<JsonObject> seenBy2 = until(m2, questionEvent(marker, "pending"));
        List<JsonObject> final1 = seenBy1.stream().filter(f -> isQuestion(f, q)).toList();
        List<JsonObject> final2 = seenBy2.stream().filter(f -> isQuestion(f, q)).toList();
        assertEquals(1, final1.size(), () -> "one change of " + q + " reaches moderator 1: " + seenBy1);
        assertEquals(final1, final2, "both moderator screens receive the same final question event");
        assertEquals(status, final1.get(0).getJsonObject("question").getString("status"));

        List<JsonObject> toAuthor = until(author, questionEvent(marker, "pending"));
        assertEquals(1, toAuthor.stream().filter(questionEvent(q, status)).count(), () -> "author saw " + toAuthor);
        if (!approvals) {
          String loser = firstWon ? "archived" : "rejected";
          assertEquals(0, toAuthor.stream().filter(questionEvent(q, loser)).count(), () -> "author saw " + toAuthor);
        }
        JsonObject view = Moderation.freshWelcome(vertx, otherPort, sessionId, token);
        assertEquals(status, question(view, q).getString("status"), "the stored state is the winner's");
        JsonObject toWatcher = next(watcher, questionEvent(q, status));
        assertEquals(final1.get(0).getLong("seq"), toWatcher.getLong("seq"), "residents get the same change");
      }
    }
  }

  // ---------------------------------------------------------------- approve vs reject

  /**
   * Approve applies to pending questions only, reject to pending and live ones (docs/protocol.md). Sent at the same
   * moment, either reject lands first and approve no longer applies ({@code conflict}), or approve lands first and
   * the live question is then rejected. Either way every screen receives the same changes in the same order and
   * ends with the stored state.
   */
  @ParameterizedTest
  @EnumSource(Topology.class)
  void approveAndRejectAtTheSameMomentGiveOneOrderThatEveryScreenShares(Topology topology, Vertx vertx) {
    JsonObject created = api.createSession("Duyệt và từ chối cùng lúc", "pre", true);
    String sessionId = created.getString("id");
    String token = created.getString("moderatorToken");
    int otherPort = otherPort(topology);
    try (WsClient m1 = join(vertx, first.port(), sessionId, token, "moderator");
         WsClient m2 = join(vertx, otherPort, sessionId, token, "moderator");
         WsClient author = join(vertx, first.port(), sessionId, null, "resident");
         WsClient watcher = join(vertx, otherPort, sessionId, null, "resident")) {
      for (int round = 0; round < ROUNDS; round++) {
        String q = asked(author, "Câu hỏi số " + round);
        next(m1, questionEvent(q, "pending"));
        next(m2, questionEvent(q, "pending"));

        String approveRef;
        String rejectRef;
        if (round % 2 == 0) {
          approveRef = sendOnly(m1, approve(q));
          rejectRef = sendOnly(m2, reject(q, "Trùng lặp"));
        } else {
          rejectRef = sendOnly(m2, reject(q, "Trùng lặp"));
          approveRef = sendOnly(m1, approve(q));
        }
        JsonObject approveAnswer = m1.answerToKeeping(approveRef);
        assertEquals("ack", m2.answerToKeeping(rejectRef).getString("type"), "reject applies either way");
        boolean approveApplied = "ack".equals(approveAnswer.getString("type"));
        if (!approveApplied) {
          assertEquals("conflict", approveAnswer.getString("code"), () -> "approve after reject: " + approveAnswer);
        }

        String marker = asked(author, "Câu hỏi đánh dấu " + round);
        List<JsonObject> changes1 = changesOf(q, until(m1, questionEvent(marker, "pending")));
        List<JsonObject> changes2 = changesOf(q, until(m2, questionEvent(marker, "pending")));
        assertEquals(changes1, changes2, "both moderators receive the same changes in the same order");
        List<String> order = changes1.stream().map(f -> f.getJsonObject("question").getString("status")).toList();
        assertEquals(approveApplied ? List.of("live", "rejected") : List.of("rejected"), order,
            () -> "the changes: " + order);

        List<JsonObject> toAuthor = changesOf(q, until(author, questionEvent(marker, "pending")));
        assertEquals(order, toAuthor.stream().map(f -> f.getJsonObject("question").getString("status")).toList());
        assertEquals("rejected", question(Moderation.freshWelcome(vertx, otherPort, sessionId, token), q)
            .getString("status"), "the stored state is the rejection");

        // a resident sees the question only if it was live for a while, and then its end, never the reason
        String probe = asked(author, "Câu hỏi dò " + round);
        ok(m1, approve(probe));
        List<JsonObject> toWatcher = changesOf(q, until(watcher, questionEvent(probe, "live")));
        List<String> expected = approveApplied ? order : List.of();
        assertEquals(expected, toWatcher.stream().map(f -> f.getJsonObject("question").getString("status")).toList());
        toWatcher.forEach(f -> assertFalse(f.getJsonObject("question").containsKey("reason")));
      }
    }
  }

  private static List<JsonObject> changesOf(String questionId, List<JsonObject> frames) {
    return frames.stream().filter(f -> isQuestion(f, questionId) && !isQuestion(f, questionId, "pending")).toList();
  }

  // ---------------------------------------------------------------- two highlights

  @ParameterizedTest
  @EnumSource(Topology.class)
  void twoHighlightsAtTheSameMomentBothSucceedAndEveryScreenEndsWithTheSameStage(Topology topology, Vertx vertx) {
    JsonObject created = api.createSession("Hai câu hỏi lên sân khấu", "post", true);
    String sessionId = created.getString("id");
    String token = created.getString("moderatorToken");
    int otherPort = otherPort(topology);
    try (WsClient m1 = join(vertx, first.port(), sessionId, token, "moderator");
         WsClient m2 = join(vertx, otherPort, sessionId, token, "moderator");
         WsClient author = join(vertx, first.port(), sessionId, null, "resident");
         WsClient watcher = join(vertx, otherPort, sessionId, null, "resident")) {
      for (int round = 0; round < ROUNDS; round++) {
        String q1 = asked(author, "Câu hỏi A" + round);
        String q2 = asked(author, "Câu hỏi B" + round);
        String ref1 = sendOnly(m1, highlight(q1));
        String ref2 = sendOnly(m2, highlight(q2));
        JsonObject a1 = m1.answerToKeeping(ref1);
        JsonObject a2 = m2.answerToKeeping(ref2);
        assertEquals("ack", a1.getString("type"), () -> "both highlights apply: " + a1);
        assertEquals("ack", a2.getString("type"), () -> "both highlights apply: " + a2);

        List<List<JsonObject>> stages = new ArrayList<>();
        for (WsClient ws : List.of(m1, m2, author, watcher)) {
          List<JsonObject> seen = new ArrayList<>();
          seen.add(ws.next(f -> isStage(f), "the first stage event"));
          seen.add(ws.next(f -> isStage(f), "the second stage event"));
          stages.add(seen);
        }
        for (List<JsonObject> seen : stages) {
          assertEquals(stages.get(0), seen, "every screen receives the same stage events in the same order");
        }
        String shown = stages.get(0).get(1).getString("questionId");
        assertTrue(shown.equals(q1) || shown.equals(q2), () -> "the stage shows one of the two: " + stages);
        assertNotEquals(shown, stages.get(0).get(0).getString("questionId"), "the last highlight replaced the first");
        assertEquals(shown, Moderation.freshWelcome(vertx, otherPort, sessionId, null).getString("stage"),
            "the stored stage is the last one every screen shows");
        assertEquals(shown, Moderation.freshWelcome(vertx, first.port(), sessionId, token).getString("stage"));
      }
    }
  }

  // ---------------------------------------------------------------- seeing each other

  @ParameterizedTest
  @EnumSource(Topology.class)
  void eachModeratorSeesEveryActionOfTheOtherInTheSameOrder(Topology topology, Vertx vertx) {
    JsonObject created = api.createSession("Hai người kiểm duyệt", "pre", true);
    String sessionId = created.getString("id");
    String token = created.getString("moderatorToken");
    int otherPort = otherPort(topology);
    try (WsClient m1 = join(vertx, first.port(), sessionId, token, "moderator");
         WsClient m2 = join(vertx, otherPort, sessionId, token, "moderator");
         WsClient author = join(vertx, first.port(), sessionId, null, "resident")) {
      String q1 = asked(author, "Câu hỏi một");
      String q2 = asked(author, "Câu hỏi hai");
      String q3 = asked(author, "Câu hỏi ba");

      ok(m1, approve(q1));
      ok(m2, approve(q2));
      ok(m1, edit(q2, "Câu hỏi hai (đã sửa)"));
      ok(m2, answer(q1, "Đã có kế hoạch."));
      ok(m1, highlight(q1));
      ok(m2, reject(q3, "Không liên quan"));
      ok(m1, archive(q2));
      ok(m2, session("pause"));
      ok(m1, session("open"));

      List<JsonObject> events1 = sequenced(until(m1, sessionEvent("open")));
      List<JsonObject> events2 = sequenced(until(m2, sessionEvent("open")));
      assertEquals(events1, events2, "both moderators receive every event, the same, in the same order");

      List<String> expected = List.of("question " + q1 + " pending", "question " + q2 + " pending",
          "question " + q3 + " pending", "question " + q1 + " live", "question " + q2 + " live",
          "question " + q2 + " live", "question " + q1 + " answered", "stage " + q1, "question " + q3 + " rejected",
          "question " + q2 + " archived", "session paused", "session open");
      assertEquals(expected, events1.stream().map(ModeratorRaceTest::describe).toList());
      for (int i = 1; i < events1.size(); i++) {
        assertEquals(events1.get(i - 1).getLong("seq") + 1, events1.get(i).getLong("seq"),
            () -> "moderators miss no seq: " + events1);
      }
      assertEquals("Câu hỏi hai (đã sửa)", events2.get(5).getJsonObject("question").getString("text"));
      assertEquals("Không liên quan", events1.get(8).getJsonObject("question").getString("reason"));
    }
  }

  private static String describe(JsonObject event) {
    return switch (event.getString("type")) {
      case "question" -> "question " + event.getJsonObject("question").getString("id") + " "
          + event.getJsonObject("question").getString("status");
      case "stage" -> "stage " + event.getString("questionId");
      case "session" -> "session " + event.getJsonObject("session").getString("status");
      default -> event.getString("type");
    };
  }
}

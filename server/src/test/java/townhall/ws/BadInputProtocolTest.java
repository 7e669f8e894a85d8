package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.NodeTestBase;
import townhall.testing.Await;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/** Every refusal a client can provoke over the WebSocket, and that the socket survives each one that is not fatal. */
class BadInputProtocolTest extends NodeTestBase {
  private static final int MESSAGE_LIMIT = 16 * 1024;


  private void restartNodeWith(Map<String, ?> overrides) {
    TestNodes.stop(node);
    node = null;
    node = TestNodes.start(redis, TestNodes.freshPrefix(), overrides);
    api = new Api(node.port());
  }

  private String session() {
    return api.createSession("Phiên thử dữ liệu sai", "post", true).getString("id");
  }

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

  /** Sends a raw frame and answers the error it provokes (the next error frame). */
  private static JsonObject errorFor(WsClient ws, String raw) {
    ws.sendRaw(raw);
    return ws.nextKeeping(f -> "error".equals(f.getString("type")), "an error for " + raw);
  }

  private static void assertBadRequest(JsonObject error) {
    assertEquals("error", error.getString("type"), () -> "expected an error, got " + error);
    assertEquals("bad_request", error.getString("code"), () -> "error frame: " + error);
    assertNotNull(error.getString("message"));
  }

  /** Sends a raw frame carrying {@code ref}; the answer must be a bad_request for that ref. */
  private static void assertRefusedWithRef(WsClient ws, String ref, String raw) {
    ws.sendRaw(raw);
    JsonObject answer = ws.answerToKeeping(ref);
    assertBadRequest(answer);
  }

  private void assertNoQuestions(Vertx vertx, String sessionId) {
    assertEquals(0, welcome(vertx, sessionId, Msg.hello()).getJsonArray("questions").size(),
        "a refused message changed nothing");
  }

  // ---------------------------------------------------------------- malformed frames

  @Test
  void malformedJsonIsABadRequestAndTheSocketStaysOpen(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId)) {
      for (String raw : List.of("{\"type\":\"ask\",", "not json", "{}}", "", "null", "42", "\"ping\"", "true")) {
        JsonObject error = errorFor(alice, raw);
        assertBadRequest(error);
        assertNull(error.getString("ref"), () -> "no readable ref in " + raw);
        alice.assertAnswering();
      }
      assertFalse(alice.isClosed());
    }
  }

  @Test
  void jsonArrayIsABadRequestAndTheSocketStaysOpen(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId)) {
      assertBadRequest(errorFor(alice, "[{\"type\":\"ping\"}]"));
      alice.assertAnswering();
      assertBadRequest(errorFor(alice, "[]"));
      alice.assertAnswering();
    }
  }

  @Test
  void unknownOrMissingTypeIsABadRequestCarryingTheRef(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId)) {
      assertRefusedWithRef(alice, "t-1", "{\"type\":\"shout\",\"ref\":\"t-1\",\"text\":\"Xin chào\"}");
      alice.assertAnswering();
      assertRefusedWithRef(alice, "t-2", "{\"ref\":\"t-2\",\"text\":\"Không có type\"}");
      alice.assertAnswering();
      assertRefusedWithRef(alice, "t-3", "{\"type\":7,\"ref\":\"t-3\"}");
      alice.assertAnswering();
      assertRefusedWithRef(alice, "t-4", "{\"type\":\"ASK\",\"ref\":\"t-4\",\"text\":\"Chữ hoa\"}");
      alice.assertAnswering();
      assertRefusedWithRef(alice, "t-5", "{\"type\":null,\"ref\":\"t-5\"}");
      alice.assertAnswering();
      assertNoQuestions(vertx, sessionId);
    }
  }

  @Test
  void unknownFieldIsABadRequestAndNothingIsAsked(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId)) {
      assertRefusedWithRef(alice, "u-1",
          "{\"type\":\"ask\",\"ref\":\"u-1\",\"text\":\"Tôi là điều hành viên\",\"role\":\"moderator\"}");
      alice.assertAnswering();
      assertRefusedWithRef(alice, "u-2", "{\"type\":\"ask\",\"ref\":\"u-2\",\"text\":\"Câu hỏi\",\"status\":\"live\"}");
      alice.assertAnswering();
      assertBadRequest(errorFor(alice, "{\"type\":\"ping\",\"extra\":1}"));
      alice.assertAnswering();
      assertNoQuestions(vertx, sessionId);
      assertEquals("ack", alice.actKeeping(Msg.ask("Câu hỏi hợp lệ")).getString("type"), "the socket still works");
    }
  }

  @Test
  void fieldsOfTheWrongTypeAreBadRequestsAndChangeNothing(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId)) {
      String questionId = askOk(alice, "Câu hỏi để bỏ phiếu");
      List<JsonObject> wrong = List.of(
          Msg.vote(questionId, 1).put("value", "1"),
          Msg.vote(questionId, 1).put("value", 2),
          Msg.vote(questionId, 1).put("value", -1),
          Msg.vote(questionId, 1).put("value", true),
          Msg.vote(questionId, 1).put("value", 1.0),
          Msg.vote(questionId, 1).putNull("value"),
          Msg.vote(questionId, 1).put("questionId", 1),
          Msg.vote(questionId, 1).put("questionId", new io.vertx.core.json.JsonArray().add(questionId)),
          Msg.vote(questionId, 1).putNull("questionId"),
          Msg.withdraw(questionId).put("questionId", new JsonObject().put("id", questionId)),
          Msg.ask("Câu hỏi").put("text", 42),
          Msg.ask("Câu hỏi").put("author", 7));
      for (JsonObject message : wrong) {
        JsonObject answer = bob.actKeeping(message);
        assertEquals("error", answer.getString("type"), () -> message + " answered " + answer);
        assertEquals("bad_request", answer.getString("code"), () -> message + " answered " + answer);
      }
      bob.assertAnswering();

      JsonObject after = welcome(vertx, sessionId, Msg.hello());
      assertEquals(0, Msg.question(after, questionId).getInteger("votes"), "no refused vote was counted");
      assertEquals(1, after.getJsonArray("questions").size(), "no refused ask was stored");
      assertEquals(1, bob.actKeeping(Msg.vote(questionId, 1)).getInteger("votes"), "a well-typed vote counts");
    }
  }

  @Test
  void refLongerThan64CharactersOrMissingIsABadRequest(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId)) {
      String tooLong = "r".repeat(65);
      JsonObject error = errorFor(alice, Msg.ask("Câu hỏi với ref quá dài").put("ref", tooLong).encode());
      assertBadRequest(error);
      alice.assertAnswering();
      assertBadRequest(errorFor(alice, Msg.ask("Câu hỏi không có ref").encode()));
      alice.assertAnswering();
      assertBadRequest(errorFor(alice, Msg.ask("Câu hỏi với ref rỗng").put("ref", "").encode()));
      assertBadRequest(errorFor(alice, Msg.ask("Câu hỏi với ref là số").put("ref", 12).encode()));
      assertBadRequest(errorFor(alice, Msg.vote("1", 1).encode()));
      alice.assertAnswering();
      assertNoQuestions(vertx, sessionId);

      String longest = "r".repeat(64);
      alice.send(Msg.ask("Câu hỏi với ref dài nhất").put("ref", longest));
      JsonObject ack = alice.answerToKeeping(longest);
      assertEquals("ack", ack.getString("type"), () -> "a 64-character ref is allowed: " + ack);
    }
  }

  // ---------------------------------------------------------------- order and roles

  @Test
  void actionsBeforeHelloAreRefusedAndAppliedNever(Vertx vertx) {
    String sessionId = session();
    try (WsClient early = WsClient.connect(vertx, node.port(), sessionId)) {
      early.send(Msg.ask("Hỏi trước khi chào").put("ref", "early-1"));
      JsonObject error = early.answerToKeeping("early-1");
      assertBadRequest(error);
      assertEquals("Say hello first", error.getString("message"));
      early.send(Msg.vote("1", 1).put("ref", "early-2"));
      assertEquals("Say hello first", early.answerToKeeping("early-2").getString("message"));
      early.send(new JsonObject().put("type", "ping"));
      JsonObject pingError = early.next(f -> "error".equals(f.getString("type")) || "pong".equals(f.getString("type")),
          "an answer to the early ping");
      assertBadRequest(pingError);
      assertFalse(early.isClosed());

      early.send(new JsonObject().put("type", "hello"));
      JsonObject welcome = early.next("welcome");
      assertEquals(0, welcome.getJsonArray("questions").size(), "the early ask was not applied");
      early.assertAnswering();
    }
  }

  @Test
  void aSecondHelloIsABadRequestAndKeepsTheIdentity(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      String token = Msg.token(alice.next("welcome"));
      alice.send(new JsonObject().put("type", "hello"));
      assertBadRequest(alice.nextKeeping(f -> "error".equals(f.getString("type")), "an error for the second hello"));
      List<JsonObject> frames = alice.framesBeforePong();
      assertTrue(frames.stream().noneMatch(f -> "welcome".equals(f.getString("type"))), () -> "got " + frames);

      String questionId = askOk(alice, "Vẫn là Alice");
      assertEquals(Boolean.TRUE, Msg.question(welcome(vertx, sessionId, Msg.hello(token)), questionId)
          .getBoolean("mine"), "the question was asked under the first identity");
    }
  }

  @Test
  void moderateAndSessionFromAResidentAreForbiddenAndChangeNothing(Vertx vertx) {
    JsonObject created = api.createSession("Phiên quyền hạn", "post", true);
    String sessionId = created.getString("id");
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId)) {
      String questionId = askOk(alice, "Câu hỏi của Alice");
      JsonObject before = welcome(vertx, sessionId, Msg.hello());

      List<JsonObject> attempts = List.of(
          new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "reject")
              .put("reason", "Không phù hợp"),
          new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "archive"),
          new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "highlight"),
          new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "edit")
              .put("text", "Văn bản đã sửa"),
          new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "ban"),
          new JsonObject().put("type", "session").put("action", "pause"),
          new JsonObject().put("type", "session").put("action", "close"));
      for (WsClient resident : List.of(bob, alice)) {
        for (JsonObject attempt : attempts) {
          JsonObject answer = resident.actKeeping(attempt);
          assertEquals("error", answer.getString("type"), () -> attempt + " answered " + answer);
          assertEquals("forbidden", answer.getString("code"), () -> attempt + " answered " + answer);
        }
        resident.assertAnswering();
      }

      JsonObject after = welcome(vertx, sessionId, Msg.hello());
      assertEquals("open", after.getJsonObject("session").getString("status"));
      assertEquals(before.getLong("seq"), after.getLong("seq"), "no event was logged");
      assertNull(after.getValue("stage"));
      JsonObject q = Msg.question(after, questionId);
      assertEquals("live", q.getString("status"));
      assertEquals("Câu hỏi của Alice", q.getString("text"));
      assertEquals("ack", alice.actKeeping(Msg.ask("Alice vẫn hỏi được")).getString("type"), "alice was not banned");
    }
  }

  @Test
  void residentCannotApproveAPendingQuestion(Vertx vertx) {
    JsonObject created = api.createSession("Phiên kiểm duyệt trước", "pre", true);
    String sessionId = created.getString("id");
    try (WsClient alice = resident(vertx, sessionId)) {
      String questionId = askOk(alice, "Tự duyệt câu hỏi của mình");
      JsonObject answer = alice.actKeeping(new JsonObject().put("type", "moderate").put("questionId", questionId)
          .put("action", "approve"));
      assertEquals("forbidden", answer.getString("code"), () -> "got " + answer);
      JsonObject moderatorView = welcome(vertx, sessionId, Msg.hello(created.getString("moderatorToken")));
      assertEquals("pending", Msg.question(moderatorView, questionId).getString("status"));
      assertNull(Msg.question(welcome(vertx, sessionId, Msg.hello()), questionId));
    }
  }

  // ---------------------------------------------------------------- size and frame kinds

  /** An ask frame of exactly {@code bytes} UTF-8 bytes. */
  private static String askFrameOf(String ref, int bytes) {
    String empty = Msg.ask("").put("ref", ref).encode();
    String frame = Msg.ask("a".repeat(bytes - empty.getBytes(StandardCharsets.UTF_8).length)).put("ref", ref)
        .encode();
    assertEquals(bytes, frame.getBytes(StandardCharsets.UTF_8).length);
    return frame;
  }

  @Test
  void frameOver16KiBClosesTheSocketWith1009AndOtherSocketsKeepWorking(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId);
         WsClient carol = resident(vertx, sessionId)) {
      alice.sendRaw(askFrameOf("big", MESSAGE_LIMIT + 1));
      short code = alice.awaitClose();

      bob.assertAnswering();
      String questionId = askOk(carol, "Câu hỏi sau khung quá lớn");
      bob.next(f -> Msg.isQuestionEvent(f, questionId), "carol's question");
      assertEquals(1, welcome(vertx, sessionId, Msg.hello()).getJsonArray("questions").size(),
          "the oversized ask was not stored");
      assertEquals(1009, code, "close code (1006: the connection was dropped without a close frame)");
    }
  }

  @Test
  void frameOfExactly16KiBIsReadAndAnsweredByTheRules(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId)) {
      alice.sendRaw(askFrameOf("edge", MESSAGE_LIMIT));
      JsonObject answer = alice.answerToKeeping("edge");
      assertEquals("too_long", answer.getString("code"), () -> "got " + answer);
      alice.assertAnswering();
      assertFalse(alice.isClosed());
    }
  }

  @Test
  void messageOver16KiBInSmallFramesClosesTheSocketWith1009(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId); WsClient bob = resident(vertx, sessionId)) {
      alice.sendFragmented(askFrameOf("big", MESSAGE_LIMIT + 1), 4096);
      bob.assertAnswering();
      assertNoQuestions(vertx, sessionId);
      assertEquals(1009, alice.awaitClose());
    }
  }

  @Test
  void messageUnder16KiBInSeveralFramesIsReadAsOneMessage(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId)) {
      alice.sendFragmented(Msg.ask("Câu hỏi gửi thành nhiều khung").put("ref", "parts").encode(), 10);
      JsonObject ack = alice.answerToKeeping("parts");
      assertEquals("ack", ack.getString("type"), () -> "got " + ack);
    }
  }

  @Test
  void binaryFrameIsABadRequestAndTheSocketStaysOpen(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = resident(vertx, sessionId)) {
      alice.sendBinary(Buffer.buffer(Msg.ask("Câu hỏi nhị phân").put("ref", "bin").encode()));
      JsonObject error = alice.nextKeeping(f -> "error".equals(f.getString("type")), "an error for the binary frame");
      assertBadRequest(error);
      alice.assertAnswering();
      assertNoQuestions(vertx, sessionId);
    }
  }

  // ---------------------------------------------------------------- connection-level refusals

  @Test
  void socketWithoutHelloInTimeIsClosedWith4401(Vertx vertx) {
    restartNodeWith(Map.of("limits.helloTimeoutMs", 300));
    String sessionId = session();
    try (WsClient greeted = resident(vertx, sessionId);
         WsClient silent = WsClient.connect(vertx, node.port(), sessionId)) {
      assertEquals(4401, silent.awaitClose());
      greeted.assertAnswering();
      assertFalse(greeted.isClosed(), "a socket that said hello stays open");
    }
  }

  @Test
  void unknownSessionIsClosedWith4404AfterHello(Vertx vertx) {
    try (WsClient ws = WsClient.connect(vertx, node.port(), "NoSuchSession0000")) {
      ws.send(new JsonObject().put("type", "ping"));
      assertBadRequest(ws.next("error"));
      assertFalse(ws.isClosed(), "nothing is decided before the hello");
      ws.send(new JsonObject().put("type", "hello"));
      assertEquals(4404, ws.awaitClose());
    }
  }

  @Test
  void upgradeToAPathThatIsNoSessionIsRefused(Vertx vertx) {
    UpgradeRejectedException rejected = assertThrows(UpgradeRejectedException.class,
        () -> WsClient.connect(vertx, node.port(), "/ws/sessions/not-a-valid-id!", null));
    assertEquals(404, rejected.getStatus());
  }

  @Test
  void upgradeFromAForeignOriginIsRefusedWith403(Vertx vertx) {
    String sessionId = session();
    String path = "/ws/sessions/" + sessionId;
    int port = node.port();
    for (String origin : List.of("http://evil.example", "http://evil.example:" + port,
        "http://127.0.0.1.evil.example:" + port, "null")) {
      UpgradeRejectedException rejected = assertThrows(UpgradeRejectedException.class,
          () -> WsClient.connect(vertx, port, path, origin), () -> "origin " + origin + " was accepted");
      assertEquals(403, rejected.getStatus(), () -> "origin " + origin);
    }

    try (WsClient own = WsClient.connect(vertx, port, path, "http://127.0.0.1:" + port)) {
      own.send(new JsonObject().put("type", "hello"));
      assertEquals("resident", own.next("welcome").getString("role"));
    }
    try (WsClient script = WsClient.connectWithoutOrigin(vertx, port, path)) {
      script.send(new JsonObject().put("type", "hello"));
      script.next("welcome");
    }
  }

  @Test
  void compressionIsNotNegotiated(Vertx vertx) {
    String sessionId = session();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setTryUsePerMessageCompression(true).setTryUsePerFrameCompression(true));
    try {
      WebSocket socket = Await.result(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
          .setPort(node.port()).setURI("/ws/sessions/" + sessionId)));
      assertNotNull(socket.headers(), "the handshake answer's headers");
      assertTrue(socket.headers().contains("sec-websocket-accept"), () -> "headers: " + socket.headers());
      assertFalse(socket.headers().contains("sec-websocket-extensions"),
          () -> "compression was negotiated: " + socket.headers().get("sec-websocket-extensions"));
      Await.result(socket.close());
    } finally {
      Await.result(client.close());
    }
  }
}

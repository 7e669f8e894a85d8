package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Msg;
import townhall.testing.TwoNodeTestBase;
import townhall.testing.WsClient;

/** Two nodes on one Redis (the same key prefix): what happens on one is seen on the other. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TwoNodeTest extends TwoNodeTestBase {
  private String session() {
    return api.createSession("Phiên hai máy chủ", "post", true).getString("id");
  }

  /** Joins a resident to the session on a node; answers the client and its welcome. */
  private static Joined join(Vertx vertx, TownhallNode node, String sessionId) {
    WsClient ws = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
    return new Joined(ws, ws.next("welcome"));
  }

  /** A joined client and the presence count it was last told (by its welcome, then by presence frames). */
  private static final class Joined {
    private final WsClient ws;
    private int presence;

    Joined(WsClient ws, JsonObject welcome) {
      this.ws = ws;
      this.presence = welcome.getInteger("presence");
    }

    WsClient ws() {
      return ws;
    }
  }

  private static String askOk(WsClient ws, String text) {
    JsonObject ack = ws.actKeeping(Msg.ask(text));
    assertEquals("ack", ack.getString("type"), () -> "ask refused: " + ack);
    return ack.getString("questionId");
  }

  @Test
  void nodesAreDistinctAndShareTheSessions() {
    assertNotEquals(nodeA.port(), nodeB.port());
    assertNotEquals(nodeA.nodeId(), nodeB.nodeId());
    JsonObject created = api.createSession("Phiên tạo trên A", "pre", true);
    Api.Reply onB = new Api(nodeB.port()).get("/api/sessions/by-code/" + created.getString("code"));
    assertEquals(200, onB.status(), onB::body);
    assertEquals(created.getString("id"), onB.json().getString("id"));
  }

  @Test
  void questionAskedOnOneNodeIsSeenOnTheOther(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = join(vertx, nodeA, sessionId).ws(); WsClient bob = join(vertx, nodeB, sessionId).ws()) {
      String fromA = askOk(alice, "Câu hỏi gửi qua máy chủ A");
      JsonObject onB = bob.next(f -> Msg.isQuestionEvent(f, fromA), "A's question on B");
      assertEquals("Câu hỏi gửi qua máy chủ A", onB.getJsonObject("question").getString("text"));

      String fromB = askOk(bob, "Câu hỏi gửi qua máy chủ B");
      JsonObject onA = alice.next(f -> Msg.isQuestionEvent(f, fromB), "B's question on A");
      assertEquals("Câu hỏi gửi qua máy chủ B", onA.getJsonObject("question").getString("text"));
      assertEquals(onB.getLong("seq") + 1, onA.getLong("seq"), "one seq counter for the session");
    }
  }

  @Test
  void voteCastOnOneNodeReachesResidentsOfTheOther(Vertx vertx) {
    String sessionId = session();
    try (WsClient alice = join(vertx, nodeA, sessionId).ws(); WsClient bob = join(vertx, nodeB, sessionId).ws()) {
      String questionId = askOk(alice, "Câu hỏi được bỏ phiếu từ B");
      bob.next(f -> Msg.isQuestionEvent(f, questionId), "the question on B");
      JsonObject ack = bob.actKeeping(Msg.vote(questionId, 1));
      assertEquals(1, ack.getInteger("votes"));
      alice.awaitVotes(questionId, 1);

      assertEquals(2, alice.actKeeping(Msg.vote(questionId, 1)).getInteger("votes"));
      bob.awaitVotes(questionId, 2);
      assertEquals(1, bob.actKeeping(Msg.vote(questionId, 0)).getInteger("votes"));
      alice.awaitVotes(questionId, 1);
    }
  }

  @Test
  void concurrentUpvotesOfResidentsOnBothNodesAreAllCountedAndSeenByEveryone(Vertx vertx) {
    String sessionId = session();
    int residents = 20;
    List<WsClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < residents; i++) {
        clients.add(join(vertx, i % 2 == 0 ? nodeA : nodeB, sessionId).ws());
      }
      String questionId = askOk(clients.get(0), "Mọi người cùng bỏ phiếu");
      clients.forEach(ws -> ws.next(f -> Msg.isQuestionEvent(f, questionId), "the question"));

      IntStream.range(0, residents).parallel()
          .forEach(i -> clients.get(i).send(Msg.vote(questionId, 1).put("ref", "up-" + i)));
      Set<Integer> acknowledged = new HashSet<>();
      for (int i = 0; i < residents; i++) {
        JsonObject ack = clients.get(i).answerToKeeping("up-" + i);
        assertEquals("ack", ack.getString("type"), ack::encode);
        acknowledged.add(ack.getInteger("votes"));
      }
      Set<Integer> expected = new HashSet<>();
      IntStream.rangeClosed(1, residents).forEach(expected::add);
      assertEquals(expected, acknowledged, "each upvote was counted once, one after another");

      clients.forEach(ws -> ws.awaitVotes(questionId, residents));
      for (TownhallNode node : List.of(nodeA, nodeB)) {
        JsonObject snapshot = Msg.freshWelcome(vertx, node.port(), sessionId, Msg.hello());
        assertEquals(residents, Msg.question(snapshot, questionId).getInteger("votes"), "the count in Redis");
      }
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void concurrentQuestionsOnBothNodesReachEveryoneInOneSeqOrder(Vertx vertx) {
    String sessionId = session();
    List<WsClient> clients = new ArrayList<>();
    try {
      for (TownhallNode node : List.of(nodeA, nodeB, nodeA, nodeB)) {
        clients.add(join(vertx, node, sessionId).ws());
      }
      int perClient = 5;
      IntStream.range(0, clients.size()).parallel().forEach(c -> {
        for (int i = 0; i < perClient; i++) {
          clients.get(c).send(Msg.ask("Câu hỏi " + c + "." + i).put("ref", "q-" + c + "-" + i));
        }
      });
      int total = perClient * clients.size();
      List<Map<Long, String>> orders = new ArrayList<>();
      for (WsClient ws : clients) {
        Map<Long, String> order = new LinkedHashMap<>();
        while (order.size() < total) {
          JsonObject event = ws.nextKeeping(f -> "question".equals(f.getString("type")), "a question event");
          order.put(event.getLong("seq"), event.getJsonObject("question").getString("id"));
        }
        List<Long> seqs = new ArrayList<>(order.keySet());
        for (int i = 1; i < seqs.size(); i++) {
          assertEquals(seqs.get(i - 1) + 1, seqs.get(i), () -> "events out of order or missing: " + seqs);
        }
        orders.add(order);
      }
      orders.forEach(order -> assertEquals(orders.get(0), order, "every screen sees the same history"));
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void presenceCountsTheSocketsOfBothNodes(Vertx vertx) {
    String sessionId = session();
    List<Joined> joined = new ArrayList<>();
    try {
      for (TownhallNode node : List.of(nodeA, nodeA, nodeA, nodeB, nodeB)) {
        joined.add(join(vertx, node, sessionId));
      }
      int connected = joined.size();
      joined.forEach(j -> awaitPresence(j, connected));

      Joined leaving = joined.remove(joined.size() - 1);
      leaving.ws().close();
      joined.forEach(j -> awaitPresence(j, connected - 1));
    } finally {
      joined.forEach(j -> j.ws().close());
    }
  }

  /** Waits until the presence this client was last told is {@code count}. */
  private static void awaitPresence(Joined joined, int count) {
    for (JsonObject frame : joined.ws().drain()) {
      if ("presence".equals(frame.getString("type"))) {
        joined.presence = frame.getInteger("count");
      }
    }
    if (joined.presence != count) {
      joined.presence = joined.ws().next(f -> "presence".equals(f.getString("type"))
          && f.getInteger("count") == count, "presence " + count + " (last told " + joined.presence + ")")
          .getInteger("count");
    }
    assertEquals(count, joined.presence);
  }
}

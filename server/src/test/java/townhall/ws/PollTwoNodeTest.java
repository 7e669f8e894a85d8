package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Msg;
import townhall.testing.Polls;
import townhall.testing.TwoNodeTestBase;
import townhall.testing.WsClient;

/** Two nodes on one Redis: one participant answering on both counts once, and both nodes' screens see the results. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PollTwoNodeTest extends TwoNodeTestBase {
  @Test
  void oneParticipantAnsweringOnTwoNodesCountsOnceAndBothNodesShowTheResults(Vertx vertx) {
    JsonObject created = api.createSession("Phiên hai máy chủ có thăm dò", "post", true);
    String sid = created.getString("id");
    try (WsClient moderator = WsClient.join(vertx, nodeA.port(), sid, Msg.hello(created.getString("moderatorToken")));
         WsClient onA = WsClient.join(vertx, nodeA.port(), sid, Msg.hello());
         WsClient watcherB = WsClient.join(vertx, nodeB.port(), sid, Msg.hello())) {
      moderator.next("welcome");
      String token = onA.next("welcome").getJsonObject("participant").getString("token");
      watcherB.next("welcome");
      JsonObject poll = moderator.act(Polls.create("single", "Chọn một", List.of("A", "B"), null, false));
      String pollId = poll.getString("poll");
      assertEquals("ack", moderator.act(Polls.action("open", pollId)).getString("type"));
      try (WsClient onB = WsClient.join(vertx, nodeB.port(), sid, Msg.hello(token))) {
        onB.next("welcome");
        assertEquals("ack", onA.act(Polls.choose(pollId, 0)).getString("type"));
        assertEquals("ack", onB.act(Polls.choose(pollId, 1)).getString("type"));
        assertEquals("ack", onA.act(Polls.choose(pollId, 1)).getString("type"));
      }
      Polls.awaitResults(watcherB, pollId, List.of(0, 1), 1);
      Polls.awaitResults(moderator, pollId, List.of(0, 1), 1);
      assertEquals("ack", moderator.act(Polls.action("close", pollId)).getString("type"));
      for (TownhallNode node : List.of(nodeA, nodeB)) {
        JsonObject closed = Polls.poll(Msg.freshWelcome(vertx, node.port(), sid, Msg.hello()), pollId);
        assertEquals("closed", closed.getString("status"));
        assertEquals(List.of(0, 1), closed.getJsonObject("results").getJsonArray("counts").getList());
        assertEquals(1, closed.getJsonObject("results").getInteger("answers"), "one participant, one answer");
      }
    }
  }

  @Test
  void textAnswersOnTwoNodesFeedOneWordCloud(Vertx vertx) {
    JsonObject created = api.createSession("Phiên hai máy chủ có đám mây từ", "post", true);
    String sid = created.getString("id");
    try (WsClient moderator = WsClient.join(vertx, nodeA.port(), sid, Msg.hello(created.getString("moderatorToken")));
         WsClient onA = WsClient.join(vertx, nodeA.port(), sid, Msg.hello());
         WsClient otherOnB = WsClient.join(vertx, nodeB.port(), sid, Msg.hello());
         WsClient watcherB = WsClient.join(vertx, nodeB.port(), sid, Msg.hello())) {
      moderator.next("welcome");
      String token = onA.next("welcome").getJsonObject("participant").getString("token");
      otherOnB.next("welcome");
      watcherB.next("welcome");
      String pollId = moderator.act(Polls.create("text", "Khu phố cần gì?", null, null, false)).getString("poll");
      assertEquals("ack", moderator.act(Polls.action("open", pollId)).getString("type"));
      try (WsClient onB = WsClient.join(vertx, nodeB.port(), sid, Msg.hello(token))) {
        onB.next("welcome");
        assertEquals("ack", onA.act(Polls.write(pollId, "cây xanh")).getString("type"));
        // a ref of its own: onB's counter would repeat onA's first ref (the same participant), a retry of it
        onB.send(Polls.write(pollId, "giao thông và cây xanh").put("ref", "on-b-1"));
        JsonObject changed = onB.answerTo("on-b-1");
        assertEquals("ack", changed.getString("type"));
        assertEquals(false, changed.getBoolean("duplicate", false), "applied, not taken for a retry");
        assertEquals("ack", otherOnB.act(Polls.write(pollId, "Giao thong")).getString("type"));
      }
      // one participant's answer changed on the other node counts once: its first words left the cloud
      java.util.Map<String, Integer> expected = java.util.Map.of("giao thông", 2, "cây xanh", 1);
      for (WsClient watcher : List.of(watcherB, moderator)) {
        watcher.next(f -> {
          JsonObject r = Polls.resultsIn(f, pollId);
          return r != null && Polls.words(r).equals(expected);
        }, "one word cloud on both nodes");
      }
    }
  }
}

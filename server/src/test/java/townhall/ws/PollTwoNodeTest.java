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
}

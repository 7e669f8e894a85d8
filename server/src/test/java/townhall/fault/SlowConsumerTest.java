package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.FaultNodes;
import townhall.testing.Msg;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * F6: a client that stops reading while a session's events keep coming. Its socket's write queue is bounded
 * ({@code delivery.writeQueueBytes}); past it the node closes the socket with 4408 instead of buffering for it,
 * the other clients of the session get every event in order, and the slow client converges after it reconnects
 * with {@code hello.since}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlowConsumerTest {
  private static final int TEXT_CHARS = 4000;
  private static final int BATCH = 250;
  /** A cap on the flood: far more than loopback socket buffers hold (a few MB), within the event log. */
  private static final int MAX_EVENTS = 6000;

  private RedisProcess redis;
  private TownhallNode node;
  private Api api;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    node = FaultNodes.start(redis.url(), TestNodes.freshPrefix(),
        Map.of("delivery.writeQueueBytes", 4096, "limits.questionLength", TEXT_CHARS + 100,
            "limits.eventLogLength", MAX_EVENTS * 2,
            // the node keeps and replays as many events as the log: the slow client's resume is a replay
            "delivery.replayLimit", MAX_EVENTS * 2, "delivery.recentEvents", MAX_EVENTS * 2,
            // thousands of near-identical questions from one asker are flagged as repeats; here they must go live
            "moderation.holdFlagged", false));
    api = Api.of(node);
  }

  @AfterEach
  void stop() {
    TestNodes.stop(node);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void slowClientIsClosedWithSlowCodeWhileOthersGetEveryEventAndItConvergesAfterResuming(Vertx vertx) {
    String sessionId = FaultNodes.session(api, "Người đọc chậm").getString("id");
    double slowClosesBefore = api.metric("townhall_slow_client_closes_total");
    try (PausedClient slow = PausedClient.join(vertx, node.port(), sessionId);
        WsClient asker = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
        WsClient watcher = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      asker.next("welcome");
      watcher.next("welcome");
      double connectionsWithSlow = api.metric("townhall_connections");
      slow.pause();

      long start = System.nanoTime();
      List<Long> seqs = floodUntilSlowClose(asker, watcher, slowClosesBefore);
      int asked = seqs.size();
      long floodMs = FaultNodes.millisSince(start);

      slow.resume();
      short code = slow.awaitClose(15);
      List<JsonObject> before = slow.questionEvents();
      System.out.printf("F6 slow consumer: closed with %d after %d of %d events (%d ms of flooding)%n", code,
          before.size(), asked, floodMs);
      assertEquals(4408, code, "the slow client's close code");
      assertTrue(before.size() < asked, "the node stopped writing to the slow socket instead of queueing "
          + "everything for it: it got " + before.size() + " of " + asked + " events");
      Await.until(() -> api.metric("townhall_connections") < connectionsWithSlow, 15,
          "the slow socket leaves the node's connection count");
      assertNoGap(before.stream().map(f -> f.getLong("seq")).toList(), "the slow client's events before the close");

      // the slow client comes back with the last seq it applied and gets exactly what it missed
      long since = before.isEmpty() ? slow.welcome().getLong("seq") : before.get(before.size() - 1).getLong("seq");
      JsonObject hello = Msg.hello(Msg.token(slow.welcome())).put("since", since)
          .put("epoch", slow.welcome().getString("epoch"));
      long last = seqs.get(seqs.size() - 1);
      try (WsClient back = WsClient.join(vertx, node.port(), sessionId, hello)) {
        // the event log (limits.eventLogLength) still holds every event since then, so the answer is a resume
        JsonObject resumed = back.next(f -> !"presence".equals(f.getString("type")), "the answer to the hello");
        assertEquals("resumed", resumed.getString("type"), () -> "expected a resume, got " + resumed);
        assertEquals(last, resumed.getLong("seq"), "the session's seq in the resumed frame");
        List<Long> missed = new ArrayList<>();
        while (missed.isEmpty() || missed.get(missed.size() - 1) < last) {
          missed.add(back.next("question").getLong("seq"));
        }
        assertEquals(since + 1, missed.get(0), "the first resumed event");
        assertNoGap(missed, "the resumed events");
      }
    }
  }

  @Test
  void clientThatNeverReadsAgainIsDroppedByTheNode(Vertx vertx) {
    String sessionId = FaultNodes.session(api, "Người không đọc nữa").getString("id");
    double slowClosesBefore = api.metric("townhall_slow_client_closes_total");
    try (PausedClient slow = PausedClient.join(vertx, node.port(), sessionId);
        WsClient asker = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
        WsClient watcher = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      asker.next("welcome");
      watcher.next("welcome");
      slow.pause();
      floodUntilSlowClose(asker, watcher, slowClosesBefore);
      long closedAt = System.nanoTime();

      // no close frame can reach a client that does not read, so the node cuts the connection a few seconds
      // later, and with it whatever was still queued for it
      Await.until(() -> api.metric("townhall_connections") == 2, 15, "only the asker and the watcher left");
      slow.resume();
      assertTrue(slow.awaitClose(5) != 4408, "the cut connection never delivered its close frame");
      System.out.printf("F6 a client that never reads again: dropped %d ms after the slow close%n",
          FaultNodes.millisSince(closedAt));
      watcher.assertAnswering();
    }
  }

  /**
   * Asks questions in batches until the node closes a slow client: how many it takes depends on the kernel's
   * socket buffers, which hold several megabytes before the node's own write queue fills. The watcher reads as a
   * browser would, and must see every event in seq order, none missing. Answers the seqs it saw.
   */
  private List<Long> floodUntilSlowClose(WsClient asker, WsClient watcher, double slowClosesBefore) {
    String padding = "x".repeat(TEXT_CHARS);
    List<Long> seqs = new ArrayList<>();
    int asked = 0;
    while (api.metric("townhall_slow_client_closes_total") <= slowClosesBefore) {
      assertTrue(asked < MAX_EVENTS, "the node never closed the paused client, " + asked + " events of "
          + TEXT_CHARS + " characters later");
      for (int i = 0; i < BATCH; i++, asked++) {
        asker.send(Msg.ask("q" + asked + " " + padding).put("ref", "a" + asked));
      }
      while (seqs.size() < asked) {
        seqs.add(watcher.next("question").getLong("seq"));
      }
    }
    assertNoGap(seqs, "the watcher's events");
    return seqs;
  }

  private static void assertNoGap(List<Long> seqs, String what) {
    for (int i = 1; i < seqs.size(); i++) {
      assertEquals(seqs.get(i - 1) + 1, seqs.get(i), what + ": the seq after " + seqs.get(i - 1));
    }
  }

  /** A raw client that can stop reading: {@link #pause()} stops Vert.x from reading its TCP connection. */
  private static final class PausedClient implements AutoCloseable {
    private final WebSocketClient client;
    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    private PausedClient(WebSocketClient client, WebSocket socket) {
      this.client = client;
      this.socket = socket;
      socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
      socket.closeHandler(v -> closed.complete(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode()));
    }

    static PausedClient join(Vertx vertx, int port, String sessionId) {
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
          .setMaxMessageSize(1 << 22));
      WebSocket socket = Await.result(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
          .setPort(port).setURI("/ws/sessions/" + sessionId)));
      PausedClient paused = new PausedClient(client, socket);
      Await.result(socket.writeTextMessage(new JsonObject().put("type", "hello").encode()));
      Await.until(() -> paused.frames.stream().anyMatch(f -> "welcome".equals(f.getString("type"))),
          FaultNodes.GIVE_UP_SECONDS, "the paused client's welcome");
      return paused;
    }

    JsonObject welcome() {
      return frames.stream().filter(f -> "welcome".equals(f.getString("type"))).findFirst().orElseThrow();
    }

    /** The question events received, in order. */
    List<JsonObject> questionEvents() {
      return frames.stream().filter(f -> "question".equals(f.getString("type"))).toList();
    }

    void pause() {
      socket.pause();
    }

    void resume() {
      socket.resume();
    }

    short awaitClose(long seconds) {
      try {
        return closed.get(seconds, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("not closed within " + seconds + " s", e);
      }
    }

    @Override
    public void close() {
      if (!closed.isDone()) {
        socket.close();
      }
      client.close();
    }
  }
}

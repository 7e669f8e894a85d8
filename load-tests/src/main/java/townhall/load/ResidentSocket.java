package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One participant's WebSocket to {@code /ws/sessions/{id}}: connects, says {@code hello}, waits for the
 * {@code welcome}, then hands every frame to its {@link FrameListener}: {@code votes} frames, most of what arrives,
 * read by the {@link VoteCounts} fast path when it understands them, every other frame parsed as a JSON object.
 * Sends are thread-safe.
 */
public final class ResidentSocket {
  private final int index;
  private final NodeAddress node;
  private final FrameListener listener;
  private final String helloToken;
  /** The fast path's reusable counts; only touched on the socket's event loop. */
  private final VoteCounts votes = new VoteCounts();
  private volatile WebSocket socket;
  private volatile boolean closingByUs;
  private volatile boolean closed;
  private volatile boolean welcomed;

  /**
   * @param index the resident's number (its index in the run), or -1 for a helper socket
   * @param node the node to connect to
   * @param listener receives the frames
   */
  public ResidentSocket(int index, NodeAddress node, FrameListener listener) {
    this(index, node, listener, null);
  }

  /**
   * A socket that says {@code hello} with a token (a moderator's, say).
   *
   * @param helloToken the token sent in {@code hello}, or {@code null} for a new resident identity
   */
  public ResidentSocket(int index, NodeAddress node, FrameListener listener, String helloToken) {
    this.index = index;
    this.node = node;
    this.listener = listener;
    this.helloToken = helloToken;
  }

  /** The resident's number, or -1 for a helper socket. */
  public int index() {
    return index;
  }

  /** The node it talks to. */
  public NodeAddress node() {
    return node;
  }

  /**
   * Connects on the calling context, sends {@code hello} and completes with the {@code welcome} frame (which is
   * also given to the listener). Fails when the connection fails, closes, or no welcome arrives in time.
   */
  public Future<JsonObject> connect(WebSocketClient client, Context context, String sessionId, long timeoutMs) {
    Promise<JsonObject> welcome = Promise.promise();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(node.host()).setPort(node.port()).setURI("/ws/sessions/" + sessionId)
        .setConnectTimeout(timeoutMs).setTimeout(timeoutMs);
    long timer = context.owner().setTimer(timeoutMs, id -> {
      if (welcome.tryFail("no welcome within " + timeoutMs + " ms")) {
        close();
      }
    });
    client.connect(options).onComplete(result -> {
      if (result.failed()) {
        context.owner().cancelTimer(timer);
        welcome.tryFail(result.cause());
        return;
      }
      WebSocket ws = result.result();
      socket = ws;
      if (welcome.future().isComplete()) {
        close();
        return;
      }
      ws.textMessageHandler(text -> onText(text, welcome, timer, context));
      ws.exceptionHandler(e -> { });
      ws.closeHandler(v -> {
        closed = true;
        context.owner().cancelTimer(timer);
        welcome.tryFail("closed before welcome (code " + ws.closeStatusCode() + ")");
        listener.onClosed(this, ws.closeStatusCode(), closingByUs);
      });
      JsonObject hello = new JsonObject().put("type", "hello");
      if (helloToken != null) {
        hello.put("token", helloToken);
      }
      ws.writeTextMessage(hello.encode());
    });
    return welcome.future();
  }

  private void onText(String text, Promise<JsonObject> welcome, long timer, Context context) {
    long now = System.nanoTime();
    if (votes.parse(text)) {
      listener.onVotes(this, text, votes, now);
      return;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      listener.onUnparsable(this, text);
      return;
    }
    if ("welcome".equals(frame.getValue("type")) && !welcome.future().isComplete()) {
      context.owner().cancelTimer(timer);
      welcomed = true;
      listener.onFrame(this, frame, now);
      welcome.tryComplete(frame);
      return;
    }
    listener.onFrame(this, frame, now);
  }

  /** Whether the server's welcome arrived (the participant had joined). */
  public boolean welcomed() {
    return welcomed;
  }

  /** Whether the socket is connected and not closed. */
  public boolean isOpen() {
    return socket != null && !closed;
  }

  /** Sends one message; returns false (and sends nothing) when the socket is not open. */
  public boolean send(JsonObject message) {
    WebSocket ws = socket;
    if (ws == null || closed) {
      return false;
    }
    ws.writeTextMessage(message.encode());
    return true;
  }

  /** Closes the socket normally (1000); the close is reported to the listener as ours. */
  public Future<Void> close() {
    closingByUs = true;
    WebSocket ws = socket;
    if (ws == null || closed) {
      return Future.succeededFuture();
    }
    return ws.close((short) 1000, "load test over").recover(e -> Future.succeededFuture());
  }
}

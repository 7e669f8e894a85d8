package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One participant's WebSocket to {@code /ws/sessions/{id}}: connects, says {@code hello}, waits for the
 * {@code welcome}, then hands every frame to its {@link FrameListener}: {@code votes} frames, most of what arrives,
 * read by the {@link VoteCounts} fast path when it understands them, every other frame parsed as a JSON object.
 * Sends are thread-safe. It remembers what a page would to come back after a lost connection (its token, the last
 * {@code seq} it applied and the epoch) and can {@link #resume} on another node; while it is away, sends wait in a
 * queue and go out once it is back, and the actions it sent before without an answer are sent again with the same
 * ref, as a page's pending actions are (the server answers a ref it already applied with its first answer).
 */
public final class ResidentSocket {
  private final int index;
  private volatile NodeAddress node;
  private final FrameListener listener;
  private final String helloToken;
  /** The fast path's reusable counts; only touched on the socket's event loop. */
  private final VoteCounts votes = new VoteCounts();
  private volatile WebSocket socket;
  private volatile boolean closingByUs;
  private volatile boolean closed;
  private volatile boolean welcomed;
  private volatile long helloNanos;
  private volatile int welcomeBytes;
  private volatile String participantId;
  private volatile String token;
  private volatile String epoch;
  private volatile long lastSeq = -1;
  private volatile boolean away;
  private volatile String refusal;
  private volatile long refusalRetryAfterMs;
  private volatile Consumer<ResidentSocket> lostHandler;
  private final ArrayDeque<JsonObject> waiting = new ArrayDeque<>();
  /** Sent actions without an answer yet, by ref (only kept for a socket that comes back: {@link #onLost}). */
  private final Map<String, JsonObject> unanswered = new LinkedHashMap<>();

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
    JsonObject hello = new JsonObject().put("type", "hello");
    if (helloToken != null) {
      hello.put("token", helloToken);
    }
    return open(client, context, sessionId, hello, timeoutMs, false);
  }

  /**
   * Comes back after a lost connection, as a page does: connects to {@code to}, says {@code hello} with its token,
   * the last {@code seq} it applied and its epoch, and completes with the {@code resumed} (or {@code welcome})
   * frame. Sends queued while it was away go out then. Call it on the context it first connected from.
   */
  public Future<JsonObject> resume(WebSocketClient client, Context context, NodeAddress to, String sessionId,
      long timeoutMs) {
    node = to;
    closed = false;
    closingByUs = false;
    JsonObject hello = new JsonObject().put("type", "hello").put("token", token);
    if (lastSeq >= 0 && epoch != null) {
      hello.put("since", lastSeq).put("epoch", epoch);
    }
    return open(client, context, sessionId, hello, timeoutMs, true).onSuccess(frame -> flushWaiting());
  }

  /** @param resuming whether this is a resume: a resume that fails is its caller's business, not the listener's */
  private Future<JsonObject> open(WebSocketClient client, Context context, String sessionId, JsonObject hello,
      long timeoutMs, boolean resuming) {
    Promise<JsonObject> welcome = Promise.promise();
    refusal = null;
    refusalRetryAfterMs = 0;
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
        if (socket != ws) {
          return; // an earlier socket of this participant, already replaced
        }
        Consumer<ResidentSocket> lost = lostHandler;
        boolean comingBack = lost != null && !closingByUs && welcome.future().succeeded();
        if (comingBack) {
          synchronized (waiting) {
            away = true; // before closed: a send in between waits instead of being lost
          }
        }
        closed = true;
        context.owner().cancelTimer(timer);
        welcome.tryFail("closed before welcome (code " + ws.closeStatusCode() + ")");
        if (comingBack) {
          lost.accept(this);
          return;
        }
        if (resuming && !welcome.future().succeeded()) {
          return;
        }
        listener.onClosed(this, ws.closeStatusCode(), closingByUs);
      });
      helloNanos = System.nanoTime();
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
    Object type = frame.getValue("type");
    if (lostHandler != null && ("ack".equals(type) || "error".equals(type))
        && frame.getValue("ref") instanceof String ref) {
      synchronized (waiting) {
        unanswered.remove(ref);
      }
    }
    if (frame.getValue("seq") instanceof Number seq && !"welcome".equals(type) && !"resumed".equals(type)) {
      lastSeq = Math.max(lastSeq, seq.longValue());
    }
    if ("error".equals(type) && !welcome.future().isComplete()) {
      refusal = String.valueOf(frame.getValue("code"));
      refusalRetryAfterMs = frame.getValue("retryAfterMs") instanceof Number ms ? ms.longValue() : 0;
    }
    if (("welcome".equals(type) || "resumed".equals(type)) && !welcome.future().isComplete()) {
      context.owner().cancelTimer(timer);
      welcomed = true;
      remember(frame, "welcome".equals(type) ? text : null);
      listener.onFrame(this, frame, now);
      welcome.tryComplete(frame);
      return;
    }
    listener.onFrame(this, frame, now);
  }

  /** Keeps what a later resume needs from a welcome or resumed frame (and a welcome's size). */
  private void remember(JsonObject frame, String welcomeText) {
    JsonObject participant = frame.getValue("participant") instanceof JsonObject p ? p : null;
    if (participant != null) {
      participantId = participant.getString("id", participantId);
      token = participant.getString("token", token);
    }
    epoch = frame.getValue("epoch") instanceof String e ? e : epoch;
    if (frame.getValue("seq") instanceof Number seq) {
      lastSeq = seq.longValue();
    }
    if (welcomeText != null) {
      welcomeBytes = welcomeText.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /** The code of the {@code error} that answered the last attempt's {@code hello}, or {@code null}. */
  public String refusal() {
    return refusal;
  }

  /** That error's {@code retryAfterMs}, 0 when it had none. */
  public long refusalRetryAfterMs() {
    return refusalRetryAfterMs;
  }

  /** {@link System#nanoTime()} when the last {@code hello} was written. */
  public long helloNanos() {
    return helloNanos;
  }

  /** The size of the last {@code welcome} in bytes (UTF-8), 0 before one. */
  public int welcomeBytes() {
    return welcomeBytes;
  }

  /** The participant id the server gave (welcome or resumed), or {@code null}. */
  public String participantId() {
    return participantId;
  }

  /**
   * Called (on the socket's event loop) instead of the listener's {@code onClosed} when the server side goes away
   * after the welcome without the generator closing it: the handler brings it back ({@link #resume}).
   */
  public void onLost(Consumer<ResidentSocket> handler) {
    this.lostHandler = handler;
  }

  /** Whether the connection was lost and is not back yet. */
  public boolean away() {
    return away;
  }

  /** Whether the server's welcome arrived (the participant had joined). */
  public boolean welcomed() {
    return welcomed;
  }

  /** Whether the socket is connected and not closed, or away and coming back (sends wait then). */
  public boolean isOpen() {
    return away || (socket != null && !closed);
  }

  /**
   * Sends one message; while the socket is {@link #away} it waits and goes out once it is back. Returns false (and
   * sends nothing) when the socket is not open and not coming back.
   */
  public boolean send(JsonObject message) {
    synchronized (waiting) {
      if (lostHandler != null && message.getValue("ref") instanceof String ref) {
        unanswered.put(ref, message);
      }
      if (away) {
        waiting.add(message);
        return true;
      }
    }
    WebSocket ws = socket;
    if (ws == null || closed) {
      return false;
    }
    ws.writeTextMessage(message.encode());
    return true;
  }

  private void flushWaiting() {
    synchronized (waiting) {
      WebSocket ws = socket;
      for (JsonObject again : unanswered.values()) {
        if (!waiting.contains(again) && ws != null) {
          ws.writeTextMessage(again.encode());
        }
      }
      while (!waiting.isEmpty() && ws != null) {
        ws.writeTextMessage(waiting.poll().encode());
      }
      away = false;
    }
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

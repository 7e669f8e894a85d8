package townhall.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A protocol client for tests: every frame received is queued, and tests poll the queue with a deadline.
 * Call from the test thread, never from an event loop.
 */
public final class WsClient implements AutoCloseable {
  /**
   * How long a test waits for a frame before it gives up: generous, so a loaded build machine never fails a test
   * that only waits (a fault test's {@code unavailable} comes after the 2 s command timeout, say). Never used to
   * assert that something did not happen.
   */
  public static final Duration WAIT = Duration.ofSeconds(15);

  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  /** Frames passed over by {@link #nextKeeping}, in the order received; read before {@link #frames}. */
  private final ArrayDeque<JsonObject> held = new ArrayDeque<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  private int refs;

  private WsClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode()));
  }

  public static WsClient connect(Vertx vertx, int port, String sessionId) {
    return connect(vertx, port, "/ws/sessions/" + sessionId, null);
  }

  /**
   * Connects to {@code path}. With an {@code origin}, the upgrade carries exactly that {@code Origin} header;
   * without one, Vert.x's default (the origin of the URL asked for).
   */
  public static WsClient connect(Vertx vertx, int port, String path, String origin) {
    WebSocketConnectOptions options = options(port, path);
    if (origin != null) {
      // a header of our own wins over the generated one; setAllowOriginHeader(false) would remove it as well
      options.putHeader("Origin", origin);
    }
    return open(vertx, options);
  }

  /** Connects to {@code path} with no {@code Origin} header at all, as a script or native client does. */
  public static WsClient connectWithoutOrigin(Vertx vertx, int port, String path) {
    return open(vertx, options(port, path).setAllowOriginHeader(false));
  }

  private static WebSocketConnectOptions options(int port, String path) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path);
  }

  private static WsClient open(Vertx vertx, WebSocketConnectOptions options) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
        .setMaxMessageSize(1 << 22));
    try {
      return new WsClient(client, Await.result(client.connect(options)));
    } catch (RuntimeException | AssertionError e) {
      client.close();
      throw e;
    }
  }

  /** Connects and says hello; answers the welcome (or resumed) frame. */
  public static WsClient join(Vertx vertx, int port, String sessionId, JsonObject hello) {
    WsClient ws = connect(vertx, port, sessionId);
    ws.send(hello.copy().put("type", "hello"));
    return ws;
  }

  /**
   * Connects as if from {@code clientAddress} (the node trusts loopback's {@code X-Forwarded-For}, as behind nginx)
   * and says hello; the welcome is left queued.
   */
  public static WsClient joinFrom(Vertx vertx, int port, String sessionId, JsonObject hello, String clientAddress) {
    WsClient ws = open(vertx, options(port, "/ws/sessions/" + sessionId).putHeader("X-Forwarded-For", clientAddress));
    ws.send(hello.copy().put("type", "hello"));
    return ws;
  }

  public void send(JsonObject message) {
    Await.result(socket.writeTextMessage(message.encode()));
  }

  /**
   * Writes the messages back to back without waiting for any write to complete, so the server may close the socket
   * before it reads the later ones; a write that meets a closed socket is dropped.
   */
  public void sendBackToBack(JsonObject... messages) {
    for (JsonObject message : messages) {
      socket.writeTextMessage(message.encode());
    }
  }

  public void sendRaw(String text) {
    Await.result(socket.writeTextMessage(text));
  }

  /** Sends one binary frame. */
  public void sendBinary(Buffer data) {
    Await.result(socket.writeBinaryMessage(data));
  }

  /** Sends {@code text} as one text message split into frames of at most {@code charsPerFrame} characters. */
  public void sendFragmented(String text, int charsPerFrame) {
    int pieces = (text.length() + charsPerFrame - 1) / charsPerFrame;
    for (int i = 0; i < pieces; i++) {
      String piece = text.substring(i * charsPerFrame, Math.min(text.length(), (i + 1) * charsPerFrame));
      boolean last = i == pieces - 1;
      WebSocketFrame frame = i == 0 ? WebSocketFrame.textFrame(piece, last)
          : WebSocketFrame.continuationFrame(Buffer.buffer(piece), last);
      Await.result(socket.writeFrame(frame));
    }
  }

  /** The next frame, whatever its type; fails after {@link #WAIT}. */
  public JsonObject nextFrame() {
    return next(f -> true, "any frame");
  }

  /**
   * The next frame, whatever its type, if one comes within {@code within}; empty otherwise. For a wait bounded by a
   * deadline of the caller's (not for asserting that nothing comes).
   */
  public java.util.Optional<JsonObject> poll(Duration within) {
    JsonObject frame = held.pollFirst();
    if (frame != null) {
      return java.util.Optional.of(frame);
    }
    try {
      return java.util.Optional.ofNullable(frames.poll(Math.max(0, within.toNanos()), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every frame up to and including the first one {@code wanted} accepts, in the order received. */
  public List<JsonObject> until(Predicate<JsonObject> wanted, String what) {
    List<JsonObject> seen = new ArrayList<>();
    next(f -> {
      seen.add(f);
      return wanted.test(f);
    }, what);
    return seen;
  }

  /**
   * Sends a ping and answers every frame received before its pong (the pong itself left out): what the server
   * had written to this socket before it read the ping.
   */
  public List<JsonObject> framesBeforePong() {
    send(new JsonObject().put("type", "ping"));
    List<JsonObject> frames = until(f -> "pong".equals(f.getString("type")), "a 'pong' frame");
    return frames.subList(0, frames.size() - 1);
  }

  /** Sends a ping and waits for the pong: proves the socket is open and still answering. */
  public void assertAnswering() {
    framesBeforePong();
  }

  /** A fresh ref for this client. */
  public String nextRef() {
    return "r" + (++refs);
  }

  /** The next frame of this type, skipping others; fails after {@link #WAIT}. */
  public JsonObject next(String type) {
    return next(f -> type.equals(f.getString("type")), "a '" + type + "' frame");
  }

  /** The answer (ack or error) carrying this ref. */
  public JsonObject answerTo(String ref) {
    return next(f -> ref.equals(f.getString("ref")), "an answer to ref " + ref);
  }

  /** Sends an action with a fresh ref and answers its ack or error. */
  public JsonObject act(JsonObject message) {
    String ref = nextRef();
    send(message.copy().put("ref", ref));
    return answerTo(ref);
  }

  public JsonObject next(Predicate<JsonObject> wanted, String what) {
    return take(wanted, what, false);
  }

  /** Like {@link #next(Predicate, String)}, but the frames passed over stay queued for later calls. */
  public JsonObject nextKeeping(Predicate<JsonObject> wanted, String what) {
    return take(wanted, what, true);
  }

  /** Like {@link #answerTo}, but frames that arrive before the answer stay queued for later calls. */
  public JsonObject answerToKeeping(String ref) {
    return nextKeeping(f -> ref.equals(f.getString("ref")), "an answer to ref " + ref);
  }

  /** Like {@link #act}, but frames that arrive before the answer (events, say) stay queued for later calls. */
  public JsonObject actKeeping(JsonObject message) {
    String ref = nextRef();
    send(message.copy().put("ref", ref));
    return nextKeeping(f -> ref.equals(f.getString("ref")), "an answer to ref " + ref);
  }

  private JsonObject take(Predicate<JsonObject> wanted, String what, boolean keep) {
    List<JsonObject> skipped = new ArrayList<>();
    for (Iterator<JsonObject> it = held.iterator(); it.hasNext(); ) {
      JsonObject frame = it.next();
      if (wanted.test(frame)) {
        it.remove();
        return frame;
      }
      if (!keep) {
        it.remove();
      }
      skipped.add(frame);
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject frame;
      try {
        frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      if (frame == null) {
        throw new AssertionError("No " + what + " within " + WAIT + "; skipped " + skipped);
      }
      if (wanted.test(frame)) {
        return frame;
      }
      if (keep) {
        held.addLast(frame);
      }
      skipped.add(frame);
    }
  }

  /** Waits until a votes frame shows {@code count} for the question; answers that frame. */
  public JsonObject awaitVotes(String questionId, int count) {
    return next(f -> "votes".equals(f.getString("type")) && f.getJsonObject("counts").containsKey(questionId)
        && f.getJsonObject("counts").getInteger(questionId) == count, "votes " + questionId + "=" + count);
  }

  /** Frames received so far and not yet taken. */
  public List<JsonObject> drain() {
    List<JsonObject> all = new ArrayList<>(held);
    held.clear();
    frames.drainTo(all);
    return all;
  }

  /** Waits for the server to close the socket; answers the close code. */
  public short awaitClose() {
    try {
      return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("The socket was not closed within " + WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      socket.close();
    }
    client.close();
  }
}

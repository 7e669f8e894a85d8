package townhall.ws;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.logging.Logger;
import townhall.delivery.Eviction;
import townhall.delivery.LocalHub;
import townhall.delivery.Recipient;
import townhall.delivery.SharedMessage;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.logging.LogLine;
import townhall.metrics.Metrics;
import townhall.protocol.ClientMessage;
import townhall.protocol.MessageCodec;
import townhall.protocol.ProtocolException;
import townhall.protocol.ServerMessage;
import townhall.protocol.ServerType;

/**
 * One client's WebSocket: waits for {@code hello}, then hands each message to the {@link Dispatcher} and writes
 * the answer. Frames arriving while the hello is being answered are queued (a bounded number) and handled after.
 *
 * <p>Threading: frames arrive and every write happens on the socket's event loop (broadcasts reach it through
 * delivery's fan-out). Writes check the bounded write queue first: a socket that cannot keep up is closed with
 * {@link CloseReason#SLOW_CONSUMER}. {@link #deliveredSeq} belongs to the hub's context.
 */
public final class ClientSocket implements Recipient {
  private static final Logger LOG = Logger.getLogger(ClientSocket.class.getName());
  private static final int MAX_QUEUED = 64;
  /** How long a socket closed as a slow consumer has to take its close frame before its connection is cut. */
  private static final long SLOW_CLOSE_GRACE_MS = 5_000;

  private enum State { AWAITING_HELLO, JOINING, JOINED, CLOSED }

  private final Vertx vertx;
  private final Context context;
  private final ServerWebSocket socket;
  /** Writes broadcasts as wire bytes; null for a socket that is not Vert.x's own. */
  private final WireFrames wire;
  private final String sessionId;
  private final MessageCodec codec;
  private final Metrics metrics;
  private final Greeter greeter;
  private final String clientAddress;
  private final Heartbeats heartbeats;
  private final SocketLimits limits;
  /** Anything received since the last heartbeat; whether that beat pinged. Owned by the socket's loop. */
  private boolean heard;
  private boolean pinged;
  /** Malformed messages in the current minute, and when that minute began. */
  private int badMessages;
  private long badMinuteStart;
  private final Dispatcher dispatcher;
  private final LocalHub hub;
  private final Queue<ClientMessage> queued = new ArrayDeque<>();
  private volatile State state = State.AWAITING_HELLO;
  private volatile Participant participant;
  private volatile long tokenGeneration;
  /** The participant's message handlers, made once at hello rather than per message. */
  private ClientMessage.Visitor<Future<ServerMessage>> handlers;
  private long helloTimer;
  /** A message is being handled; the next waits in {@code queued}. Owned by the socket's loop. */
  private boolean handling;
  /** Reading stopped because {@code queued} is full. Owned by the socket's loop. */
  private boolean readingPaused;
  /** Set once Vert.x reports the connection closed; read on the socket's event loop. */
  private boolean disconnected;

  /** The seq of the last event this socket was given; read and written on the hub's context only. */
  private long deliveredSeq;

  ClientSocket(Vertx vertx, ServerWebSocket socket, String sessionId, String clientAddress, MessageCodec codec,
      Metrics metrics, Greeter greeter, Dispatcher dispatcher, LocalHub hub, Heartbeats heartbeats,
      SocketLimits limits) {
    this.vertx = vertx;
    this.heartbeats = heartbeats;
    this.limits = limits;
    this.clientAddress = clientAddress;
    this.context = vertx.getOrCreateContext();
    this.socket = socket;
    this.sessionId = sessionId;
    this.codec = codec;
    this.metrics = metrics;
    this.greeter = greeter;
    this.dispatcher = dispatcher;
    this.hub = hub;
    socket.setWriteQueueMaxSize(limits.writeQueueBytes());
    this.wire = WireFrames.of(socket);
    MessageAssembler messages = new MessageAssembler(limits.messageBytes(), new MessageAssembler.Sink() {
      @Override
      public void text(String message) {
        onText(message);
      }

      @Override
      public void binary() {
        heard = true;
        reply(new ServerMessage.Error(null, ErrorCode.BAD_REQUEST, "Binary frames are not part of the protocol", 0));
      }

      @Override
      public void tooBig() {
        close(CloseReason.TOO_BIG);
      }

      @Override
      public void invalidText() {
        close(CloseReason.INVALID_TEXT);
      }
    });
    socket.frameHandler(messages::onFrame);
    socket.exceptionHandler(this::onSocketError);
    socket.closeHandler(v -> onClosed());
    socket.pongHandler(pong -> heard = true);
    metrics.connectionOpened();
    heartbeats.watch(this);
    helloTimer = vertx.setTimer(limits.helloTimeoutMs(), id -> {
      if (state == State.AWAITING_HELLO) {
        close(CloseReason.NO_HELLO);
      }
    });
  }

  /** The event loop that owns the socket; every write happens there. */
  @Override
  public Context context() {
    return context;
  }

  public String sessionId() {
    return sessionId;
  }

  /** The client's address (behind a trusted proxy, the one it forwarded), for limits per address. */
  public String clientAddress() {
    return clientAddress;
  }

  /** The participant, once the hello has been answered. */
  @Override
  public Participant participant() {
    return participant;
  }

  /** False once the socket is closed or closing. */
  @Override
  public boolean isOpen() {
    return state != State.CLOSED;
  }

  @Override
  public long deliveredSeq() {
    return deliveredSeq;
  }

  @Override
  public void deliveredSeq(long seq) {
    deliveredSeq = seq;
  }

  @Override
  public void evict(Eviction reason) {
    close(switch (reason) {
      case RESYNC -> CloseReason.RESYNC;
      case NO_SESSION -> CloseReason.NO_SESSION;
      case RESTARTING -> CloseReason.RESTARTING;
      case TOKEN_REVOKED -> CloseReason.TOKEN_REFUSED;
    });
  }

  private void onText(String frame) {
    heard = true;
    ClientMessage message;
    try {
      message = codec.decode(frame);
    } catch (ProtocolException e) {
      metrics.invalidMessageIn();
      if (tooManyBadMessages()) {
        close(CloseReason.POLICY);
        return;
      }
      reply(WsErrors.toMessage(null, e, sessionId));
      return;
    }
    metrics.messageIn(message.type());
    switch (state) {
      case AWAITING_HELLO -> {
        if (message instanceof ClientMessage.Hello hello) {
          state = State.JOINING;
          vertx.cancelTimer(helloTimer);
          greet(hello);
        } else {
          reply(new ServerMessage.Error(message.ref(), ErrorCode.BAD_REQUEST, "Say hello first", 0));
        }
      }
      case JOINING, JOINED -> enqueue(message);
      case CLOSED -> { }
    }
  }

  /**
   * Vert.x reports an oversized frame (a corrupted-frame error) or an oversized message (the partial message is
   * dropped) here rather than closing with the right code itself.
   */
  private void onSocketError(Throwable error) {
    if (error instanceof CorruptedWebSocketFrameException corrupted) {
      // a frame over the size limit (1009), reserved bits set without an agreed extension (1002), ...
      close(CloseReason.forCorruptFrame(corrupted.closeStatus().code()));
    } else if (error instanceof IllegalStateException && String.valueOf(error.getMessage()).contains("size")) {
      close(CloseReason.TOO_BIG);
    } else {
      LogLine.session(LOG, sessionId).fine("socket error", error);
    }
  }

  private void greet(ClientMessage.Hello hello) {
    greeter.greet(this, hello).onComplete(result -> {
      if (result.succeeded()) {
        state = state == State.CLOSED ? State.CLOSED : State.JOINED;
        handleNext();
      } else {
        onGreetingFailed(result.cause());
      }
    });
  }

  private void onGreetingFailed(Throwable failure) {
    reply(WsErrors.toMessage(null, failure, sessionId));
    close(CloseReason.forRefusedHello(failure instanceof DomainException e ? e.code() : null));
  }

  private void enqueue(ClientMessage message) {
    if (message instanceof ClientMessage.Ping && state == State.JOINED) {
      handle(message); // answered at once: a pong says the link works, whatever waits in the queue
      return;
    }
    queued.add(message);
    if (queued.size() >= MAX_QUEUED && !readingPaused) {
      // back-pressure instead of refusals: the client's frames wait in TCP until the queue has room again
      readingPaused = true;
      socket.pause();
    }
    handleNext();
  }

  /**
   * One message at a time: each is answered before the next is handled, so a client's actions apply in the order
   * it sent them (a vote, its take-back and the vote again end as the client last said), even when Redis answers
   * out of order (a script reloaded after a Redis restart), and one client cannot fill the Redis pipeline.
   */
  private void handleNext() {
    if (state != State.JOINED || handling || queued.isEmpty()) {
      return;
    }
    handling = true;
    ClientMessage next = queued.poll();
    if (readingPaused && queued.size() < MAX_QUEUED / 2) {
      readingPaused = false;
      socket.resume();
    }
    handle(next).onComplete(done -> {
      handling = false;
      handleNext();
    });
  }

  private Future<Void> handle(ClientMessage message) {
    if (message instanceof ClientMessage.Hello) {
      reply(new ServerMessage.Error(null, ErrorCode.BAD_REQUEST, "Hello was already said", 0));
      return Future.succeededFuture();
    }
    Future<ServerMessage> answer;
    try {
      answer = message.accept(handlers);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.transform(result -> {
      reply(result.succeeded() ? result.result() : WsErrors.toMessage(message.ref(), result.cause(), sessionId));
      return Future.succeededFuture();
    });
  }

  /**
   * Called by the greeter before anything of the session is written to the socket.
   *
   * @param tokenGeneration the generation of a moderator's or stage token ({@link Recipient#revokedBy})
   */
  void identify(Participant participant, long tokenGeneration) {
    this.participant = participant;
    this.tokenGeneration = tokenGeneration;
    this.handlers = dispatcher.forParticipant(participant);
  }

  /** Encodes and writes a message meant for this socket alone. */
  void reply(ServerMessage message) {
    if (message instanceof ServerMessage.Error error) {
      metrics.error(error.code());
    }
    if (write(codec.encode(message))) {
      metrics.messagesOut(message.type(), 1);
    }
  }

  /** Writes a message meant for this socket alone that is already encoded. */
  void replyEncoded(Buffer encoded, ServerType type) {
    if (write(encoded)) {
      metrics.messagesOut(type, 1);
    }
  }

  /**
   * Writes an encoded frame, or closes the socket as a slow consumer when its write queue is full. Call it on the
   * socket's own event loop ({@link #context()}), where the write queue is measured in bytes.
   *
   * @return whether the frame was written
   */
  @Override
  public boolean write(Buffer encoded) {
    if (!canWrite()) {
      return false;
    }
    try {
      socket.writeFrame(SharedFrame.text(encoded));
    } catch (IllegalStateException closedMeanwhile) {
      // the peer closed the socket before our close handler ran; the broadcast goes on for the others
      state = State.CLOSED;
      return false;
    }
    return true;
  }

  /**
   * Writes a broadcast: framed once for every socket of this event loop ({@link WireFrames}), else as
   * {@link #write(Buffer)}. Same rules: on the socket's own event loop, and a slow consumer is closed.
   */
  @Override
  public boolean write(SharedMessage message) {
    if (wire == null) {
      return write(message.encoded());
    }
    if (!canWrite()) {
      return false;
    }
    wire.write(message.form(WireFrames::textFrame, ByteBuf::release));
    return true;
  }

  /** Whether a frame may be written now; closes a slow consumer (its write queue is full). */
  private boolean canWrite() {
    if (state == State.CLOSED) {
      return false;
    }
    if (socket.isClosed()) {
      // the peer closed the socket before our close handler ran; the broadcast goes on for the others
      state = State.CLOSED;
      return false;
    }
    // Vert.x's queue counts what went through writeFrame; the channel counts the broadcasts written as wire frames
    if (socket.writeQueueFull() || (wire != null && wire.full())) {
      metrics.slowClose();
      LogLine.session(LOG, sessionId).fine("closing a slow consumer: its write queue is full");
      close(CloseReason.SLOW_CONSUMER);
      cutIfStillConnectedAfter(SLOW_CLOSE_GRACE_MS);
      return false;
    }
    return true;
  }

  /** A client that keeps sending what is not the protocol is a broken or hostile client: it is closed. */
  private boolean tooManyBadMessages() {
    long now = System.nanoTime();
    if (badMessages == 0 || now - badMinuteStart > 60_000_000_000L) {
      badMinuteStart = now;
      badMessages = 0;
    }
    return ++badMessages > limits.badMessagesPerMinute();
  }

  /** A heartbeat (see {@link Heartbeats}): ping a quiet socket, close one that did not answer the last ping. */
  void beat() {
    if (state == State.CLOSED) {
      return;
    }
    if (heard) {
      heard = false;
      pinged = false;
    } else if (pinged) {
      close(CloseReason.NOT_RESPONDING);
      cutIfStillConnectedAfter(SLOW_CLOSE_GRACE_MS); // a dead peer never takes the close frame either
    } else {
      pinged = true;
      socket.writePing(Buffer.buffer());
    }
  }

  @Override
  public long tokenGeneration() {
    return tokenGeneration;
  }

  void close(CloseReason reason) {
    if (state != State.CLOSED) {
      state = State.CLOSED;
      socket.close(reason.code(), reason.reason());
    }
  }

  /**
   * Cuts the connection unless it has closed by then. Vert.x starts its closing timeout only once the close frame
   * has been written out, which never happens for a peer that has stopped reading: without this the connection,
   * and what is queued for it, would stay for as long as the peer keeps its end open.
   */
  private void cutIfStillConnectedAfter(long ms) {
    vertx.setTimer(ms, id -> {
      if (!disconnected && socket instanceof WebSocketInternal internal) {
        internal.channelHandlerContext().close();
      }
    });
  }

  private void onClosed() {
    disconnected = true;
    state = State.CLOSED;
    heartbeats.forget(this);
    vertx.cancelTimer(helloTimer);
    metrics.connectionClosed();
    if (participant != null) {
      hub.leave(this);
    }
  }

  /** What one socket may do: its write queue, its hello deadline, how many malformed messages a minute. */
  record SocketLimits(int writeQueueBytes, long helloTimeoutMs, int badMessagesPerMinute, int messageBytes) {
  }

  /**
   * Answers a hello: identifies the socket, sends the welcome (or the resumed events) and joins the socket to the
   * hub. Runs on the socket's context.
   */
  interface Greeter {
    Future<Void> greet(ClientSocket socket, ClientMessage.Hello hello);
  }
}

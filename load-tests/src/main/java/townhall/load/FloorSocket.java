package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One WebSocket of the {@link FloorServer}: waits for {@code hello}, answers {@code welcome}, then handles
 * {@code ask}, {@code vote}, {@code moderate} (approve only), {@code ping}; anything else is answered
 * {@code bad_request}. Every write happens on the socket's event loop; a broadcast frame is written from its shared
 * buffer as a text frame (no re-encoding per socket), and a socket whose write queue is full is closed with 4408
 * like Townhall's slow consumers.
 */
final class FloorSocket {
  private final ServerWebSocket ws;
  private final Context context;
  private final FloorSession session;
  private String participantId;
  private String token;
  private boolean moderator;

  FloorSocket(ServerWebSocket ws, Context context, FloorSession session) {
    this.ws = ws;
    this.context = context;
    this.session = session;
  }

  /** Starts handling the socket's frames; call on its event loop. */
  void start() {
    ws.setWriteQueueMaxSize(FloorServer.WRITE_QUEUE_BYTES);
    ws.textMessageHandler(this::onText);
    ws.exceptionHandler(e -> { });
    ws.closeHandler(v -> {
      if (participantId != null) {
        session.leave(this);
      }
    });
  }

  Context context() {
    return context;
  }

  String participantId() {
    return participantId;
  }

  String token() {
    return token;
  }

  boolean moderator() {
    return moderator;
  }

  private void onText(String text) {
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      send(error(null, "bad_request", "Malformed JSON"));
      return;
    }
    String type = String.valueOf(message.getValue("type"));
    String ref = message.getValue("ref") instanceof String r ? r : null;
    if (participantId == null) {
      if (type.equals("hello")) {
        hello(message.getValue("token") instanceof String t ? t : null);
      } else {
        ws.close((short) 4400, "hello first");
      }
      return;
    }
    switch (type) {
      case "ask" -> {
        String question = message.getValue("text") instanceof String t ? t.strip() : "";
        if (ref == null || question.isEmpty()) {
          send(error(ref, "bad_request", "ask needs ref and text"));
        } else {
          String qid = session.ask(this, question, message.getString("author"));
          send(new JsonObject().put("type", "ack").put("ref", ref).put("questionId", qid));
        }
      }
      case "vote" -> {
        Object qid = message.getValue("questionId");
        Object value = message.getValue("value");
        if (ref == null || !(qid instanceof String) || !(value instanceof Number n) || n.intValue() < 0
            || n.intValue() > 1) {
          send(error(ref, "bad_request", "vote needs ref, questionId and value 0 or 1"));
        } else {
          send(session.vote(participantId, ref, (String) qid, n.intValue()));
        }
      }
      case "moderate" -> moderate(ref, message);
      case "ping" -> send(new JsonObject().put("type", "pong"));
      default -> send(error(ref, "bad_request", "The floor does not handle " + type));
    }
  }

  private void hello(String given) {
    moderator = given != null && given.equals(session.moderatorToken());
    if (!moderator && given != null && given.startsWith("floor.r.")) {
      participantId = given.substring("floor.r.".length());
      token = given;
    } else {
      participantId = FloorServer.randomId(16);
      token = moderator ? given : "floor.r." + participantId;
    }
    send(session.join(this));
  }

  private void moderate(String ref, JsonObject message) {
    if (!moderator) {
      send(error(ref, "forbidden", "Moderators only"));
    } else if (ref == null || !"approve".equals(message.getValue("action"))
        || !(message.getValue("questionId") instanceof String qid)) {
      send(error(ref, "bad_request", "The floor only approves"));
    } else {
      String refused = session.approve(qid);
      send(refused == null ? new JsonObject().put("type", "ack").put("ref", ref).put("questionId", qid)
          : error(ref, refused, "Cannot approve"));
    }
  }

  private void send(JsonObject message) {
    write(message.toBuffer());
  }

  /** Writes an encoded frame (on this socket's event loop), or closes the socket as a slow consumer. */
  void write(Buffer frame) {
    if (ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull()) {
      ws.close((short) 4408, "slow consumer");
      return;
    }
    ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) frame).getByteBuf(), true));
  }

  static JsonObject error(String ref, String code, String message) {
    JsonObject error = new JsonObject().put("type", "error");
    if (ref != null) {
      error.put("ref", ref);
    }
    return error.put("code", code).put("message", message);
  }
}

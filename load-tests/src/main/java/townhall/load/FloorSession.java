package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One session of the {@link FloorServer}, all in memory: its questions and sockets, the vote counts changed since
 * the last tick, and the tick itself. Each tick, the changed counts become one {@code votes} frame (the same JSON
 * as Townhall's: counts and versions) and, when the number of sockets changed, one {@code presence} frame; each
 * is encoded once into a buffer and written to every socket, each socket's writes done on its own event loop.
 * State is guarded by the session's lock.
 */
final class FloorSession {
  private final String id;
  private final String code;
  private final String title;
  private final String moderation;
  private final String moderatorToken;
  private final long createdAt = System.currentTimeMillis();
  private final String epoch;
  private final Map<String, FloorQuestion> questions = new LinkedHashMap<>();
  private final Map<Context, Set<FloorSocket>> socketsByLoop = new HashMap<>();
  private final Map<String, FloorQuestion> changed = new LinkedHashMap<>();
  private int sockets;
  private int presenceSent = -1;
  private long seq;
  private long voteVersion;
  private long nextQuestion = 1;

  FloorSession(Vertx vertx, String id, String code, String title, String moderation, String moderatorToken,
      long tickMs) {
    this.id = id;
    this.code = code;
    this.title = title;
    this.moderation = moderation;
    this.moderatorToken = moderatorToken;
    this.epoch = FloorServer.randomId(12);
    vertx.setPeriodic(tickMs, timer -> tick());
  }

  String id() {
    return id;
  }

  String moderatorToken() {
    return moderatorToken;
  }

  /** The public facts, as {@code GET /api/sessions/{id}} and {@code welcome} give them. */
  JsonObject json() {
    return new JsonObject().put("id", id).put("code", code).put("title", title).put("status", "open")
        .put("moderation", moderation).put("anonymous", true).put("locale", "vi").put("maxLength", 500)
        .put("createdAt", createdAt);
  }

  /** Adds the socket and answers its welcome, a snapshot taken under the same lock. */
  synchronized JsonObject join(FloorSocket socket) {
    socketsByLoop.computeIfAbsent(socket.context(), c -> new HashSet<>()).add(socket);
    sockets++;
    JsonArray visible = new JsonArray();
    for (FloorQuestion q : questions.values()) {
      if (socket.moderator() || q.isPublic() || q.authorId.equals(socket.participantId())) {
        visible.add(q.json().put("voted", q.voters.contains(socket.participantId()))
            .put("mine", q.authorId.equals(socket.participantId())));
      }
    }
    return new JsonObject().put("type", "welcome")
        .put("participant", new JsonObject().put("id", socket.participantId()).put("token", socket.token()))
        .put("role", socket.moderator() ? "moderator" : "resident").put("session", json()).put("seq", seq)
        .put("epoch", epoch).put("stage", null).put("presence", sockets).put("questions", visible);
  }

  synchronized void leave(FloorSocket socket) {
    Set<FloorSocket> loop = socketsByLoop.get(socket.context());
    if (loop != null && loop.remove(socket)) {
      sockets--;
    }
  }

  /** A new question: {@code live} in a post-moderated session, {@code pending} in a pre-moderated one. */
  synchronized String ask(FloorSocket author, String text, String authorName) {
    String qid = Long.toString(nextQuestion++);
    FloorQuestion q = new FloorQuestion(qid, text, authorName, author.participantId(),
        moderation.equals("pre") ? "pending" : "live", System.currentTimeMillis());
    questions.put(qid, q);
    broadcastQuestion(q);
    return qid;
  }

  /** Approves a pending question; answers null, or the error code. */
  synchronized String approve(String questionId) {
    FloorQuestion q = questions.get(questionId);
    if (q == null) {
      return "not_found";
    }
    if (!q.status.equals("pending")) {
      return "conflict";
    }
    q.status = "live";
    broadcastQuestion(q);
    return null;
  }

  /** Applies an upvote (1) or its withdrawal (0); answers the ack, or an error frame. */
  synchronized JsonObject vote(String participantId, String ref, String questionId, int value) {
    FloorQuestion q = questions.get(questionId);
    if (q == null) {
      return FloorSocket.error(ref, "not_found", "No such question");
    }
    if (value == 1 && !q.status.equals("live")) {
      return FloorSocket.error(ref, "conflict", "The question is not live");
    }
    boolean changedNow = value == 1 ? q.voters.add(participantId) : q.voters.remove(participantId);
    if (changedNow) {
      q.voteVersion = ++voteVersion;
      changed.put(questionId, q);
    }
    return new JsonObject().put("type", "ack").put("ref", ref).put("questionId", questionId)
        .put("votes", q.voters.size()).put("voted", q.voters.contains(participantId)).put("version", q.voteVersion);
  }

  private void broadcastQuestion(FloorQuestion q) {
    Buffer frame = new JsonObject().put("type", "question").put("seq", ++seq).put("question", q.json()).toBuffer();
    fanOut(frame, socket -> socket.moderator() || q.isPublic() || q.authorId.equals(socket.participantId()));
  }

  private void tick() {
    synchronized (this) {
      if (!changed.isEmpty()) {
        JsonObject counts = new JsonObject();
        JsonObject versions = new JsonObject();
        changed.values().forEach(q -> {
          counts.put(q.id, q.voters.size());
          versions.put(q.id, q.voteVersion);
        });
        changed.clear();
        fanOut(new JsonObject().put("type", "votes").put("counts", counts).put("versions", versions).toBuffer(),
            socket -> true);
      }
      if (sockets != presenceSent) {
        presenceSent = sockets;
        fanOut(new JsonObject().put("type", "presence").put("count", sockets).toBuffer(), socket -> true);
      }
    }
  }

  /** Writes one encoded frame to the chosen sockets, each event loop's share in one task on that loop. */
  private void fanOut(Buffer frame, Predicate<FloorSocket> to) {
    socketsByLoop.forEach((loop, all) -> {
      List<FloorSocket> chosen = new ArrayList<>(all.size());
      for (FloorSocket socket : all) {
        if (to.test(socket)) {
          chosen.add(socket);
        }
      }
      if (!chosen.isEmpty()) {
        loop.runOnContext(v -> chosen.forEach(socket -> socket.write(frame)));
      }
    });
  }
}

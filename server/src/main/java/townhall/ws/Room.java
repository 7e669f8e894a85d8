package townhall.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import townhall.bus.Throttle;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;
import townhall.metrics.Metrics;
import townhall.protocol.Audience;
import townhall.protocol.EventMessages;
import townhall.protocol.MessageCodec;
import townhall.protocol.ServerMessage;
import townhall.store.EventLog;
import townhall.store.PresenceStore;

/**
 * One session's sockets on this node. Delivers the session's logged events strictly in {@code seq} order, each
 * encoded once and written to every socket that may see it; a gap (a lost or late pub/sub message) is filled from
 * the event log before anything after it is delivered. Vote counts and presence are coalesced per tick.
 *
 * <p>Threading: confined to the hub context.
 */
final class Room {
  private static final Logger LOG = Logger.getLogger(Room.class.getName());
  private static final int RECENT_EVENTS = 512;
  private static final int PRESENCE_TICKS = 10;

  private final Vertx vertx;
  private final String sessionId;
  private final MessageCodec codec;
  private final EventLog log;
  private final PresenceStore presence;
  private final Metrics metrics;
  private final String nodeId;
  private final long tickMs;
  private final long presenceTtlMs;
  private final SocketsByLoop sockets = new SocketsByLoop();
  private final Set<ClientSocket> moderators = new HashSet<>();
  /** Stage screens: they receive everything residents do, but are not people, so presence leaves them out. */
  private final Set<ClientSocket> stageScreens = new HashSet<>();
  private final Map<String, List<ClientSocket>> byParticipant = new HashMap<>();
  private final ArrayDeque<SessionEvent.Sequenced> recent = new ArrayDeque<>();
  private final TreeMap<Long, SessionEvent.Sequenced> early = new TreeMap<>();
  private final Map<String, SessionEvent.VoteCount> latestCounts = new HashMap<>();
  private final Map<String, SessionEvent.VoteCount> changedCounts = new HashMap<>();
  private final Throttle votesFlush;
  private final Throttle presenceFlush;
  private final Throttle presenceReport;
  private long lastSeq = -1;
  private boolean fillingGap;
  private boolean disposed;
  private int presenceCount = -1;
  private long presenceAt;

  /** Completes when the session's feed subscription is active. */
  Future<Void> followed;
  /** Sockets between {@link LocalHub#prepare} and {@link LocalHub#join}. */
  int preparing;

  Room(Vertx vertx, String sessionId, MessageCodec codec, EventLog log, PresenceStore presence, Metrics metrics,
      String nodeId, long tickMs, long heartbeatMs) {
    this.vertx = vertx;
    this.sessionId = sessionId;
    this.codec = codec;
    this.log = log;
    this.presence = presence;
    this.metrics = metrics;
    this.nodeId = nodeId;
    this.tickMs = tickMs;
    this.presenceTtlMs = heartbeatMs * 3;
    this.votesFlush = new Throttle(vertx, tickMs, this::flushVotes);
    // presence is not urgent: a slower tick keeps join and leave storms from costing a frame per socket per tick
    this.presenceFlush = new Throttle(vertx, tickMs * PRESENCE_TICKS, this::flushPresence);
    this.presenceReport = new Throttle(vertx, Math.max(tickMs, 250), this::reportPresence);
  }

  String sessionId() {
    return sessionId;
  }

  boolean isEmpty() {
    return sockets.isEmpty();
  }

  /** Adds a socket holding the session's state as of {@code seq}; a socket closed meanwhile is not added. */
  void add(ClientSocket socket, long seq) {
    if (!socket.isOpen()) {
      return;
    }
    socket.deliveredSeq = seq;
    sockets.add(socket);
    if (socket.isModerator()) {
      moderators.add(socket);
    }
    if (socket.isStage()) {
      stageScreens.add(socket);
    }
    byParticipant.computeIfAbsent(socket.participant().id(), id -> new ArrayList<>(1)).add(socket);
    if (lastSeq < 0) {
      lastSeq = seq;
      drainEarly();
    } else if (seq < lastSeq) {
      catchUp(socket);
    }
    presenceReport.trigger();
  }

  /** Removes a socket; answers whether it was here. */
  boolean remove(ClientSocket socket) {
    if (!sockets.remove(socket)) {
      return false;
    }
    moderators.remove(socket);
    stageScreens.remove(socket);
    List<ClientSocket> same = byParticipant.get(socket.participant().id());
    same.remove(socket);
    if (same.isEmpty()) {
      byParticipant.remove(socket.participant().id());
    }
    presenceReport.trigger();
    return true;
  }

  void onEvent(SessionEvent event) {
    if (event instanceof SessionEvent.Sequenced sequenced) {
      onSequenced(sequenced);
    } else if (event instanceof SessionEvent.VoteCounts votes) {
      onVotes(votes);
    } else if (event instanceof SessionEvent.TokensRevoked revoked) {
      closeRevoked(revoked);
    } else if (event instanceof SessionEvent.PresenceChanged change && change.at() >= presenceAt) {
      presenceAt = change.at();
      if (change.count() != presenceCount) {
        presenceCount = change.count();
        presenceFlush.trigger();
      }
    }
  }

  private void onSequenced(SessionEvent.Sequenced event) {
    if (lastSeq < 0) {
      early.put(event.seq(), event);
    } else if (event.seq() == lastSeq + 1) {
      deliver(event);
      drainEarly();
    } else if (event.seq() > lastSeq) {
      early.put(event.seq(), event);
      fillGap();
    } else if (rewritten(event)) {
      // Redis lost events this room already delivered (a failover to a lagging replica) and numbers new ones with
      // the same seqs: every screen here shows a past that is gone
      LogLine.session(LOG, sessionId).with("seq", event.seq())
          .warning("an event differs from the one delivered under its seq: the session's log went back");
      startAgain(event.seq());
    }
  }

  /**
   * The session's log went back past what this room delivered: a new epoch, so every client's resume becomes a full
   * snapshot, then every socket here resyncs.
   */
  private void startAgain(long rewrittenSeq) {
    lastSeq = -1;
    early.clear();
    recent.clear();
    log.startNewEpoch(sessionId, rewrittenSeq).onComplete(done -> closeAll(CloseReason.RESYNC));
  }

  /** An event with a seq already delivered that is not the event delivered then (a repeat is the same event). */
  private boolean rewritten(SessionEvent.Sequenced event) {
    var older = recent.descendingIterator();
    while (older.hasNext()) {
      SessionEvent.Sequenced delivered = older.next();
      if (delivered.seq() == event.seq()) {
        return !delivered.equals(event);
      }
      if (delivered.seq() < event.seq()) {
        return false;
      }
    }
    return false;
  }

  private void drainEarly() {
    while (!early.isEmpty()) {
      long first = early.firstKey();
      if (first <= lastSeq) {
        early.pollFirstEntry();
      } else if (first == lastSeq + 1) {
        deliver(early.pollFirstEntry().getValue());
      } else {
        fillGap();
        return;
      }
    }
  }

  /**
   * Reads the log for events this room has not seen. Pub/sub delivers at most once: a message lost while the
   * subscription was down is otherwise only noticed when the next event arrives, which may be never.
   */
  void catchUpWithLog() {
    if (lastSeq >= 0) {
      readLog(true);
    }
  }

  private void fillGap() {
    readLog(false);
  }

  /** Reads the events after {@code lastSeq} (and, on a heartbeat, every current count, as counts are not logged). */
  private void readLog(boolean withCounts) {
    if (fillingGap || disposed) {
      return;
    }
    fillingGap = true;
    log.since(sessionId, lastSeq, null, withCounts).onComplete(result -> {
      fillingGap = false;
      if (disposed) {
        return;
      }
      if (result.failed() && result.cause() instanceof DomainException e && e.code() == ErrorCode.NOT_FOUND) {
        // the organizer deleted the session (or retention did): its screens stop for good
        LogLine.session(LOG, sessionId).info("session no longer exists; closing its sockets");
        closeAll(CloseReason.NO_SESSION);
      } else if (result.failed()) {
        LogLine.session(LOG, sessionId).warning("cannot read missed events, retrying", result.cause());
        vertx.setTimer(tickMs * 10, id -> fillGap());
      } else if (result.result().wentBack()) {
        LogLine.session(LOG, sessionId).with("lastSeq", lastSeq)
            .warning("the session's log ends before what this node delivered: the log went back");
        startAgain(lastSeq);
      } else if (result.result().gone()) {
        LogLine.session(LOG, sessionId).with("lastSeq", lastSeq)
            .warning("missed events are no longer in the log; clients resync");
        closeAll(CloseReason.RESYNC);
      } else {
        result.result().events().forEach(e -> {
          if (e.seq() == lastSeq + 1) {
            deliver(e);
          }
        });
        drainEarly();
        result.result().counts().forEach(this::noteCount);
        if (!changedCounts.isEmpty()) {
          votesFlush.trigger();
        }
      }
    });
  }

  /**
   * Writes the event to every socket that may see it: one buffer for moderators (with the content flags), one for
   * the question's author (with its private details; the moderators' buffer when that holds nothing more), one for
   * the other residents, each encoded once.
   */
  private void deliver(SessionEvent.Sequenced event) {
    lastSeq = event.seq();
    recent.addLast(event);
    if (recent.size() > RECENT_EVENTS) {
      recent.removeFirst();
    }
    if (event instanceof SessionEvent.QuestionChanged changed) {
      // the event itself carries the count to every screen that shows the question; no votes frame is needed
      if (noteCount(changed.question().id(), new SessionEvent.VoteCount(changed.question().votes(),
          changed.question().voteVersion()))) {
        changedCounts.remove(changed.question().id());
      }
    }
    metrics.broadcast();
    Fanout toModerators = new Fanout();
    moderators.forEach(socket -> {
      if (take(socket, event)) {
        toModerators.add(socket);
      }
    });
    boolean same = EventMessages.sameForAuthorAndModerators(event);
    Fanout toAuthor = same ? toModerators : new Fanout();
    byParticipant.getOrDefault(event.privateRecipient(), List.of()).forEach(socket -> {
      if (take(socket, event)) {
        toAuthor.add(socket);
      }
    });
    if (!toModerators.isEmpty()) {
      send(toModerators, EventMessages.of(event, Audience.MODERATOR));
    }
    if (!same && !toAuthor.isEmpty()) {
      send(toAuthor, EventMessages.of(event, Audience.AUTHOR));
    }
    if (event.reachesResidents()) {
      Fanout everyone = Fanout.of(sockets, socket -> take(socket, event));
      if (!everyone.isEmpty()) {
        send(everyone, EventMessages.of(event, Audience.PUBLIC));
      }
    }
  }

  /** Marks the event as given to the socket; answers false when the socket already had it. */
  private static boolean take(ClientSocket socket, SessionEvent.Sequenced event) {
    if (socket.deliveredSeq >= event.seq()) {
      return false;
    }
    socket.deliveredSeq = event.seq();
    return true;
  }

  /** Gives a socket whose snapshot is older than the room the events in between, or makes it resume. */
  private void catchUp(ClientSocket socket) {
    if (recent.isEmpty() || recent.peekFirst().seq() > socket.deliveredSeq + 1) {
      socket.close(CloseReason.RESYNC);
      return;
    }
    for (SessionEvent.Sequenced event : recent) {
      if (event.seq() > socket.deliveredSeq && event.visibleTo(socket.participant())) {
        ServerMessage message = EventMessages.of(event,
            Audience.of(socket.participant(), event.privateTo(socket.participant())));
        Fanout.sendTo(socket, codec.encode(message), message.type(), metrics);
      }
    }
    socket.deliveredSeq = lastSeq;
  }

  private void onVotes(SessionEvent.VoteCounts votes) {
    votes.counts().forEach(this::noteCount);
    if (!changedCounts.isEmpty()) {
      votesFlush.trigger();
    }
  }

  /**
   * Keeps the newest count of a question, whatever order counts from several nodes and events arrive in; answers
   * whether this count was newer than any seen.
   */
  private boolean noteCount(String questionId, SessionEvent.VoteCount count) {
    SessionEvent.VoteCount known = latestCounts.get(questionId);
    if (known != null && count.version() <= known.version()) {
      return false;
    }
    latestCounts.put(questionId, count);
    changedCounts.put(questionId, count);
    return true;
  }

  private void flushVotes() {
    if (changedCounts.isEmpty()) {
      return;
    }
    ServerMessage votes = new ServerMessage.Votes(Map.copyOf(changedCounts));
    changedCounts.clear();
    metrics.voteFlush();
    send(Fanout.of(sockets, socket -> true), votes);
  }

  private void flushPresence() {
    send(Fanout.of(sockets, socket -> true), new ServerMessage.Presence(presenceCount));
  }

  /** Encodes the message once and writes it to the fan-out's sockets. */
  private void send(Fanout fanout, ServerMessage message) {
    fanout.send(codec.encode(message), message.type(), metrics);
  }

  void reportPresence() {
    if (!disposed) {
      presence.report(sessionId, nodeId, sockets.size() - stageScreens.size(), presenceTtlMs)
          .onFailure(e -> LogLine.session(LOG, sessionId).fine("presence not reported", e));
    }
  }


  /** Closes the moderators' and stage screens' sockets whose tokens were revoked (4403: a new link is needed). */
  private void closeRevoked(SessionEvent.TokensRevoked revoked) {
    List<ClientSocket> holders = new ArrayList<>(moderators);
    holders.addAll(stageScreens);
    holders.stream().filter(socket -> socket.revokedBy(revoked.generations()))
        .forEach(socket -> socket.close(CloseReason.TOKEN_REFUSED));
  }

  void closeAll(CloseReason reason) {
    sockets.snapshot().forEach(socket -> socket.close(reason));
    if (reason == CloseReason.RESYNC) {
      lastSeq = -1;
      early.clear();
      recent.clear();
    }
  }

  /** Stops the room's timers and withdraws this node's presence from the session. */
  Future<Void> dispose() {
    disposed = true;
    votesFlush.cancel();
    presenceFlush.cancel();
    presenceReport.cancel();
    return presence.report(sessionId, nodeId, 0, presenceTtlMs).<Void>mapEmpty()
        .onFailure(e -> LogLine.session(LOG, sessionId).fine("presence not withdrawn", e));
  }
}

package townhall.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;
import townhall.metrics.Metrics;
import townhall.protocol.ServerMessage;
import townhall.store.EventLog;
import townhall.store.PresenceStore;

/**
 * One session on this node: its members, the ordered stream of its events ({@link EventOrder}), the events it
 * delivered lately ({@link RecentEvents}), vote counts and presence coalesced per tick, and the fan-out of each
 * event ({@link EventFanout}).
 *
 * <p>Threading: confined to the hub context.
 */
final class Room implements EventOrder.Sink {
  private static final Logger LOG = Logger.getLogger(Room.class.getName());
  private static final int RECENT_EVENTS = 512;
  private static final int PRESENCE_TICKS = 10;

  private final String sessionId;
  private final EventLog log;
  private final PresenceStore presence;
  private final Metrics metrics;
  private final String nodeId;
  private final long presenceTtlMs;
  private final Members members = new Members();
  private final EventOrder order;
  private final RecentEvents recent = new RecentEvents(RECENT_EVENTS);
  private final VoteTally votes = new VoteTally();
  private final PresenceTally presenceTally = new PresenceTally();
  private final EventFanout fanout;
  private final Throttle votesFlush;
  private final Throttle presenceFlush;
  private final Throttle presenceReport;
  private boolean disposed;

  /** Completes when the session's feed subscription is active. */
  Future<Void> followed;
  /** Recipients between {@link LocalHub#prepare} and {@link LocalHub#join}. */
  int preparing;

  Room(Vertx vertx, String sessionId, EventFanout fanout, EventLog log, PresenceStore presence, Metrics metrics,
      String nodeId, long tickMs, long heartbeatMs) {
    this.sessionId = sessionId;
    this.fanout = fanout;
    this.log = log;
    this.presence = presence;
    this.metrics = metrics;
    this.nodeId = nodeId;
    this.presenceTtlMs = heartbeatMs * 3;
    this.order = new EventOrder(vertx, sessionId, log, tickMs * 10, this);
    this.votesFlush = new Throttle(vertx, tickMs, this::flushVotes);
    // presence is not urgent: a slower tick keeps join and leave storms from costing a frame per socket per tick
    this.presenceFlush = new Throttle(vertx, tickMs * PRESENCE_TICKS, this::flushPresence);
    this.presenceReport = new Throttle(vertx, Math.max(tickMs, 250), this::reportPresence);
  }

  String sessionId() {
    return sessionId;
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  /** Adds a recipient holding the session's state as of {@code seq}; one closed meanwhile is not added. */
  void add(Recipient recipient, long seq) {
    if (!recipient.isOpen()) {
      return;
    }
    recipient.deliveredSeq(seq);
    members.add(recipient);
    if (order.lastSeq() < 0) {
      order.startAt(seq);
    } else if (seq < order.lastSeq()) {
      catchUp(recipient);
    }
    presenceReport.trigger();
  }

  /** Removes a recipient; answers whether it was here. */
  boolean remove(Recipient recipient) {
    if (!members.remove(recipient)) {
      return false;
    }
    presenceReport.trigger();
    return true;
  }

  void onEvent(SessionEvent event) {
    if (event instanceof SessionEvent.Sequenced sequenced) {
      order.onEvent(sequenced);
    } else if (event instanceof SessionEvent.VoteCounts counts) {
      counts(counts.counts());
    } else if (event instanceof SessionEvent.TokensRevoked revoked) {
      evictRevoked(revoked);
    } else if (event instanceof SessionEvent.PresenceChanged change && presenceTally.note(change)) {
      presenceFlush.trigger();
    }
  }

  /** Ends the moderators' and stage screens' connections whose tokens the organizer revoked. */
  private void evictRevoked(SessionEvent.TokensRevoked revoked) {
    List<Recipient> holders = new ArrayList<>(members.moderators());
    holders.addAll(members.stageScreens());
    holders.stream().filter(recipient -> recipient.revokedBy(revoked.generations()))
        .forEach(recipient -> recipient.evict(Eviction.TOKEN_REVOKED));
  }

  void catchUpWithLog() {
    order.catchUpWithLog();
  }

  @Override
  public void next(SessionEvent.Sequenced event) {
    recent.add(event);
    if (event instanceof SessionEvent.QuestionChanged changed) {
      // the event itself carries the count to every screen that shows the question; no votes frame is needed
      if (votes.note(changed.question().id(), new SessionEvent.VoteCount(changed.question().votes(),
          changed.question().voteVersion()))) {
        votes.delivered(changed.question().id());
      }
    }
    fanout.deliver(members, event);
  }

  @Override
  public void old(SessionEvent.Sequenced event) {
    if (recent.rewritten(event)) {
      // Redis lost events this room already delivered (a failover to a lagging replica) and numbers new ones with
      // the same seqs: every screen here shows a past that is gone
      LogLine.session(LOG, sessionId).with("seq", event.seq())
          .warning("an event differs from the one delivered under its seq: the session's log went back");
      startAgain(event.seq());
    }
  }

  @Override
  public void counts(Map<String, SessionEvent.VoteCount> counts) {
    counts.forEach(votes::note);
    if (votes.hasChanges()) {
      votesFlush.trigger();
    }
  }

  @Override
  public void wentBack(long lastSeq) {
    LogLine.session(LOG, sessionId).with("lastSeq", lastSeq)
        .warning("the session's log ends before what this node delivered: the log went back");
    startAgain(lastSeq);
  }

  @Override
  public void lost() {
    LogLine.session(LOG, sessionId).with("lastSeq", order.lastSeq())
        .warning("missed events are no longer in the log; clients resync");
    evictAll(Eviction.RESYNC);
  }

  @Override
  public void sessionGone() {
    // the organizer deleted the session (or retention did): its screens stop for good
    LogLine.session(LOG, sessionId).info("session no longer exists; closing its sockets");
    evictAll(Eviction.NO_SESSION);
  }

  /**
   * The session's log went back past what this room delivered: a new epoch, so every client's resume becomes a full
   * snapshot, then every recipient here resyncs.
   */
  private void startAgain(long rewrittenSeq) {
    forgetStream();
    log.startNewEpoch(sessionId, rewrittenSeq).onComplete(done -> evictAll(Eviction.RESYNC));
  }

  private void forgetStream() {
    order.reset();
    recent.clear();
  }

  /** Gives a recipient whose snapshot is older than the room the events in between, or makes it resume. */
  private void catchUp(Recipient recipient) {
    if (!recent.covers(recipient.deliveredSeq())) {
      recipient.evict(Eviction.RESYNC);
      return;
    }
    fanout.catchUp(recipient, recent.after(recipient.deliveredSeq()));
    recipient.deliveredSeq(order.lastSeq());
  }

  private void flushVotes() {
    if (!votes.hasChanges()) {
      return;
    }
    metrics.voteFlush();
    fanout.toEveryone(members, new ServerMessage.Votes(votes.takeChanges()));
  }

  private void flushPresence() {
    fanout.toEveryone(members, new ServerMessage.Presence(presenceTally.count()));
  }

  void reportPresence() {
    if (!disposed) {
      presence.report(sessionId, nodeId, members.people(), presenceTtlMs)
          .onFailure(e -> LogLine.session(LOG, sessionId).fine("presence not reported", e));
    }
  }

  void evictAll(Eviction reason) {
    members.all().snapshot().forEach(recipient -> recipient.evict(reason));
    if (reason == Eviction.RESYNC) {
      forgetStream();
    }
  }

  /** Stops the room's timers and withdraws this node's presence from the session. */
  Future<Void> dispose() {
    disposed = true;
    order.stop();
    votesFlush.cancel();
    presenceFlush.cancel();
    presenceReport.cancel();
    return presence.report(sessionId, nodeId, 0, presenceTtlMs).<Void>mapEmpty()
        .onFailure(e -> LogLine.session(LOG, sessionId).fine("presence not withdrawn", e));
  }
}

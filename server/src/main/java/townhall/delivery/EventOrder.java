package townhall.delivery;

import io.vertx.core.Vertx;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;
import townhall.store.EventLog;

/**
 * Puts one session's logged events in {@code seq} order: an event that arrives early waits until those before it
 * have come; a gap (a lost or late pub/sub message) is filled from the event log. Hands each event on exactly
 * once, in order, to its {@link Sink}. Confined to the hub context.
 */
final class EventOrder {
  private static final Logger LOG = Logger.getLogger(EventOrder.class.getName());

  /** What the ordered stream leads to. */
  interface Sink {
    /** The next event in seq order. */
    void next(SessionEvent.Sequenced event);

    /** An event with a seq at or below the last one handed on (a repeat, or a rewritten past). */
    void old(SessionEvent.Sequenced event);

    /** Current counts read with the log (on a heartbeat). */
    void counts(Map<String, SessionEvent.VoteCount> counts);

    /** The session's epoch, as the log says when it is read. */
    void epoch(String epoch);

    /** The log ends before what was handed on: the store lost events. */
    void wentBack(long lastSeq);

    /** The missed events are no longer in the log. */
    void lost();

    /** The session no longer exists. */
    void sessionGone();
  }

  private final Vertx vertx;
  private final String sessionId;
  private final EventLog log;
  private final long retryMs;
  private final Sink sink;
  private final TreeMap<Long, SessionEvent.Sequenced> early = new TreeMap<>();
  private long lastSeq = -1;
  private boolean reading;
  private boolean stopped;

  EventOrder(Vertx vertx, String sessionId, EventLog log, long retryMs, Sink sink) {
    this.vertx = vertx;
    this.sessionId = sessionId;
    this.log = log;
    this.retryMs = retryMs;
    this.sink = sink;
  }

  /** The seq of the last event handed on, or -1 before the stream has a start. */
  long lastSeq() {
    return lastSeq;
  }

  /** Starts the stream after {@code seq} (when it has no start yet); events that came early are handed on. */
  void startAt(long seq) {
    if (lastSeq < 0) {
      lastSeq = seq;
      drainEarly();
    }
  }

  /** Forgets where the stream was: the next {@link #startAt} starts it again. */
  void reset() {
    lastSeq = -1;
    early.clear();
  }

  void stop() {
    stopped = true;
  }

  void onEvent(SessionEvent.Sequenced event) {
    if (lastSeq < 0) {
      early.put(event.seq(), event);
    } else if (event.seq() == lastSeq + 1) {
      handOn(event);
      drainEarly();
    } else if (event.seq() > lastSeq) {
      early.put(event.seq(), event);
      readLog(false);
    } else {
      sink.old(event);
    }
  }

  /**
   * Reads the log for events not seen yet. Pub/sub delivers at most once: a message lost while the subscription
   * was down is otherwise only noticed when the next event arrives, which may be never.
   */
  void catchUpWithLog() {
    if (lastSeq >= 0) {
      readLog(true);
    }
  }

  private void handOn(SessionEvent.Sequenced event) {
    lastSeq = event.seq();
    sink.next(event);
  }

  private void drainEarly() {
    while (!early.isEmpty() && lastSeq >= 0) {
      long first = early.firstKey();
      if (first <= lastSeq) {
        early.pollFirstEntry();
      } else if (first == lastSeq + 1) {
        handOn(early.pollFirstEntry().getValue());
      } else {
        readLog(false);
        return;
      }
    }
  }

  /** Reads the events after {@code lastSeq} (and, on a heartbeat, every current count, as counts are not logged). */
  private void readLog(boolean withCounts) {
    if (reading || stopped) {
      return;
    }
    reading = true;
    log.since(sessionId, lastSeq, null, withCounts).onComplete(result -> {
      reading = false;
      if (stopped || lastSeq < 0) {
        return; // reset meanwhile: the stream starts again from a new snapshot
      }
      if (result.failed() && result.cause() instanceof DomainException e && e.code() == ErrorCode.NOT_FOUND) {
        sink.sessionGone();
      } else if (result.failed()) {
        LogLine.session(LOG, sessionId).warning("cannot read missed events, retrying", result.cause());
        vertx.setTimer(retryMs, id -> readLog(false));
      } else if (result.result().wentBack()) {
        sink.wentBack(lastSeq);
      } else if (result.result().gone()) {
        sink.lost();
      } else {
        sink.epoch(result.result().epoch());
        if (lastSeq >= 0 && result.result().atSince() != null) {
          // after a failover to a lagging replica the log may have been written on past where this stream is:
          // the events read next would then follow a past that is gone, which only this one can tell
          sink.old(result.result().atSince());
        }
        if (lastSeq < 0) {
          return;
        }
        result.result().events().forEach(e -> {
          if (e.seq() == lastSeq + 1) {
            handOn(e);
          }
        });
        drainEarly();
        sink.counts(result.result().counts());
      }
    });
  }
}

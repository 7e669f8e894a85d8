package townhall.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;
import townhall.store.EventLog;

/**
 * One read of a session for a node's {@link SessionView}, in slices, so that no Redis call grows with the session
 * (one call reading 100,000 questions held Redis for longer than the command timeout):
 * <ol>
 *   <li>the start fixes the position in the log (the seq, the epoch and the event logged under the seq) and reads
 *       the first questions by number ({@link EventLog#viewStart});</li>
 *   <li>each following call reads the next questions, as they are then ({@link EventLog#viewSlice});</li>
 *   <li>the log after the start's seq ({@link EventLog#since}, bounded by the log's length) is applied last, once
 *       it is checked to be the past every call read from.</li>
 * </ol>
 * Why this equals one read at the log's end: every change of a question, except its vote count, is logged with
 * the whole question. A question that did not change after the start was the same in its slice; one that did ends
 * as its last logged event made it, whatever its slice held. Counts carry a version: the newest wins, whether it
 * came in a slice, an event or a {@code votes} message that arrived meanwhile ({@link #counts}). Questions asked
 * after the start come from the log whether or not a slice saw them.
 *
 * <p>The read starts again from the beginning when the log it would catch up with is not the one it started from:
 * a new epoch, a log that went back (its seq is below a seq a slice saw), an event under a seq a slice saw that is
 * not the event logged then (Redis lost events and new ones reuse their seqs: a slice may hold a state that is
 * gone), or more events meanwhile than the log keeps. After a few such starts it fails {@code unavailable}.
 *
 * <p>Threading: confined to the hub context.
 */
final class ViewRead {
  private static final Logger LOG = Logger.getLogger(ViewRead.class.getName());
  /** Starts a read may take before it gives up (each start means the session's past changed under it). */
  private static final int ATTEMPTS = 5;

  /** The view at the log's end, with the newest logged events up to its seq (at most the room's recent events). */
  record Result(SessionView view, List<SessionEvent.Sequenced> recent) {
  }

  /** A seq a call saw and the event logged under it (null when the log held none). */
  private record Position(long seq, SessionEvent.Sequenced head) {
  }

  private final EventLog log;
  private final String sessionId;
  private final int recentEvents;
  private final int sliceSize;
  /** The newest count of each question that arrived while the read went on. */
  private final Map<String, SessionEvent.VoteCount> arrived = new HashMap<>();

  ViewRead(EventLog log, String sessionId, int recentEvents, int sliceSize) {
    this.log = log;
    this.sessionId = sessionId;
    this.recentEvents = recentEvents;
    this.sliceSize = sliceSize;
  }

  /** Keeps counts that arrive while the read goes on (a slice may have read a question before its last vote). */
  void counts(Map<String, SessionEvent.VoteCount> counts) {
    counts.forEach((id, count) -> arrived.merge(id, count, (a, b) -> a.version() >= b.version() ? a : b));
  }

  Future<Result> read() {
    return attempt(1);
  }

  private Future<Result> attempt(int attempt) {
    return log.viewStart(sessionId, recentEvents, sliceSize).compose(start -> {
      EventLog.SessionState state = start.state();
      SessionView view = SessionView.of(state);
      List<Position> seen = new ArrayList<>();
      seen.add(new Position(state.seq(), start.head()));
      return slices(view, state.epoch(), start.after(), start.more(), seen)
          .compose(sliced -> sliced ? catchUp(view, start, seen) : Future.succeededFuture(null));
    }).compose(result -> {
      if (result != null) {
        return Future.succeededFuture(result);
      }
      if (attempt >= ATTEMPTS) {
        return Future.failedFuture(new DomainException(ErrorCode.UNAVAILABLE,
            "The session changed its past while it was read; retry later", 1000, null));
      }
      LogLine.session(LOG, sessionId).with("attempt", attempt)
          .info("the session's log changed its past while the view was read; reading it again");
      return attempt(attempt + 1);
    });
  }

  /**
   * Reads the slices after question {@code after}; answers false when one was read from another epoch or past. Each
   * slice is asked for when the one before has come (not from inside its completion), so a read of many slices
   * never nests one future in the next.
   */
  private Future<Boolean> slices(SessionView view, String epoch, long after, boolean more, List<Position> seen) {
    Promise<Boolean> sliced = Promise.promise();
    nextSlice(view, epoch, after, more, seen, sliced);
    return sliced.future();
  }

  private void nextSlice(SessionView view, String epoch, long after, boolean more, List<Position> seen,
      Promise<Boolean> sliced) {
    if (!more) {
      sliced.complete(true);
      return;
    }
    log.viewSlice(sessionId, after, sliceSize).onComplete(answer -> {
      if (answer.failed()) {
        sliced.fail(answer.cause());
        return;
      }
      EventLog.ViewSlice slice = answer.result();
      if (!Objects.equals(epoch, slice.epoch()) || slice.seq() < seen.get(0).seq()) {
        sliced.complete(false);
        return;
      }
      seen.add(new Position(slice.seq(), slice.head()));
      slice.questions().forEach(view::add);
      nextSlice(view, epoch, slice.after(), slice.more() && slice.after() > after, seen, sliced);
    });
  }

  /**
   * Applies the log after the start's seq (with the event under it, to check it is still the one the start saw);
   * answers null when the log is not the past every call read from.
   */
  private Future<Result> catchUp(SessionView view, EventLog.ViewStart start, List<Position> seen) {
    long from = start.state().seq();
    return log.since(sessionId, from, start.state().epoch(), null).map(history -> {
      if (history.gone()) {
        return null;
      }
      Map<Long, SessionEvent.Sequenced> logged = new HashMap<>();
      if (history.atSince() != null) {
        logged.put(from, history.atSince());
      }
      history.events().forEach(e -> logged.put(e.seq(), e));
      for (Position position : seen) {
        if (position.seq() > history.seq()
            || (position.head() != null && !position.head().equals(logged.get(position.seq())))) {
          return null;
        }
      }
      List<SessionEvent.Sequenced> recent = new ArrayList<>(start.state().recent());
      for (SessionEvent.Sequenced event : history.events()) {
        if (!view.apply(event)) {
          return null; // not in order: the log is not what it was
        }
        recent.add(event);
      }
      if (view.seq() != history.seq()) {
        return null;
      }
      arrived.forEach(view::count);
      return new Result(view, recent.subList(Math.max(0, recent.size() - recentEvents), recent.size()));
    });
  }
}

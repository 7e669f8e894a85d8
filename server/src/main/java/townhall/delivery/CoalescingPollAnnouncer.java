package townhall.delivery;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import townhall.bus.PollAnnouncer;
import townhall.bus.SessionFeed;
import townhall.domain.PollResults;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;

/**
 * Gathers the poll results this node's answers produced and publishes them per session at most four times per tick,
 * keeping the newest results (by version) of each poll, as {@link CoalescingVoteAnnouncer} does for votes. Runs on
 * one context; announcements from others hop to it.
 */
public final class CoalescingPollAnnouncer implements PollAnnouncer {
  private static final Logger LOG = Logger.getLogger(CoalescingPollAnnouncer.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final SessionFeed feed;
  private final long tickMs;
  private final Map<String, Pending> pending = new HashMap<>();

  public CoalescingPollAnnouncer(Vertx vertx, Context context, SessionFeed feed, long tickMs) {
    this.vertx = vertx;
    this.context = context;
    this.feed = feed;
    this.tickMs = tickMs;
  }

  @Override
  public void announce(String sessionId, String pollId, PollResults results) {
    context.runOnContext(v -> {
      Pending session = pending.computeIfAbsent(sessionId, Pending::new);
      session.results.merge(pollId, results, (a, b) -> a.version() >= b.version() ? a : b);
      session.throttle.trigger();
    });
  }

  private final class Pending {
    final String sessionId;
    final Map<String, PollResults> results = new HashMap<>();
    final Throttle throttle;

    Pending(String sessionId) {
      this.sessionId = sessionId;
      this.throttle = new Throttle(vertx, Math.max(1, tickMs / 4), this::flush);
    }

    void flush() {
      if (results.isEmpty()) {
        pending.remove(sessionId);
        return;
      }
      var event = new SessionEvent.PollResultsChanged(sessionId, Map.copyOf(results));
      results.clear();
      throttle.trigger();
      feed.publishPollResults(event).onFailure(e -> LogLine.session(LOG, sessionId)
          .warning("poll results not published; the next answer or the poll's close corrects them", e));
    }
  }
}

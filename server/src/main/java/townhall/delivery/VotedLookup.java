package townhall.delivery;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import townhall.store.EventLog;

/**
 * Asks Redis which questions participants upvoted, batching the asks of one session that arrive while an answer
 * is awaited into one call: a thousand joiners arriving together cost a few calls, not a thousand. Each answer
 * also brings the current counts of the questions asked about, which refresh the room's view first.
 *
 * <p>Threading: call it on the hub context; answers complete there.
 */
final class VotedLookup {
  /**
   * What one call asks at most: joiners (a new resident asks about no question, so a storm of them costs almost
   * nothing per joiner) and question ids (what the script's time grows with: one SISMEMBER each).
   */
  private static final int MOST_JOINERS_PER_CALL = 512;
  private static final int MOST_QUESTIONS_PER_CALL = 4096;
  /**
   * Calls of one session in flight at once: a joiner that arrives while one is out does not wait for its answer
   * too (in a storm each join waits for about one round trip instead of two), yet a storm still costs few calls.
   */
  private static final int MOST_CALLS_IN_FLIGHT = 2;

  private record Ask(EventLog.VotedAsk ask, Promise<Answer> answer) {
  }

  /**
   * One participant's votes among the questions asked about, the session's seq when they were read and the logged
   * event under that seq (null when trimmed).
   */
  record Answer(Set<String> voted, long seq, townhall.domain.SessionEvent.Sequenced head) {
  }

  private final Context context;
  private final EventLog log;
  private final java.util.function.BiConsumer<String, Map<String, townhall.domain.SessionEvent.VoteCount>> counts;
  private final Map<String, List<Ask>> waiting = new HashMap<>();
  /** Calls in flight per session. */
  private final Map<String, Integer> asking = new HashMap<>();

  /** @param counts told the current counts each answer brings (session id, counts), before the askers */
  VotedLookup(Context context, EventLog log,
      java.util.function.BiConsumer<String, Map<String, townhall.domain.SessionEvent.VoteCount>> counts) {
    this.context = context;
    this.log = log;
    this.counts = counts;
  }

  /** Which of the questions the participant upvoted (none asked about: only the session's seq is read). */
  Future<Answer> voted(String sessionId, String participantId, List<String> questionIds) {
    Promise<Answer> answer = Promise.promise();
    waiting.computeIfAbsent(sessionId, id -> new ArrayList<>())
        .add(new Ask(new EventLog.VotedAsk(participantId, questionIds), answer));
    if (asking.getOrDefault(sessionId, 0) < MOST_CALLS_IN_FLIGHT) {
      send(sessionId);
    }
    return answer.future();
  }

  private void send(String sessionId) {
    List<Ask> queued = waiting.get(sessionId);
    if (queued == null || queued.isEmpty()) {
      waiting.remove(sessionId);
      return;
    }
    int taken = 0;
    int questions = 0;
    while (taken < queued.size() && taken < MOST_JOINERS_PER_CALL) {
      int more = queued.get(taken).ask().questionIds().size();
      if (taken > 0 && questions + more > MOST_QUESTIONS_PER_CALL) {
        break;
      }
      questions += more;
      taken++;
    }
    List<Ask> batch = new ArrayList<>(queued.subList(0, taken));
    queued.subList(0, batch.size()).clear();
    asking.merge(sessionId, 1, Integer::sum);
    log.voted(sessionId, batch.stream().map(Ask::ask).toList()).onComplete(result -> context.runOnContext(v -> {
      if (asking.merge(sessionId, -1, Integer::sum) <= 0) {
        asking.remove(sessionId);
      }
      if (result.succeeded()) {
        counts.accept(sessionId, result.result().counts());
      }
      for (int i = 0; i < batch.size(); i++) {
        if (result.succeeded()) {
          batch.get(i).answer().complete(new Answer(result.result().voted().get(i), result.result().seq(),
              result.result().head()));
        } else {
          batch.get(i).answer().fail(result.cause());
        }
      }
      send(sessionId);
    }));
  }
}

package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The open-loop sender: every millisecond it sends each vote and ask whose intended time has passed, whatever the
 * server has answered so far. Vote {@code i} goes from the resident and to the question the {@link VotePlan}
 * gives; ask {@code j} from resident {@code j mod C}.
 */
public final class LoadScheduler {
  private final Context context;
  private final Schedule votes;
  private final Schedule asks;
  private final VotePlan plan;
  private final List<ResidentSocket> residents;
  private final List<String> questionIds;
  private final Measurements measurements;
  private final Promise<Void> done = Promise.promise();
  private long nextVote;
  private long nextAsk;
  private long timer;

  /**
   * @param context the context the timer runs on
   * @param votes when each vote is due
   * @param asks when each ask is due
   * @param residents the connected residents (the plan's resident indexes point into it)
   * @param questionIds the seeded questions (the plan's question indexes point into it)
   */
  public LoadScheduler(Context context, Schedule votes, Schedule asks, List<ResidentSocket> residents,
      List<String> questionIds, Measurements measurements) {
    this.context = context;
    this.votes = votes;
    this.asks = asks;
    this.plan = new VotePlan(residents.size(), questionIds.size());
    this.residents = residents;
    this.questionIds = questionIds;
    this.measurements = measurements;
  }

  /** Starts sending; completes when every planned vote and ask is due and handled. */
  public Future<Void> start() {
    context.runOnContext(v -> {
      timer = context.owner().setPeriodic(1, id -> tick());
      tick();
    });
    return done.future();
  }

  private void tick() {
    long now = System.nanoTime();
    while (nextVote < votes.count() && votes.intendedNanos(nextVote) <= now) {
      sendVote(nextVote++, now);
    }
    while (nextAsk < asks.count() && asks.intendedNanos(nextAsk) <= now) {
      sendAsk(nextAsk++, now);
    }
    if (nextVote == votes.count() && nextAsk == asks.count()) {
      context.owner().cancelTimer(timer);
      done.tryComplete();
    }
  }

  private void sendVote(long i, long now) {
    if (i >= plan.capacity()) {
      measurements.notSent("vote: no unused (resident, question) pair left");
      return;
    }
    ResidentSocket resident = residents.get(plan.resident(i));
    int question = plan.question(i);
    if (!resident.isOpen()) {
      measurements.notSent("vote: its resident is disconnected");
      return;
    }
    measurements.voteSent((int) i, question, resident.index(), votes.intendedNanos(i), now);
    resident.send(new JsonObject().put("type", "vote").put("ref", "v-" + i)
        .put("questionId", questionIds.get(question)).put("value", 1));
  }

  private void sendAsk(long j, long now) {
    ResidentSocket resident = residents.get((int) (j % residents.size()));
    if (!resident.isOpen()) {
      measurements.notSent("ask: its resident is disconnected");
      return;
    }
    measurements.askSent((int) j, resident.index(), asks.intendedNanos(j), now);
    resident.send(new JsonObject().put("type", "ask").put("ref", "a-" + j)
        .put("text", "Câu hỏi mới số " + (j + 1) + " trong lúc thử tải: bao giờ có đèn đường?"));
  }
}

package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The open-loop sender: every millisecond it sends each of this process's votes and asks whose intended time has
 * passed, whatever the server has answered so far. The schedules are global (all processes); this process sends
 * its {@link ProcessShare} of them. Vote {@code i} goes from the resident and to the question the
 * {@link VotePlan} gives; ask {@code j} from local resident {@code (j div n) mod C}, with the text that marks it
 * as ask j ({@link QuestionTexts}).
 */
public final class LoadScheduler {
  private final Context context;
  private final Schedule votes;
  private final Schedule asks;
  private final ProcessShare share;
  private final VotePlan plan;
  private final QuestionTexts texts;
  private final List<ResidentSocket> residents;
  private final List<String> questionIds;
  private final Measurements measurements;
  private final long ownVotes;
  private final long ownAsks;
  private final Promise<Void> done = Promise.promise();
  private long nextVote;
  private long nextAsk;
  private long timer;

  /**
   * @param context the context the timer runs on
   * @param votes when each vote of the run is due
   * @param asks when each ask of the run is due
   * @param share which of them this process sends
   * @param texts the run's question texts
   * @param residents this process's connected residents (the plan's resident indexes point into it)
   * @param questionIds the seeded questions (the plan's question indexes point into it)
   */
  public LoadScheduler(Context context, Schedule votes, Schedule asks, ProcessShare share, QuestionTexts texts,
      List<ResidentSocket> residents, List<String> questionIds, Measurements measurements) {
    this.context = context;
    this.votes = votes;
    this.asks = asks;
    this.share = share;
    this.plan = new VotePlan(residents.size(), questionIds.size(), share.count());
    this.texts = texts;
    this.residents = residents;
    this.questionIds = questionIds;
    this.measurements = measurements;
    this.ownVotes = share.ownOf(votes.count());
    this.ownAsks = share.ownOf(asks.count());
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
    while (nextVote < ownVotes && votes.intendedNanos(share.global(nextVote)) <= now) {
      sendVote(share.global(nextVote++), now);
    }
    while (nextAsk < ownAsks && asks.intendedNanos(share.global(nextAsk)) <= now) {
      sendAsk(share.global(nextAsk++), now);
    }
    if (nextVote == ownVotes && nextAsk == ownAsks) {
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
    measurements.voteSent(i, question, votes.intendedNanos(i), now);
    resident.send(new JsonObject().put("type", "vote").put("ref", "v-" + i)
        .put("questionId", questionIds.get(question)).put("value", 1));
  }

  private void sendAsk(long j, long now) {
    ResidentSocket resident = residents.get((int) (share.local(j) % residents.size()));
    if (!resident.isOpen()) {
      measurements.notSent("ask: its resident is disconnected");
      return;
    }
    measurements.askSent(j, resident.index(), asks.intendedNanos(j), now);
    resident.send(new JsonObject().put("type", "ask").put("ref", "a-" + j).put("text", texts.asked(j)));
  }
}

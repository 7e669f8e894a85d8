package townhall.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.domain.ContentRules;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.Participant;
import townhall.domain.Question;
import townhall.domain.Role;
import townhall.domain.SessionEvent;
import townhall.metrics.Metrics;
import townhall.service.AskQuestion;
import townhall.service.CastVote;
import townhall.service.ChangeSessionStatus;
import townhall.service.IssueLinkToken;
import townhall.service.ModerateQuestion;
import townhall.service.RandomIds;
import townhall.service.SessionService;
import townhall.service.Tokens;
import townhall.store.EventLog;
import townhall.store.redis.RedisBackend;
import townhall.testing.Await;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;

/**
 * A node's view of a session, built from one snapshot and then kept by the session's events and vote counts,
 * equals a fresh snapshot at every seq: for randomized sequences of asks, votes, take-backs, moderation (approve,
 * reject, answer, archive, restore, edit, merge, stage) and session status, with events lost on the way (the gap
 * is filled from the log, as {@link EventOrder} does), a new epoch and a view rebuilt from scratch mid-way (what a
 * node does after a Redis restart or a gap it cannot fill).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SessionViewPropertyTest {
  private static final String[] ACTIONS = {"approve", "reject", "answer", "archive", "restore", "edit", "merge",
      "highlight", "unhighlight", "withhold", "unwithhold"};

  private static TestRedis redis;
  private static Vertx vertx;
  private static RedisBackend backend;
  private static EventLog log;
  private static SessionService sessions;
  private static AskQuestion ask;
  private static CastVote vote;
  private static ModerateQuestion moderate;
  private static ChangeSessionStatus status;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    vertx = Vertx.vertx();
    Map<String, Object> settings = new HashMap<>(TestNodes.NO_RATE_LIMITS);
    settings.put("redis.keyPrefix", TestNodes.freshPrefix());
    settings.put("moderation.holdFlagged", false);
    TownhallConfig config = ConfigLoader.load(Map.of(), settings);
    backend = Await.result(RedisBackend.connect(vertx, redis.url(), config.redis(),
        new Metrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())), 20);
    log = backend.eventLog(config.limits().eventLogLength());
    RandomIds ids = new RandomIds();
    Tokens tokens = new Tokens("x".repeat(40), List.of(), Duration.ofHours(1), Clock.systemUTC());
    var store = backend.sessions(Clock.systemUTC());
    sessions = new SessionService(store, new IssueLinkToken(store, tokens, ids), ids, config.limits());
    ContentRules rules = new ContentRules(List.of(), List.of());
    ask = new AskQuestion(backend.dialogue(config.limits(), config.rateLimits()), config.limits(), rules, false);
    vote = new CastVote(backend.dialogue(config.limits(), config.rateLimits()), (sid, qid, count) -> { });
    var moderation = backend.moderation(config.limits());
    moderate = new ModerateQuestion(moderation, config.limits(), rules);
    status = new ChangeSessionStatus(moderation);
  }

  @AfterAll
  static void stop() {
    Await.result(backend.close(), 10);
    Await.result(vertx.close(), 10);
    redis.close();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void viewFromSnapshotAndEventsEqualsAFreshSnapshotAtEverySeq(long seed) {
    Random random = new Random(seed);
    String sid = Await.result(sessions.create(new SessionService.NewSession("Phiên " + seed,
        seed % 2 == 0 ? Moderation.PRE : Moderation.POST, true, Language.VI)), 10).session().id();
    List<Participant> residents = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      residents.add(new Participant(sid, "resident" + i + "x" + seed, Role.RESIDENT));
    }
    Participant moderator = new Participant(sid, "moderator" + seed, Role.MODERATOR);
    List<String> questions = new ArrayList<>();
    SessionView view = SessionView.of(state(sid));
    int refs = 0;

    for (int step = 0; step < 120; step++) {
      int dice = random.nextInt(100);
      Participant someone = residents.get(random.nextInt(residents.size()));
      String ref = "r" + refs++;
      String any = questions.isEmpty() ? null : questions.get(random.nextInt(questions.size()));
      if (dice < 30 || any == null) {
        attempt(() -> ask.ask(someone, ref, "Câu hỏi " + ref + " về đường số " + random.nextInt(99), null))
            .onSuccess(r -> questions.add(r.questionId()));
      } else if (dice < 65) {
        attempt(() -> vote.vote(someone, ref, any, random.nextInt(4) != 0));
      } else if (dice < 95) {
        String action = ACTIONS[random.nextInt(ACTIONS.length)];
        String other = questions.get(random.nextInt(questions.size()));
        attempt(() -> moderate.moderate(moderator, ref, any, action,
            action.equals("edit") || action.equals("answer") ? "Trả lời " + ref : null,
            action.equals("reject") || action.equals("withhold") ? "Trùng" : null, action.equals("merge") ? other : null,
            action.equals("reject") ? "spam" : action.equals("withhold") ? "personal_data" : null, null));
      } else {
        attempt(() -> status.changeTo(moderator, ref, random.nextBoolean() ? "paused" : "open"));
      }

      if (random.nextInt(25) == 0) {
        // a new epoch: the node's view is of a past that is gone, and it is built again
        Await.result(log.startNewEpoch(sid, view.seq()), 10);
      }
      EventLog.SessionState fresh = state(sid);
      if (!fresh.epoch().equals(view.epoch()) || random.nextInt(30) == 0) {
        view = SessionView.of(state(sid));
      } else {
        follow(view, sid, random);
      }
      assertSame(fresh, view, "seed " + seed + ", step " + step);
    }
  }

  /** Applies the log's events after the view's seq, dropping some on the way (a lost pub/sub message). */
  private static void follow(SessionView view, String sid, Random random) {
    EventLog.History history = Await.result(log.since(sid, view.seq(), null, true), 10);
    boolean dropped = false;
    for (SessionEvent.Sequenced event : history.events()) {
      if (!dropped && random.nextInt(5) == 0) {
        dropped = true; // lost: every later event is refused by the view until the gap is filled
        continue;
      }
      boolean applied = view.apply(event);
      if (dropped) {
        assertFalse(applied, "an event after a gap is not applied");
      }
    }
    if (dropped) {
      follow(view, sid, new Random(0) {
        @Override
        public int nextInt(int bound) {
          return 1; // nothing lost while the gap is filled
        }
      });
      return;
    }
    // counts travel apart from the log (coalesced, in any order): the newest by version wins
    List<Map.Entry<String, SessionEvent.VoteCount>> counts = new ArrayList<>(history.counts().entrySet());
    java.util.Collections.shuffle(counts, random);
    counts.forEach(e -> view.count(e.getKey(), e.getValue()));
  }

  private static void assertSame(EventLog.SessionState fresh, SessionView view, String where) {
    assertEquals(fresh.seq(), view.seq(), where + ": seq");
    assertEquals(fresh.session(), view.session(), where + ": session");
    assertEquals(fresh.stage(), view.stage(), where + ": stage");
    Map<String, Question> expected = new HashMap<>();
    fresh.questions().forEach(q -> expected.put(q.id(), q));
    Map<String, Question> actual = new HashMap<>();
    view.questions().forEach(q -> actual.put(q.id(), q));
    assertEquals(expected, actual, where + ": questions");
  }

  private static EventLog.SessionState state(String sid) {
    return Await.result(log.state(sid, 0), 10);
  }

  /** Runs an action that the rules may refuse (a vote on a rejected question, say); a refusal changes nothing. */
  private static <T> Future<T> attempt(Supplier<Future<T>> action) {
    Future<T> result = action.get();
    try {
      Await.result(result, 10);
    } catch (RuntimeException refused) {
      // refused by the rules: nothing changed, which the comparison checks too
    }
    return result;
  }
}

package townhall.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
import townhall.testing.FaultNodes;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;

/**
 * A node's view of a session, built from one snapshot and then kept by the session's events and vote counts,
 * equals a fresh snapshot at every seq: for randomized sequences of asks, votes, take-backs, moderation (approve,
 * reject, answer, archive, restore, edit, merge, stage) and session status, with events lost on the way (the gap
 * is filled from the log, as {@link EventOrder} does), a new epoch and a view rebuilt from scratch mid-way (what a
 * node does after a gap it cannot fill); and across restarts of the test's own Redis process (append-only file,
 * {@code appendfsync always}): restarted on its data, the view follows on with nothing lost; restarted on an older
 * copy of its data (Redis lost events the view had applied, as after a failover to a lagging replica), the log's
 * answer or a rewritten event tells it, a new epoch starts and the view is built again.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SessionViewPropertyTest {
  /** Redis 7's folder of append-only files inside its {@code dir}. */
  private static final String AOF_DIR = "appendonlydir";
  /** Questions per list in a welcome: small, so the top and newest lists leave questions out. */
  private static final int WELCOME_SIZE = 5;
  /** A bound on the actions a test step takes to reach a state it needs. */
  private static final int MAX_ACTIONS = 500;
  private static final String[] ACTIONS = {"approve", "reject", "answer", "archive", "restore", "edit", "merge",
      "highlight", "unhighlight", "withhold", "unwithhold"};

  private static RedisProcess redis;
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
    redis = RedisProcess.start();
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
    List<Participant> residents = residents(sid, seed);
    Participant moderator = new Participant(sid, "moderator" + seed, Role.MODERATOR);
    List<String> questions = new ArrayList<>();
    SessionView view = SessionView.of(state(sid));
    int refs = 0;

    for (int step = 0; step < 120; step++) {
      act(random, residents, moderator, questions, "r" + refs++);

      if (random.nextInt(25) == 0) {
        // a new epoch: the node's view is of a past that is gone, and it is built again
        Await.result(log.startNewEpoch(sid, view.seq()), 10);
      }
      EventLog.SessionState fresh = state(sid);
      if (!fresh.epoch().equals(view.epoch()) || random.nextInt(30) == 0) {
        view = SessionView.of(state(sid));
      } else {
        follow(view, sid, random, null);
      }
      assertSame(fresh, view, "seed " + seed + ", step " + step, List.of(moderator, residents.get(0)));
    }
  }

  /**
   * Redis restarts twice on its own data (a graceful stop, then {@code kill -9}) and once on an older copy of its
   * data, at random steps of a random sequence. After a restart on its data nothing is lost: the log goes on from
   * the view's seq and the view keeps following it. After the restart on the older copy the log ends before the
   * view's seq, or (when new events were written before the node reads) holds other events under seqs the view
   * applied: the node starts a new epoch, so every client's resume becomes a snapshot, and builds the view again.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13})
  void viewFollowsTheLogAcrossRedisRestartsAndIsBuiltAgainWhenRedisComesBackWithAnOlderPast(long seed)
      throws IOException {
    Random random = new Random(seed);
    String sid = Await.result(sessions.create(new SessionService.NewSession("Khởi động lại " + seed,
        seed % 2 == 0 ? Moderation.PRE : Moderation.POST, true, Language.VI)), 10).session().id();
    List<Participant> residents = residents(sid, seed);
    Participant moderator = new Participant(sid, "moderator" + seed, Role.MODERATOR);
    List<String> questions = new ArrayList<>();
    SessionView view = SessionView.of(state(sid));
    RecentEvents applied = new RecentEvents(10_000);
    int steps = 60;
    int savedAt = 5 + random.nextInt(15);
    int killedAt = savedAt + 5 + random.nextInt(15);
    int restoredAt = killedAt + 5 + random.nextInt(steps - killedAt - 10);
    Path saved = Files.createTempDirectory("townhall-view-aof");
    int refs = 0;
    try {
      for (int step = 0; step < steps; step++) {
        String where = "seed " + seed + ", step " + step;
        act(random, residents, moderator, questions, "r" + refs++);
        if (step == savedAt) {
          follow(view, sid, random, applied);
          redis.stop();
          copyAppendOnlyFiles(redis.dir(), saved);
          restartOnItsData(where + ", after a graceful stop");
          assertEquals(view.seq(), state(sid).seq(), where + ": a graceful restart loses nothing");
        } else if (step == killedAt) {
          follow(view, sid, random, applied);
          redis.kill9();
          restartOnItsData(where + ", after kill -9");
          assertEquals(view.seq(), state(sid).seq(), where + ": kill -9 loses nothing (appendfsync always)");
        } else if (step == restoredAt) {
          follow(view, sid, random, applied);
          long seen = view.seq();
          redis.stop();
          copyAppendOnlyFiles(saved, redis.dir());
          restartOnItsData(where + ", on an older copy of its data");
          long restored = state(sid).seq();
          assertTrue(restored < seen, where + ": the older copy ends at seq " + restored + ", before " + seen);
          // what is written before the node reads the log again (pub/sub brings it under seqs already applied):
          // a few actions, or (odd seeds) enough that the log grows past the view's seq again, so only the
          // events themselves tell that they are not the ones the view applied
          boolean overtake = seed % 2 == 1;
          int few = random.nextInt(6);
          for (int written = 0; overtake ? state(sid).seq() <= seen : written < few; written++) {
            assertTrue(written < MAX_ACTIONS, where + ": the log grows past seq " + seen + " again");
            act(random, residents, moderator, questions, "r" + refs++);
          }
          long rewritten = wentBackOrRewritten(view, sid, restored, applied);
          assertTrue(rewritten > restored, where + ": the node notices that Redis lost what the view applied");
          Await.result(log.startNewEpoch(sid, rewritten), 10);
          EventLog.SessionState fresh = state(sid);
          assertNotEquals(view.epoch(), fresh.epoch(), where + ": a new epoch after the past was rewritten");
          view = SessionView.of(fresh);
          applied.clear();
        }
        follow(view, sid, random, applied);
        assertSame(state(sid), view, where, List.of(moderator, residents.get(0)));
      }
    } finally {
      deleteTree(saved);
    }
  }

  /**
   * What a node learns when it reads the log after Redis came back with less than the view applied: the seq at
   * which the past was rewritten (the view's own seq when the log ends before it), or -1 when nothing tells.
   */
  private static long wentBackOrRewritten(SessionView view, String sid, long restored, RecentEvents applied) {
    EventLog.History after = Await.result(log.since(sid, view.seq(), null, false), 10);
    if (after.wentBack()) {
      return view.seq();
    }
    // the log has grown past the view's seq again: the events under seqs the view applied are not the same
    EventLog.History published = Await.result(log.since(sid, restored, null, false), 10);
    for (SessionEvent.Sequenced event : published.events()) {
      if (event.seq() <= view.seq() && applied.rewritten(event)) {
        return event.seq();
      }
    }
    return -1;
  }

  /** One random action of a resident or the moderator; refused ones change nothing. */
  private static void act(Random random, List<Participant> residents, Participant moderator, List<String> questions,
      String ref) {
    int dice = random.nextInt(100);
    Participant someone = residents.get(random.nextInt(residents.size()));
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
  }

  private static List<Participant> residents(String sid, long seed) {
    List<Participant> residents = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      residents.add(new Participant(sid, "resident" + i + "x" + seed, Role.RESIDENT));
    }
    return residents;
  }

  /** Starts the stopped Redis again on its folder and port; waits until the backend's commands go through again. */
  private static void restartOnItsData(String why) {
    redis.restartSameDirAndPort();
    Await.until(() -> {
      try {
        Await.result(backend.health().ping(), 5);
        return true;
      } catch (RuntimeException | AssertionError notYet) {
        return false;
      }
    }, FaultNodes.GIVE_UP_SECONDS, "the backend reconnected to Redis " + why);
  }

  /** Copies the append-only files ({@code appendonlydir}) of one Redis folder into another, replacing its own. */
  private static void copyAppendOnlyFiles(Path fromDir, Path toDir) throws IOException {
    Path from = fromDir.resolve(AOF_DIR);
    Path to = toDir.resolve(AOF_DIR);
    deleteTree(to);
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /**
   * Applies the log's events after the view's seq, dropping some on the way (a lost pub/sub message); notes each
   * applied event in {@code applied} when given.
   */
  private static void follow(SessionView view, String sid, Random random, RecentEvents applied) {
    EventLog.History history = Await.result(log.since(sid, view.seq(), null, true), 10);
    boolean dropped = false;
    for (SessionEvent.Sequenced event : history.events()) {
      if (!dropped && random.nextInt(5) == 0) {
        dropped = true; // lost: every later event is refused by the view until the gap is filled
        continue;
      }
      boolean taken = view.apply(event);
      if (dropped) {
        assertFalse(taken, "an event after a gap is not applied");
      } else if (applied != null) {
        applied.add(event, -1);
      }
    }
    if (dropped) {
      follow(view, sid, new Random(0) {
        @Override
        public int nextInt(int bound) {
          return 1; // nothing lost while the gap is filled
        }
      }, applied);
      return;
    }
    // counts travel apart from the log (coalesced, in any order): the newest by version wins
    List<Map.Entry<String, SessionEvent.VoteCount>> counts = new ArrayList<>(history.counts().entrySet());
    java.util.Collections.shuffle(counts, random);
    counts.forEach(e -> view.count(e.getKey(), e.getValue()));
  }

  /**
   * The view holds what the fresh snapshot holds, and its indexes agree: each of {@code watchers} would be welcomed
   * with the same questions, in the same order, as from a view built from the snapshot.
   */
  private static void assertSame(EventLog.SessionState fresh, SessionView view, String where,
      List<Participant> watchers) {
    assertEquals(fresh.seq(), view.seq(), where + ": seq");
    assertEquals(fresh.session(), view.session(), where + ": session");
    assertEquals(fresh.stage(), view.stage(), where + ": stage");
    Map<String, Question> expected = new HashMap<>();
    fresh.questions().forEach(q -> expected.put(q.id(), q));
    Map<String, Question> actual = new HashMap<>();
    view.questions().forEach(q -> actual.put(q.id(), q));
    assertEquals(expected, actual, where + ": questions");
    SessionView built = SessionView.of(fresh);
    for (Participant watcher : watchers) {
      assertEquals(built.shownTo(watcher, WELCOME_SIZE), view.shownTo(watcher, WELCOME_SIZE),
          where + ": what " + watcher.role() + " " + watcher.id() + " is welcomed with");
    }
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

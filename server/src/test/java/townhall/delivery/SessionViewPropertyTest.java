package townhall.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.domain.ContentRules;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
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
 * A node's view of a session, read in slices ({@link ViewRead}: a few questions per Redis call, with writes, a new
 * epoch or a Redis restart between the slices, then the log after the start) and then kept by the session's events
 * and vote counts, equals a fresh snapshot (one read of the whole session at one instant) at every seq: for
 * randomized sequences of asks, votes, take-backs, moderation (approve, reject, answer, archive, restore, edit,
 * merge, stage), follow-up steps, an earlier session's question on stage (series carry-over) and session status,
 * with events lost on the way (the gap is filled from the log, as
 * {@link EventOrder} does), a new epoch and a view read again mid-way (what a node does after a gap it cannot fill);
 * and across restarts of the test's own Redis process (append-only file,
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
  /** Questions per slice when the view is read: small, so a read takes many slices with writes between them. */
  private static final int SLICE = 7;
  /** Recent events a read keeps. */
  private static final int RECENT = 16;
  /** A slice no test session fills: one call reads every question. */
  private static final int ALL_AT_ONCE = 1_000_000;
  /** Vote counts announced by the votes cast, as a node's coalesced {@code votes} messages carry them. */
  private static final Queue<Map.Entry<String, SessionEvent.VoteCount>> announced = new ConcurrentLinkedQueue<>();
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
  private static townhall.store.FollowUpStore followUps;
  private static townhall.store.CarryOverStore carryOver;

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
    vote = new CastVote(backend.dialogue(config.limits(), config.rateLimits()),
        (sid, qid, count) -> announced.add(Map.entry(qid, count)));
    var moderation = backend.moderation(config.limits());
    moderate = new ModerateQuestion(moderation, config.limits(), rules);
    status = new ChangeSessionStatus(moderation);
    followUps = backend.followUps(config.limits());
    carryOver = backend.carryOver(config.limits());
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
    List<String> questions = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refs = new AtomicInteger();
    SlicedLog[] sliced = new SlicedLog[1];
    // before each slice: up to three writes, now and then a new epoch (the read must start again) — at most one per
    // read: a read gives up after a few attempts that each saw a new epoch (the test of that is its own, below), and
    // with two slices asked at once the random stream's order, and so how many epochs a read meets, varies by run
    AtomicInteger epochsThisRead = new AtomicInteger();
    Supplier<Future<?>> between = () -> {
      Future<?> done = Future.succeededFuture();
      for (int i = random.nextInt(4); i > 0; i--) {
        done = done.compose(x -> actLater(random, residents, moderator, questions, "r" + refs.getAndIncrement()));
      }
      return random.nextInt(20) == 0 && epochsThisRead.getAndIncrement() == 0
          ? done.compose(x -> log.startNewEpoch(sid, sliced[0].lastSeq)) : done;
    };
    for (int i = 0; i < 2 * SLICE; i++) {
      act(new Random(seed * 100 + i) {
        @Override
        public int nextInt(int bound) {
          return 0; // an ask
        }
      }, residents, moderator, questions, "a" + refs.getAndIncrement());
    }
    sliced[0] = new SlicedLog(log, between);
    SessionView view = read(sid, sliced[0]);
    int reads = 1;

    for (int step = 0; step < 120; step++) {
      String where = "seed " + seed + ", step " + step;
      act(random, residents, moderator, questions, "r" + refs.getAndIncrement());

      if (random.nextInt(25) == 0) {
        // a new epoch: the node's view is of a past that is gone, and it is built again
        Await.result(log.startNewEpoch(sid, view.seq()), 10);
      }
      if (!state(sid).epoch().equals(view.epoch()) || random.nextInt(8) == 0) {
        sliced[0] = new SlicedLog(log, between);
        epochsThisRead.set(0);
        view = read(sid, sliced[0]);
        reads++;
        assertEquals(state(sid).epoch(), view.epoch(), where + ": a read that saw a new epoch started again");
      } else {
        follow(view, sid, random, null);
      }
      assertSame(state(sid), view, where, List.of(moderator, residents.get(0)));
    }
    assertTrue(reads > 5, "the view was read " + reads + " times");
    assertTrue(questions.size() > 3 * SLICE, questions.size() + " questions: reads took several slices");
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
    List<String> questions = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refs = new AtomicInteger();
    Supplier<Future<?>> writes = () -> random.nextBoolean()
        ? actLater(random, residents, moderator, questions, "r" + refs.getAndIncrement()) : Future.succeededFuture();
    SessionView view = read(sid, writes);
    RecentEvents applied = new RecentEvents(10_000);
    int steps = 60;
    int savedAt = 5 + random.nextInt(15);
    int killedAt = savedAt + 5 + random.nextInt(15);
    int restoredAt = killedAt + 5 + random.nextInt(steps - killedAt - 10);
    Path saved = Files.createTempDirectory("townhall-view-aof");
    try {
      for (int step = 0; step < steps; step++) {
        String where = "seed " + seed + ", step " + step;
        act(random, residents, moderator, questions, "r" + refs.getAndIncrement());
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
            act(random, residents, moderator, questions, "r" + refs.getAndIncrement());
          }
          long rewritten = wentBackOrRewritten(view, sid, restored, applied);
          assertTrue(rewritten > restored, where + ": the node notices that Redis lost what the view applied");
          Await.result(log.startNewEpoch(sid, rewritten), 10);
          EventLog.SessionState fresh = state(sid);
          assertNotEquals(view.epoch(), fresh.epoch(), where + ": a new epoch after the past was rewritten");
          view = read(sid, writes);
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
   * A read whose session starts a new epoch between every two slices never sees one past from start to end: it
   * starts again a few times, then gives up with {@code unavailable} (the joiners retry), having asked Redis for a
   * bounded number of slices.
   */
  @Test
  void aReadThatNeverSeesOnePastGivesUpWithUnavailable() {
    String sid = Await.result(sessions.create(new SessionService.NewSession("Kỷ nguyên mới", Moderation.POST, true,
        Language.VI)), 10).session().id();
    Participant resident = new Participant(sid, "resident-epochs", Role.RESIDENT);
    for (int i = 0; i < 3 * SLICE; i++) {
      Await.result(ask.ask(resident, "e" + i, "Câu hỏi " + i, null), 10);
    }
    SlicedLog[] sliced = new SlicedLog[1];
    AtomicInteger rotations = new AtomicInteger();
    sliced[0] = new SlicedLog(log, () -> log.startNewEpoch(sid, 1_000 + rotations.incrementAndGet()));
    RuntimeException failed = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> read(sid, sliced[0]));
    Throwable cause = failed;
    while (cause != null && !(cause instanceof DomainException)) {
      cause = cause.getCause();
    }
    assertTrue(cause instanceof DomainException e && e.code() == ErrorCode.UNAVAILABLE,
        "the read gave up with unavailable: " + failed);
    assertTrue(sliced[0].starts > 1 && sliced[0].starts < 10, "the read started " + sliced[0].starts + " times");
  }

  /**
   * Redis comes back on an older copy of its data in the middle of a read in slices (some slices were read from
   * the past it lost, the others from the one it has now), then a few writes, or (odd seeds) enough that the log
   * grows past the seq the read started at again: the read notices (the log's seq is below one a slice saw, or the
   * event under a seq it saw is not the same), starts again, and equals Redis.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {21, 22, 23})
  void aReadInSlicesDuringWhichRedisComesBackWithAnOlderPastStartsAgainAndEqualsRedis(long seed)
      throws IOException {
    Random random = new Random(seed);
    String sid = Await.result(sessions.create(new SessionService.NewSession("Đọc từng phần " + seed,
        seed % 2 == 0 ? Moderation.PRE : Moderation.POST, true, Language.VI)), 10).session().id();
    List<Participant> residents = residents(sid, seed);
    Participant moderator = new Participant(sid, "moderator" + seed, Role.MODERATOR);
    List<String> questions = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refs = new AtomicInteger();
    for (int i = 0; i < 4 * SLICE; i++) {
      Await.result(ask.ask(residents.get(i % residents.size()), "a" + refs.getAndIncrement(), "Câu hỏi " + i, null)
          .onSuccess(r -> questions.add(r.questionId())), 10);
    }
    Path saved = Files.createTempDirectory("townhall-view-aof");
    ExecutorService restarter = Executors.newSingleThreadExecutor();
    try {
      redis.stop();
      copyAppendOnlyFiles(redis.dir(), saved);
      restartOnItsData("seed " + seed + ", after a graceful stop");
      for (int i = 0; i < 40; i++) {
        act(random, residents, moderator, questions, "r" + refs.getAndIncrement()); // the past Redis will lose
      }
      assertTrue(questions.size() >= 4 * SLICE, questions.size() + " questions: the read takes several slices");
      boolean overtake = seed % 2 == 1;
      AtomicInteger calls = new AtomicInteger();
      SlicedLog[] sliced = new SlicedLog[1];
      Supplier<Future<?>> between = () -> {
        if (calls.incrementAndGet() != 2) {
          return Future.succeededFuture();
        }
        long seen = sliced[0].lastSeq;
        // on a thread of its own: the restart waits, which a Vert.x thread must not
        return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> {
          redis.stop();
          copyAppendOnlyFiles(saved, redis.dir(), "mid-read");
          restartOnItsData("seed " + seed + ", on an older copy of its data, mid-read");
          assertTrue(state(sid).seq() < seen, "the older copy ends before seq " + seen);
          int few = 1 + random.nextInt(5);
          for (int written = 0; overtake ? state(sid).seq() <= seen : written < few; written++) {
            assertTrue(written < MAX_ACTIONS, "the log grows past seq " + seen + " again");
            act(random, residents, moderator, questions, "w" + refs.getAndIncrement());
          }
          return true;
        }, restarter), vertx.getOrCreateContext());
      };
      sliced[0] = new SlicedLog(log, between).oneSliceAtATime();
      SessionView view = read(sid, sliced[0]);
      assertTrue(sliced[0].starts > 1, "the read started again after Redis lost part of what it had read");
      assertSame(state(sid), view, "seed " + seed, List.of(moderator, residents.get(0)));
    } finally {
      restarter.shutdownNow();
      deleteTree(saved);
    }
  }

  /**
   * What a node learns when it reads the log after Redis came back with less than the view applied: the seq at
   * which the past was rewritten (the view's own seq when the log ends before it), or -1 when nothing tells.
   */
  private static long wentBackOrRewritten(SessionView view, String sid, long restored, RecentEvents applied) {
    EventLog.History after = Await.result(log.since(sid, view.seq(), null, null), 10);
    if (after.wentBack()) {
      return view.seq();
    }
    // the log has grown past the view's seq again: the events under seqs the view applied are not the same
    EventLog.History published = Await.result(log.since(sid, restored, null, null), 10);
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
    Await.result(actLater(random, residents, moderator, questions, ref), 10);
  }

  /** {@link #act}, answering when it is done (from a Vert.x thread too: it never blocks). */
  private static Future<?> actLater(Random random, List<Participant> residents, Participant moderator,
      List<String> questions, String ref) {
    int dice = random.nextInt(100);
    Participant someone = residents.get(random.nextInt(residents.size()));
    String any = questions.isEmpty() ? null : questions.get(random.nextInt(questions.size()));
    if (dice < 30 || any == null) {
      return attempt(() -> ask.ask(someone, ref, "Câu hỏi " + ref + " về đường số " + random.nextInt(99), null))
          .onSuccess(r -> {
            if (r != null) {
              questions.add(r.questionId());
            }
          });
    } else if (dice < 65) {
      return attempt(() -> vote.vote(someone, ref, any, random.nextInt(4) != 0));
    } else if (dice < 88) {
      // a follow-up step: the question comes again with its steps (followUp), which the view must keep
      townhall.domain.FollowUp step = random.nextBoolean() ? townhall.domain.FollowUp.of("noted", null, null, null)
          : townhall.domain.FollowUp.of("promised", null, "2027-01-" + (10 + random.nextInt(20)), "Ghi chú " + ref);
      return attempt(() -> followUps.followUp(moderator.sessionId(), moderator.id(), ref, any, step, "moderator"));
    } else if (dice < 90) {
      // an earlier session's question on stage, or off it again (a stage event naming no question of this session)
      return attempt(() -> carryOver.change(moderator.sessionId(), moderator.id(), ref,
          random.nextBoolean() ? townhall.store.CarryOverStore.Action.STAGE
              : townhall.store.CarryOverStore.Action.UNSTAGE, "BN-4K7Q", "earlier", "1"));
    } else if (dice < 95) {
      String action = ACTIONS[random.nextInt(ACTIONS.length)];
      String other = questions.get(random.nextInt(questions.size()));
      return attempt(() -> moderate.moderate(moderator, ref, any, action,
          action.equals("edit") || action.equals("answer") ? "Trả lời " + ref : null,
          action.equals("reject") || action.equals("withhold") ? "Trùng" : null, action.equals("merge") ? other : null,
          action.equals("reject") ? "spam" : action.equals("withhold") ? "personal_data" : null, null));
    }
    return attempt(() -> status.changeTo(moderator, ref, random.nextBoolean() ? "paused" : "open"));
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

  private static void copyAppendOnlyFiles(Path fromDir, Path toDir, String why) {
    try {
      copyAppendOnlyFiles(fromDir, toDir);
    } catch (IOException e) {
      throw new UncheckedIOException(why, e);
    }
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
   * Applies the log's events after the view's seq, dropping some on the way (a lost pub/sub message), then every
   * current count, read as the heartbeats read them: a slice of {@link #SLICE} questions per call, round the
   * session; notes each applied event in {@code applied} when given.
   */
  private static void follow(SessionView view, String sid, Random random, RecentEvents applied) {
    EventLog.History history = Await.result(log.since(sid, view.seq(), null, null), 10);
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
    Map<String, SessionEvent.VoteCount> current = new HashMap<>();
    int questions = state(sid).questions().size();
    long after = 0;
    for (int slices = 0; slices == 0 || after != 0; slices++) {
      assertTrue(slices <= questions / SLICE + 1, "the count slices reach the last question");
      EventLog.History slice = Await.result(log.since(sid, view.seq(), null, new EventLog.CountSlice(after, SLICE)),
          10);
      assertTrue(slice.counts().size() <= SLICE, "a slice holds at most " + SLICE + " counts");
      slice.counts().forEach((id, count) -> assertNull(current.put(id, count), "question " + id + " counted twice"));
      after = slice.countsAfter();
    }
    assertEquals(questions, current.size(), "every question counted once");
    List<Map.Entry<String, SessionEvent.VoteCount>> counts = new ArrayList<>(current.entrySet());
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
    // the index a resume reads the counts changed after a vote version from holds what a walk of every question finds
    for (long seen : new long[] {-1, view.voteVersion() / 2, view.voteVersion() - 1, view.voteVersion()}) {
      Set<String> walked = new HashSet<>();
      view.questions().stream().filter(q -> q.voteVersion() > seen).forEach(q -> walked.add(q.id()));
      Set<String> indexed = new HashSet<>();
      view.countChangedAfter(seen).forEach(q -> assertTrue(indexed.add(q.id()), where + ": " + q.id() + " once"));
      assertEquals(walked, indexed, where + ": counts changed after vote version " + seen);
    }
    SessionView built = SessionView.of(fresh);
    for (Participant watcher : watchers) {
      assertEquals(built.shownTo(watcher, WELCOME_SIZE), view.shownTo(watcher, WELCOME_SIZE),
          where + ": what " + watcher.role() + " " + watcher.id() + " is welcomed with");
    }
  }

  /** One call reading every question: the atomic read a read in slices must equal (a small session's only). */
  private static EventLog.SessionState state(String sid) {
    return Await.result(log.viewStart(sid, 0, ALL_AT_ONCE), 10).state();
  }

  /**
   * A view read in slices of {@link #SLICE} questions as a node reads it ({@link ViewRead}), with {@code between}
   * run before each slice and before the log is read (writes, a new epoch, a restart of Redis), and the counts
   * those writes announce reaching the read while it goes on, as a node's coalesced {@code votes} do.
   */
  private static SessionView read(String sid, Supplier<Future<?>> between) {
    return read(sid, new SlicedLog(log, between));
  }

  private static SessionView read(String sid, SlicedLog sliced) {
    announced.clear();
    ViewRead read = new ViewRead(sliced, sid, RECENT, SLICE);
    sliced.reading(read);
    Context context = vertx.getOrCreateContext();
    Promise<ViewRead.Result> result = Promise.promise();
    context.runOnContext(v -> read.read().onComplete(result));
    SessionView view = Await.result(result.future(), 120).view();
    // what was announced after the read ended reaches the view as it reaches a node's
    drainAnnounced(view::count);
    return view;
  }

  private static void drainAnnounced(java.util.function.BiConsumer<String, SessionEvent.VoteCount> to) {
    for (Map.Entry<String, SessionEvent.VoteCount> count; (count = announced.poll()) != null; ) {
      to.accept(count.getKey(), count.getValue());
    }
  }

  /**
   * The event log a {@link ViewRead} reads, with {@code between} run before each slice and before the log after the
   * start; counts announced meanwhile go to the read. Counts the starts and remembers the last seq a call saw.
   */
  private static final class SlicedLog implements EventLog {
    private final EventLog log;
    private final Supplier<Future<?>> between;
    private ViewRead read;
    /** Whether a slice is asked of Redis only once the one before has come (the read asks for two at once). */
    private boolean serial;
    private Future<?> lastSlice = Future.succeededFuture();
    volatile int starts;
    volatile long lastSeq;

    SlicedLog(EventLog log, Supplier<Future<?>> between) {
      this.log = log;
      this.between = between;
    }

    void reading(ViewRead read) {
      this.read = read;
    }

    SlicedLog oneSliceAtATime() {
      serial = true;
      return this;
    }

    private void handOverCounts() {
      drainAnnounced((id, count) -> read.counts(Map.of(id, count)));
    }

    @Override
    public Future<ViewStart> viewStart(String sessionId, int recentEvents, int sliceSize) {
      starts++;
      return log.viewStart(sessionId, recentEvents, sliceSize).onSuccess(start -> lastSeq = start.state().seq());
    }

    @Override
    public Future<ViewSlice> viewSlice(String sessionId, long after, long upTo, int sliceSize) {
      // one slice at a time when asked to: Redis restarts with no call under way
      Future<?> before = serial ? lastSlice : Future.succeededFuture();
      Future<ViewSlice> slice = before.transform(previous -> between.get()).compose(done -> {
        handOverCounts();
        return log.viewSlice(sessionId, after, upTo, sliceSize);
      }).onSuccess(read -> lastSeq = read.seq());
      lastSlice = slice;
      return slice;
    }

    @Override
    public Future<History> since(String sessionId, long since, String epoch, CountSlice counts) {
      return between.get().compose(done -> {
        handOverCounts();
        return log.since(sessionId, since, epoch, counts);
      });
    }

    @Override
    public Future<Voted> voted(String sessionId, List<VotedAsk> asks) {
      return log.voted(sessionId, asks);
    }

    @Override
    public Future<Void> startNewEpoch(String sessionId, long rewrittenSeq) {
      return log.startNewEpoch(sessionId, rewrittenSeq);
    }
  }

  /**
   * Runs an action that the rules may refuse (a vote on a rejected question, say); a refusal changes nothing, which
   * the comparison checks too. Answers the result, or null when refused.
   */
  private static <T> Future<T> attempt(Supplier<Future<T>> action) {
    return action.get().transform(done -> Future.succeededFuture(done.succeeded() ? done.result() : null));
  }
}

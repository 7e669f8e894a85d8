package townhall.store.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.domain.ContentRules;
import townhall.domain.NewQuestion;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.Screening;
import townhall.store.StoreObserver;

/**
 * A benchmark tool, not part of a node: fills an existing, open, post-moderated session with many questions and
 * votes straight through the store ({@link RedisDialogueStore#ask}, {@link RedisDialogueStore#vote} and
 * {@link RedisSignalStore#recordIdentity}: the same Lua scripts a node runs for a resident's {@code hello},
 * {@code ask} and {@code vote}), many calls in flight at once instead of one WebSocket each. Redis is left exactly
 * as those residents would have left it (record chain, event log, refs, fingerprints, vote times). It reads the
 * node's settings like a node does ({@code REDIS_URL} must name the Redis; key prefix, ref TTL, event log length
 * and rate limits from the configuration: give the asks and votes buckets a burst of 0, as {@code bench.sh} does,
 * or the seeding is refused with {@code rate_limited}).
 *
 * <p>Votes: {@code --votes} over {@code votes / 50} residents, 50 each, half on the most popular 1 % of the
 * questions and half spread over the others, every (resident, question) pair distinct, so the count lands exactly
 * and the upvote zsets have both of Redis's encodings (small listpacks and large skiplists) as a real session does.
 * Questions are asked by {@code questions / 5} residents (5 each), with texts of 60 to 200 characters.
 *
 * <p>Prints {@code INFO memory}'s {@code used_memory} before and after each phase (bytes per question and per
 * vote), {@code MEMORY USAGE} of a few keys, and {@code INFO commandstats}' EVALSHA calls and time during each phase
 * (during the vote phase only the vote script runs: its Redis time per call).
 *
 * <pre>
 * REDIS_URL=redis://127.0.0.1:18691 java -cp townhall.jar townhall.store.redis.SeedSession \
 *   --session ID [--questions 100000] [--votes 1000000] [--in-flight 256]
 * </pre>
 */
public final class SeedSession {
  private static final int VOTES_PER_VOTER = 50;
  private static final int QUESTIONS_PER_ASKER = 5;
  private static final String[] WORDS = ("đường chợ trường học bệnh viện nước sạch rác thải cây xanh công viên"
      + " vỉa hè đèn đường xe buýt ngập nước giấy tờ hộ khẩu phường quận thành phố khi nào sửa xong bao giờ"
      + " có kế hoạch gì cho người dân xin hỏi về dự án mới ở khu phố này").split(" ");

  private final RedisBackend backend;
  private final RedisDialogueStore dialogue;
  private final RedisSignalStore signals;
  private final String sessionId;
  private final int inFlight;

  private SeedSession(RedisBackend backend, TownhallConfig config, String sessionId, int inFlight) {
    this.backend = backend;
    this.dialogue = backend.dialogue(config.limits(), config.rateLimits());
    this.signals = backend.signals();
    this.sessionId = sessionId;
    this.inFlight = inFlight;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String session = options.get("session");
    if (session == null) {
      System.err.println("usage: REDIS_URL=redis://host:port java -cp townhall.jar " + SeedSession.class.getName()
          + " --session ID [--questions 100000] [--votes 1000000] [--in-flight 256]");
      System.exit(2);
    }
    int questions = Integer.parseInt(options.getOrDefault("questions", "100000"));
    long votes = Long.parseLong(options.getOrDefault("votes", "1000000"));
    int inFlight = Integer.parseInt(options.getOrDefault("in-flight", "256"));
    TownhallConfig config = ConfigLoader.fromEnvironment();
    if (config.redis().embedded()) {
      System.err.println("seed: set REDIS_URL to the Redis of the nodes (an embedded Redis cannot be shared)");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    int status = 1;
    try {
      RedisBackend backend = RedisBackend.connect(vertx, config.redis().url(), config.redis(), StoreObserver.NONE)
          .await(30, TimeUnit.SECONDS);
      try {
        new SeedSession(backend, config, session, inFlight).run(vertx.getOrCreateContext(), questions, votes);
        status = 0;
      } finally {
        backend.close().await(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println("seed: failed: " + e);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    System.exit(status);
  }

  private void run(Context context, int questions, long votes) throws Exception {
    if (questions < 2 * VOTES_PER_VOTER && votes > 0) {
      throw new IllegalArgumentException("--votes needs at least " + 2 * VOTES_PER_VOTER + " --questions");
    }
    int voters = (int) Math.max(votes > 0 ? 1 : 0, (votes + VOTES_PER_VOTER - 1) / VOTES_PER_VOTER);
    int askers = Math.max(1, (questions + QUESTIONS_PER_ASKER - 1) / QUESTIONS_PER_ASKER);
    String[] askerIds = ids(askers);
    String[] voterIds = ids(voters);
    String[] questionIds = new String[questions];

    Snapshot start = snapshot();
    report("before", start, null, 0, "");
    long began = System.nanoTime();
    bounded(context, askers + voters, n -> {
      String id = n < askers ? askerIds[n] : voterIds[n - askers];
      return signals.recordIdentity(sessionId, id, id.substring(0, 16));
    }).await();
    Snapshot identities = snapshot();
    report("identities", identities, start, askers + voters, "per identity");

    bounded(context, questions, k -> {
      Participant author = new Participant(sessionId, askerIds[k / QUESTIONS_PER_ASKER], Role.RESIDENT);
      String text = text(k);
      return dialogue.ask(author, "seed-a-" + k, new NewQuestion(text, null, Screening.NONE,
          ContentRules.fingerprint(text), true)).map(result -> {
            questionIds[k] = result.questionId();
            return null;
          });
    }).await();
    Snapshot asked = snapshot();
    report("questions", asked, identities, questions, "per question");
    progress("asked %d questions in %.1f s", questions, (System.nanoTime() - began) / 1e9);

    long voteStart = System.nanoTime();
    int half = VOTES_PER_VOTER / 2;
    int popular = Math.max(half, questions / 100);
    int rest = questions - popular;
    bounded(context, votes, i -> {
      int voter = (int) (i / VOTES_PER_VOTER);
      int k = (int) (i % VOTES_PER_VOTER);
      // distinct questions per voter: k steps of popular / half (or rest / half) cover each range without repeats
      int q = k < half ? (voter * 7 + k * (popular / half)) % popular
          : popular + (voter * 13 + (k - half) * (rest / half)) % rest;
      Participant resident = new Participant(sessionId, voterIds[voter], Role.RESIDENT);
      return dialogue.vote(resident, "seed-v-" + i, questionIds[q], true).map(result -> {
        if (!result.changed()) {
          throw new IllegalStateException("vote " + i + " changed nothing: a repeated (resident, question) pair");
        }
        return null;
      });
    }).await();
    Snapshot voted = snapshot();
    report("votes", voted, asked, votes, "per vote");
    progress("cast %d votes in %.1f s", votes, (System.nanoTime() - voteStart) / 1e9);

    Map<String, String> keys = new LinkedHashMap<>();
    RedisKeys names = backend.keys();
    keys.put("session hash", names.session(sessionId));
    keys.put("question ids (zset)", names.questions(sessionId));
    keys.put("record chain (stream)", names.chain(sessionId));
    keys.put("event log (stream)", names.events(sessionId));
    keys.put("identities (hash)", names.identities(sessionId));
    if (questions > 0) {
      keys.put("a popular question's hash", names.base(sessionId) + "q:" + questionIds[0]);
      keys.put("its upvotes (zset)", names.base(sessionId) + "vt:" + questionIds[0]);
      keys.put("an ordinary question's hash", names.base(sessionId) + "q:" + questionIds[questions - 1]);
      keys.put("its upvotes (zset) ", names.base(sessionId) + "vt:" + questionIds[questions - 1]);
      keys.put("an asker's fingerprints (set)", names.base(sessionId) + "asked:" + askerIds[0]);
      keys.put("a ref (string)", names.ref(sessionId, askerIds[0], "seed-a-0"));
    }
    for (Map.Entry<String, String> key : keys.entrySet()) {
      Long bytes = Future.fromCompletionStage(backend.commands().memoryUsage(key.getValue())).await();
      System.out.printf(Locale.ROOT, "MEMORY USAGE %-32s %12s bytes  (%s)%n", key.getKey(), bytes,
          key.getValue());
    }
    System.out.printf(Locale.ROOT, "seeded session %s: %d questions, %d votes, %d voters, %d askers%n", sessionId,
        questions, votes, voters, askers);
  }

  /** Runs {@code task(0..count-1)}, at most {@link #inFlight} at once, on one context; fails at the first failure. */
  private Future<Void> bounded(Context context, long count, IntFunction<Future<?>> task) {
    Promise<Void> done = Promise.promise();
    if (count == 0) {
      return Future.succeededFuture();
    }
    AtomicInteger finished = new AtomicInteger();
    long[] next = {0};
    long reportEvery = Math.max(1, count / 10);
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      while (next[0] < count && next[0] - finished.get() < inFlight && !done.future().isComplete()) {
        int n = (int) next[0]++;
        task.apply(n).onComplete(result -> {
          if (result.failed()) {
            done.tryFail(new IllegalStateException("call " + n + " failed: " + result.cause(), result.cause()));
            return;
          }
          int f = finished.incrementAndGet();
          if (f % reportEvery == 0) {
            progress("%d of %d", f, count);
          }
          if (f == count) {
            done.tryComplete();
          } else {
            launch[0].run();
          }
        });
      }
    };
    // the first call alone: it loads the script into Redis (EVALSHA, NOSCRIPT, then EVAL), so every other call is
    // one EVALSHA and the phase's EVALSHA time per call is the script's
    context.runOnContext(v -> task.apply((int) next[0]++).onComplete(first -> {
      if (first.failed()) {
        done.tryFail(new IllegalStateException("call 0 failed: " + first.cause(), first.cause()));
      } else if (finished.incrementAndGet() == count) {
        done.tryComplete();
      } else {
        launch[0].run();
      }
    }));
    return done.future();
  }

  private record Snapshot(long usedMemory, long evalshaCalls, long evalshaUsec, long nanos) {
  }

  private Snapshot snapshot() {
    String memory = Future.fromCompletionStage(backend.commands().info("memory")).await();
    String commands = Future.fromCompletionStage(backend.commands().info("commandstats")).await();
    Map<String, Long> evalsha = commandStat(commands, "evalsha");
    return new Snapshot(infoValue(memory, "used_memory"), evalsha.getOrDefault("calls", 0L),
        evalsha.getOrDefault("usec", 0L), System.nanoTime());
  }

  private static void report(String phase, Snapshot now, Snapshot before, long items, String per) {
    if (before == null) {
      System.out.printf(Locale.ROOT, "%-10s used_memory %,d bytes%n", phase, now.usedMemory());
      return;
    }
    long bytes = now.usedMemory() - before.usedMemory();
    long calls = now.evalshaCalls() - before.evalshaCalls();
    long usec = now.evalshaUsec() - before.evalshaUsec();
    System.out.printf(Locale.ROOT, "%-10s used_memory %,d bytes (+%,d: %.1f bytes %s); EVALSHA %d calls, %.2f"
            + " usec per call; %.0f per second%n", phase, now.usedMemory(), bytes,
        items == 0 ? 0.0 : (double) bytes / items, per, calls, calls == 0 ? 0.0 : (double) usec / calls,
        items / Math.max(1e-9, (now.nanos() - before.nanos()) / 1e9));
  }

  /** A field of an INFO section, e.g. {@code used_memory}; -1 when absent. */
  static long infoValue(String info, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).trim());
      }
    }
    return -1;
  }

  /** {@code calls}, {@code usec}… of one command in INFO commandstats ({@code cmdstat_<name>:calls=3,usec=..}). */
  static Map<String, Long> commandStat(String info, String command) {
    Map<String, Long> values = new HashMap<>();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_" + command + ":")) {
        for (String pair : line.substring(line.indexOf(':') + 1).split(",")) {
          int eq = pair.indexOf('=');
          try {
            values.put(pair.substring(0, eq), (long) Double.parseDouble(pair.substring(eq + 1)));
          } catch (NumberFormatException e) {
            // a field that is not a number: not needed
          }
        }
      }
    }
    return values;
  }

  /** Participant ids like a node's: 16 base64url characters of random bytes. */
  private static String[] ids(int count) {
    String[] ids = new String[count];
    byte[] bytes = new byte[12];
    for (int i = 0; i < count; i++) {
      ThreadLocalRandom.current().nextBytes(bytes);
      ids[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
    return ids;
  }

  /** Question k's text: 60 to 200 characters of everyday words, numbered so no two are alike. */
  private static String text(int k) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int length = 60 + random.nextInt(141);
    StringBuilder text = new StringBuilder("Câu hỏi ").append(k + 1).append(':');
    while (text.length() < length) {
      text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.append('?').toString();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static void progress(String format, Object... args) {
    System.err.println("seed: " + String.format(Locale.ROOT, format, args));
  }
}

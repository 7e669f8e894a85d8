package townhall.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;

/**
 * The joins a node answers at once, and a bounded line for the rest: a storm of hellos waits its turn (in order)
 * instead of piling onto Redis until commands time out. Only a full line refuses, with {@code rate_limited} and a
 * {@code retryAfterMs} (jittered, from how fast the line moves) that spreads the retries.
 *
 * <p>A resume weighs a quarter of a join: what limits joins answered at once is the node writing their welcomes
 * (tens of KB each), while a resume carries a few events and counts. A dead node's residents coming back together
 * are answered four times as many at once; the line stays in order (a join at its head waits for its whole place).
 *
 * <p>Threading: safe from any thread; each join starts on the thread that frees its place (its future's callbacks
 * run where that join's work completes).
 */
public final class JoinQueue {
  private static final long MIN_RETRY_MS = 500;
  private static final long MAX_RETRY_MS = 30_000;

  /** What a join weighs; a resume weighs one. */
  static final int JOIN_WEIGHT = 4;

  private final int atOnce;
  private final int capacity;
  private final int waitingAtMost;
  /** The joins handed on while a thread is starting joins (see {@link #startInTurn}); null when it is not. */
  private static final ThreadLocal<ArrayDeque<Runnable>> STARTING = new ThreadLocal<>();

  private final ArrayDeque<Waiting> line = new ArrayDeque<>();
  /** The weight of the joins and resumes running. */
  private int running;
  /** A moving average of how long a join takes, in ms, to tell a refused client when to come back. */
  private double joinMs = 20;
  /** The second (of {@link System#nanoTime}) whose hellos {@link #arrivedNow} counts. */
  private long arrivalSecond;
  /** Hellos submitted in {@link #arrivalSecond}. */
  private int arrivedNow;
  /** Hellos submitted in the second before {@link #arrivalSecond}. */
  private int arrivedBefore;

  /**
   * @param atOnce        joins answered at the same time
   * @param waitingAtMost joins that may wait; one more is refused
   */
  public JoinQueue(int atOnce, int waitingAtMost) {
    this.atOnce = atOnce;
    this.capacity = atOnce * JOIN_WEIGHT;
    this.waitingAtMost = waitingAtMost;
  }

  private record Waiting(int weight, Runnable start) {
  }

  /** Runs {@code join} now or when its turn comes; fails {@code rate_limited} at once when the line is full. */
  public <T> Future<T> submit(Supplier<Future<T>> join) {
    return submit(join, false);
  }

  /**
   * As {@link #submit(Supplier)}; a {@code resume} (a client that holds the session's state and asks for what it
   * missed) weighs a quarter of a join.
   */
  public <T> Future<T> submit(Supplier<Future<T>> join, boolean resume) {
    Promise<T> done = Promise.promise();
    int weight = resume ? 1 : JOIN_WEIGHT;
    Runnable start = () -> run(join, done, weight);
    boolean now;
    synchronized (this) {
      rollArrivals();
      arrivedNow++;
      now = line.isEmpty() && running + weight <= capacity;
      if (now) {
        running += weight;
      } else if (line.size() >= waitingAtMost) {
        return Future.failedFuture(new DomainException(ErrorCode.RATE_LIMITED,
            "Too many joining at once; try again in a moment", retryAfterMs(), null));
      } else {
        line.add(new Waiting(weight, start));
      }
    }
    if (now) {
      start.run();
    }
    return done.future();
  }

  /** How many joins wait. */
  public synchronized int waiting() {
    return line.size();
  }

  /**
   * Whether a join or reconnect storm is on: hellos wait in line, or more than the joins answered at once arrived
   * within the last second or two (a dead node's residents served from the view may never fill the line, yet take
   * the node's time). A meeting's trickle of joins is not one.
   */
  public synchronized boolean storming() {
    rollArrivals();
    return !line.isEmpty() || arrivedNow + arrivedBefore > atOnce;
  }

  /** Moves the arrival counts on to the current second. */
  private void rollArrivals() {
    long second = System.nanoTime() / 1_000_000_000L;
    if (second != arrivalSecond) {
      arrivedBefore = second == arrivalSecond + 1 ? arrivedNow : 0;
      arrivedNow = 0;
      arrivalSecond = second;
    }
  }

  private <T> void run(Supplier<Future<T>> join, Promise<T> done, int weight) {
    long started = System.nanoTime();
    Future<T> result;
    try {
      result = join.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(r -> {
      List<Runnable> next = new ArrayList<>(JOIN_WEIGHT);
      synchronized (this) {
        joinMs = joinMs * 0.9 + (System.nanoTime() - started) / 1_000_000.0 * 0.1;
        running -= weight;
        // the freed place goes to the head of the line, and to those after it while it fits
        while (!line.isEmpty() && running + line.peek().weight() <= capacity) {
          Waiting head = line.poll();
          running += head.weight();
          next.add(head.start());
        }
      }
      try {
        done.handle(r);
      } finally {
        next.forEach(JoinQueue::startInTurn);
      }
    });
  }

  /**
   * Starts a waiting join without growing the stack: a join that completes at once (a socket already gone, a
   * refusal) starts the next from inside its own completion, so a long line of them would recurse once per join
   * (a reconnect storm overflowed the stack and left the line stuck). The first call on a thread drains what the
   * joins it starts hand on, in order.
   */
  private static void startInTurn(Runnable next) {
    ArrayDeque<Runnable> handedOn = STARTING.get();
    if (handedOn != null) {
      handedOn.add(next);
      return;
    }
    handedOn = new ArrayDeque<>();
    STARTING.set(handedOn);
    try {
      for (Runnable start = next; start != null; start = handedOn.poll()) {
        start.run();
      }
    } finally {
      STARTING.remove();
    }
  }

  /** About when the line will have room again, spread by a random half so refused clients do not come back together. */
  private long retryAfterMs() {
    double drainMs = line.size() * joinMs / Math.max(1, atOnce);
    // (counted as joins: a line of resumes drains sooner, and coming back a little late costs a resume nothing)
    long base = (long) Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, drainMs));
    return base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }
}

package townhall.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;

/** Joins beyond what a node answers at once wait in line, in order; only a full line refuses. */
class JoinQueueTest {

  @Test
  void aFullLineRefusesWithRateLimitedAndARetryTime() {
    JoinQueue queue = new JoinQueue(1, 2);
    Promise<String> first = Promise.promise();
    queue.submit(first::future);
    queue.submit(() -> Future.succeededFuture("second"));
    queue.submit(() -> Future.succeededFuture("third"));

    Future<String> refused = queue.submit(() -> Future.succeededFuture("fourth"));

    assertTrue(refused.failed());
    DomainException e = (DomainException) refused.cause();
    assertEquals(ErrorCode.RATE_LIMITED, e.code());
    assertTrue(e.retryAfterMs() > 0, "a refusal says when to come back");
    assertEquals(2, queue.waiting());
  }

  @Test
  void aStormIsHellosWaitingOrMoreThanTheJoinsAtOnceArrivingWithinASecondOrTwo() throws InterruptedException {
    JoinQueue queue = new JoinQueue(4, 100);
    assertFalse(queue.storming(), "no hello yet");
    for (int i = 0; i < 4; i++) {
      queue.submit(() -> Future.succeededFuture("resumed"), true);
    }
    assertFalse(queue.storming(), "four hellos answered at once are a meeting's trickle");
    queue.submit(() -> Future.succeededFuture("resumed"), true);
    assertTrue(queue.storming(), "five within a second or two are a storm, though none waits");

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (queue.storming() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(queue.storming(), "the storm is over two seconds after the last hello");

    JoinQueue narrow = new JoinQueue(1, 100);
    Promise<String> held = Promise.promise();
    narrow.submit(held::future);
    assertFalse(narrow.storming(), "one join answered at once");
    narrow.submit(() -> Future.succeededFuture("second"));
    assertEquals(1, narrow.waiting());
    assertTrue(narrow.storming(), "a hello waits in line");
  }

  @Test
  void waitingJoinsRunInOrderAsPlacesFree() {
    JoinQueue queue = new JoinQueue(2, 100);
    List<Promise<Void>> running = new ArrayList<>();
    List<Integer> started = new ArrayList<>();
    List<Future<Void>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      answers.add(queue.submit(() -> {
        started.add(n);
        Promise<Void> p = Promise.promise();
        running.add(p);
        return p.future();
      }));
    }
    assertEquals(List.of(0, 1), started, "two at once");
    assertEquals(4, queue.waiting());

    running.get(1).complete();
    running.get(0).complete();
    assertEquals(List.of(0, 1, 2, 3), started, "the next in line, in order");
    assertTrue(answers.get(0).succeeded() && answers.get(1).succeeded());
    assertFalse(answers.get(2).isComplete());

    running.get(2).fail(new IllegalStateException("a failed join frees its place too"));
    assertEquals(List.of(0, 1, 2, 3, 4), started);
    assertTrue(answers.get(2).failed());
  }

  /** A reconnect storm: a long line of joins that complete at once (sockets gone meanwhile) must not recurse. */
  @Test
  void aLongLineOfJoinsThatCompleteAtOnceDrainsInOrderWithoutGrowingTheStack() {
    int waiting = 200_000;
    JoinQueue queue = new JoinQueue(1, waiting);
    Promise<Integer> first = Promise.promise();
    queue.submit(first::future);
    List<Integer> started = new ArrayList<>();
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < waiting; i++) {
      int n = i;
      answers.add(queue.submit(() -> {
        started.add(n);
        return n % 2 == 0 ? Future.succeededFuture(n) : Future.failedFuture(new IllegalStateException("gone"));
      }));
    }
    assertEquals(waiting, queue.waiting());

    first.complete(-1);

    assertEquals(waiting, started.size(), "every waiting join ran");
    for (int i = 0; i < waiting; i++) {
      assertEquals(i, started.get(i), "in order");
      assertTrue(answers.get(i).isComplete());
    }
    assertEquals(0, queue.waiting());
    Promise<Integer> later = Promise.promise();
    Future<Integer> answer = queue.submit(later::future);
    assertFalse(answer.isComplete(), "the line is free again: a new join runs at once and is still running");
  }

  @Test
  void resumesWeighAQuarterOfAJoinAndAJoinAtTheHeadWaitsForItsWholePlace() {
    JoinQueue queue = new JoinQueue(1, 100);
    List<Promise<Void>> running = new ArrayList<>();
    List<String> started = new ArrayList<>();
    java.util.function.Function<String, java.util.function.Supplier<Future<Void>>> work = name -> () -> {
      started.add(name);
      Promise<Void> p = Promise.promise();
      running.add(p);
      return p.future();
    };
    for (int i = 0; i < JoinQueue.JOIN_WEIGHT; i++) {
      queue.submit(work.apply("resume " + i), true);
    }
    assertEquals(JoinQueue.JOIN_WEIGHT, started.size(), "as many resumes at once as a join weighs");
    queue.submit(work.apply("join"), false);
    queue.submit(work.apply("late resume"), true);
    assertEquals(2, queue.waiting(), "a join waits for its whole place, and the resume behind it keeps its turn");

    running.get(0).complete();
    assertEquals(2, queue.waiting(), "a quarter of a place is not enough for a join");
    for (int i = 1; i < JoinQueue.JOIN_WEIGHT; i++) {
      running.get(i).complete();
    }
    assertEquals("join", started.get(JoinQueue.JOIN_WEIGHT), "the join, first in line, once its place is free");
    assertEquals(1, queue.waiting(), "the resume behind it waits: the join takes the whole place");
    running.get(JoinQueue.JOIN_WEIGHT).complete();
    assertEquals("late resume", started.get(started.size() - 1));
    assertEquals(0, queue.waiting());
  }
}

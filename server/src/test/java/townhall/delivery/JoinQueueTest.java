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
}

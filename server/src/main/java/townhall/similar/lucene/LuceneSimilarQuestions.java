package townhall.similar.lucene;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.apache.lucene.util.ThreadInterruptedException;
import townhall.logging.LogLine;
import townhall.similar.SimilarQuestions;

/**
 * A session's {@link SessionIndex} behind the {@link SimilarQuestions} port. Changes and searches are queued in the
 * order they are made and run by one worker thread at a time: a rebuild of 10,000 questions takes a worker, not
 * the hub's event loop, and a search made after a change (a rebuild included) sees it. A search answers on the
 * context it was made on.
 */
final class LuceneSimilarQuestions implements SimilarQuestions {
  private static final Logger LOG = Logger.getLogger(LuceneSimilarQuestions.class.getName());

  /** One step on the index: a change or a search. */
  private interface Step {
    void run(SessionIndex index) throws IOException;
  }

  private final String sessionId;
  private final double threshold;
  /** Made by the first step, on a worker: opening Lucene's writer is no work for the hub's event loop. */
  private SessionIndex index;
  private final WorkerExecutor workers;
  private final Queue<Step> steps = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private boolean indexClosed;

  LuceneSimilarQuestions(String sessionId, double threshold, WorkerExecutor workers) {
    this.sessionId = sessionId;
    this.threshold = threshold;
    this.workers = workers;
  }

  @Override
  public void reset(Collection<Indexed> questions) {
    List<Indexed> copy = List.copyOf(questions);
    change(index -> index.reset(copy));
  }

  @Override
  public void put(String id, String text) {
    change(index -> index.put(id, text));
  }

  @Override
  public void remove(String id) {
    change(index -> index.remove(id));
  }

  @Override
  public Future<List<Match>> similar(String text, int limit) {
    if (closed.get()) {
      return Future.succeededFuture(List.of());
    }
    Context caller = Vertx.currentContext();
    Promise<List<Match>> answer = Promise.promise();
    enqueue(index -> {
      List<Match> found = List.of();
      Throwable failure = null;
      try {
        found = indexClosed ? List.of() : index.search(text, limit);
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
      List<Match> result = found;
      Throwable error = failure;
      Runnable deliver = () -> {
        if (error == null) {
          answer.complete(result);
        } else {
          answer.fail(error);
        }
      };
      if (caller == null) {
        deliver.run();
      } else {
        caller.runOnContext(v -> deliver.run());
      }
    });
    return answer.future();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      enqueue(index -> {
        indexClosed = true;
        index.close();
      });
    }
  }

  private void change(Step change) {
    if (!closed.get()) {
      enqueue(index -> {
        if (!indexClosed) {
          change.run(index);
        }
      });
    }
  }

  private void enqueue(Step step) {
    steps.add(step);
    if (running.compareAndSet(false, true)) {
      workers.executeBlocking(() -> {
        runQueued();
        return null;
      }, false);
    }
  }

  /** Runs the queued steps in order; whoever queues one while this finishes starts the next round. */
  private void runQueued() {
    while (true) {
      Step step;
      while ((step = steps.poll()) != null) {
        try {
          if (index == null) {
            index = new SessionIndex(threshold);
          }
          step.run(index);
        } catch (ThreadInterruptedException e) {
          // Vert.x interrupts its workers when the node stops: the index goes with it
          LogLine.session(LOG, sessionId).fine("similar-questions index step interrupted", e);
        } catch (IOException | RuntimeException e) {
          LogLine.session(LOG, sessionId).warning("similar-questions index step failed", e);
        }
      }
      running.set(false);
      if (steps.isEmpty() || !running.compareAndSet(false, true)) {
        return;
      }
    }
  }
}

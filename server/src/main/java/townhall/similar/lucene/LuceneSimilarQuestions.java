package townhall.similar.lucene;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import townhall.logging.LogLine;
import townhall.similar.SimilarQuestions;

/**
 * A session's {@link SessionIndex} behind the {@link SimilarQuestions} port: changes are queued in the order they
 * are made and applied by one worker at a time (a rebuild of 10,000 questions takes the worker, not the hub's event
 * loop); searches run on the workers too, and see the changes applied so far.
 */
final class LuceneSimilarQuestions implements SimilarQuestions {
  private static final Logger LOG = Logger.getLogger(LuceneSimilarQuestions.class.getName());

  /** One change of the index. */
  private interface Change {
    void apply(SessionIndex index) throws IOException;
  }

  private static final Change CLOSE = SessionIndex::close;

  private final String sessionId;
  private final SessionIndex index;
  private final WorkerExecutor workers;
  private final Queue<Change> changes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean applying = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  LuceneSimilarQuestions(String sessionId, double threshold, WorkerExecutor workers) {
    this.sessionId = sessionId;
    this.index = new SessionIndex(threshold);
    this.workers = workers;
  }

  @Override
  public void reset(Collection<Indexed> questions) {
    List<Indexed> copy = List.copyOf(questions);
    changes.clear(); // whatever was queued is replaced by the new set
    enqueue(index -> index.reset(copy));
  }

  @Override
  public void put(String id, String text) {
    enqueue(index -> index.put(id, text));
  }

  @Override
  public void remove(String id) {
    enqueue(index -> index.remove(id));
  }

  @Override
  public Future<List<Match>> similar(String text, int limit) {
    if (closed.get()) {
      return Future.succeededFuture(List.of());
    }
    return workers.executeBlocking(() -> closed.get() ? List.<Match>of() : index.search(text, limit), false);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      changes.clear();
      enqueue(CLOSE);
    }
  }

  private void enqueue(Change change) {
    if (closed.get() && change != CLOSE) {
      return;
    }
    changes.add(change);
    if (applying.compareAndSet(false, true)) {
      workers.executeBlocking(() -> {
        applyQueued();
        return null;
      }, false);
    }
  }

  /** Applies the queued changes in order; whoever queues one while this finishes starts the next round. */
  private void applyQueued() {
    while (true) {
      Change change;
      while ((change = changes.poll()) != null) {
        try {
          change.apply(index);
        } catch (IOException | RuntimeException e) {
          LogLine.session(LOG, sessionId).warning("similar-questions index change failed", e);
        }
      }
      applying.set(false);
      if (changes.isEmpty() || !applying.compareAndSet(false, true)) {
        return;
      }
    }
  }
}

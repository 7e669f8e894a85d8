package townhall.similar.lucene;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import townhall.similar.SimilarIndexes;
import townhall.similar.SimilarQuestions;

/**
 * Opens each session's similar-questions index in memory; all of a node's indexes share a small pool of worker
 * threads for building, changing and searching them (closed with Vert.x).
 */
public final class LuceneSimilarIndexes implements SimilarIndexes {
  /**
   * The normalised score a question needs to be offered as similar (see {@code docs/similar.md}: chosen on the
   * labelled set in {@code server/src/test/resources/similar/pairs.tsv}, whose regression test holds it).
   */
  public static final double THRESHOLD = 0.45;

  private final WorkerExecutor workers;
  private final double threshold;

  /** @param threads the worker threads shared by every session's index */
  public LuceneSimilarIndexes(Vertx vertx, int threads, double threshold) {
    this.workers = vertx.createSharedWorkerExecutor("townhall-similar", threads);
    this.threshold = threshold;
    // loads Lucene's classes and ICU's folding data (a second or two) before any resident waits for them
    workers.executeBlocking(() -> {
      try (SessionIndex warm = new SessionIndex(threshold)) {
        warm.put("0", "Đường ngập nước");
        return warm.search("duong ngap", 1);
      }
    }, false);
  }

  @Override
  public SimilarQuestions open(String sessionId) {
    return new LuceneSimilarQuestions(sessionId, threshold, workers);
  }
}

package townhall.similar;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/**
 * One session's index of the questions a resident may see, for "similar questions" while someone types: a cache on
 * each node, kept by the node's view of the session (rebuilt with it, then told of every question that becomes
 * visible, changes or leaves the public set). Redis stays the only truth; nothing is written here first.
 *
 * <p>Threading: {@link #reset}, {@link #put} and {@link #remove} are called from one thread (the hub context) and are
 * applied in that order, soon and off that thread, so a big session's rebuild never holds an event loop; a search
 * made meanwhile answers from what was applied so far. {@link #similar} may be called from any thread.
 */
public interface SimilarQuestions {
  /** A question as it is indexed. */
  record Indexed(String id, String text) {
  }

  /**
   * A question similar to the searched text.
   *
   * @param score how alike, from 0 (nothing shared) to 1 (the same words); only scores at or above the index's
   *              threshold are answered
   */
  record Match(String id, double score) {
  }

  /** A similar question as the resident is offered it: its id, its text now, and how alike (0 to 1). */
  record Suggestion(String id, String text, double score) {
  }

  /** Forgets every question and indexes these instead (the view was built afresh). */
  void reset(Collection<Indexed> questions);

  /** Indexes a question, or its new text. */
  void put(String id, String text);

  /** Removes a question (rejected, hidden, merged or withdrawn); nothing happens for one not indexed. */
  void remove(String id);

  /** Up to {@code limit} questions similar to {@code text}, the most similar first; none when nothing passes. */
  Future<List<Match>> similar(String text, int limit);

  /** Frees the index; later calls do nothing (and searches answer nothing). */
  void close();

  /** An index that holds nothing and finds nothing (tests, and nodes built without one). */
  static SimilarQuestions none() {
    return new SimilarQuestions() {
      @Override
      public void reset(Collection<Indexed> questions) {
      }

      @Override
      public void put(String id, String text) {
      }

      @Override
      public void remove(String id) {
      }

      @Override
      public Future<List<Match>> similar(String text, int limit) {
        return Future.succeededFuture(List.of());
      }

      @Override
      public void close() {
      }
    };
  }
}

package townhall.similar;

/** Opens the similar-questions index of a session (one per session and node, owned by the node's room). */
@FunctionalInterface
public interface SimilarIndexes {
  SimilarQuestions open(String sessionId);

  /** No index at all: every search answers nothing. */
  static SimilarIndexes none() {
    return sessionId -> SimilarQuestions.none();
  }
}

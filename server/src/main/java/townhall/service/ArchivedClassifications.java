package townhall.service;

import io.vertx.core.Future;
import townhall.store.ActionResult;

/**
 * Where a question's topic and area go once Redis no longer holds its session (issue 17: officials classify when
 * they compile for the district, after the session): a {@code classified} entry appended to the session's chain as
 * the archive keeps it (PostgreSQL), as follow-up steps are ({@link ArchivedFollowUps}), and the archived record
 * brought up to date (the question's {@code topic} and {@code area}, the summary, the CSV). Implemented where records
 * are built ({@code export}).
 */
public interface ArchivedClassifications {

  /**
   * Appends {@code {"k":"classified","n","at","q","topic","area","by":0}} (the entry of {@code moderate}
   * {@code classify}; topic or area absent: none) to the archived chain, under the lock of the record's row, never
   * rewriting it. The keys were checked by the caller against the session's lists. {@code ref}: a classification
   * already appended with it is not appended again (the answer says {@code duplicate}). Fails {@code not_found} when
   * nothing of the session is archived or the record has no such question.
   */
  Future<ActionResult> classify(String sessionId, String ref, String questionId, String topic, String area);
}

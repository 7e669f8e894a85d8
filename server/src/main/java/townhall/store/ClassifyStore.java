package townhall.store;

import io.vertx.core.Future;

/**
 * Gives a live session's question its topic and area, in one atomic step that chains the classification in the
 * session's record and tells every screen (a {@code question} event); a repeated {@code ref} of the same participant
 * is applied once and answers the first answer with {@code duplicate}. The keys are checked by the caller against
 * the session's lists. Fails with {@code not_found} (no session, no question) and {@code forbidden} (an asker's pick
 * on a question that is not theirs).
 */
public interface ClassifyStore {

  /**
   * @param who    the moderator's participant id ({@code organizer} for the admin token), or the asker's
   * @param topic  a topic key, or {@code null} for none
   * @param area   an area key, or {@code null} for none
   * @param asker  whether the asker picks the topic of their own question as they ask it
   */
  Future<ActionResult> classify(String sessionId, String who, String ref, String questionId, String topic,
      String area, boolean asker);
}

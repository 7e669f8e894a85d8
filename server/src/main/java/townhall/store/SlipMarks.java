package townhall.store;

import io.vertx.core.Future;
import townhall.domain.Participant;

/**
 * Which photo of its paper slip a live question names (the bytes are in {@link SlipStore}): one atomic step that
 * checks the question (a clerk's entry for someone, entered by this clerk unless a moderator attaches, its photo not
 * public yet, the session not closed), names the photo and tells the moderators' and the clerk's screens (a
 * {@code question} event whose private part carries {@code slip}). Naming the photo already named changes nothing.
 * Fails with {@code not_found}, {@code closed}, {@code forbidden} or {@code conflict}.
 */
public interface SlipMarks {

  /** Names the photo with this SHA-256 as the question's; {@code by} is a clerk or a moderator of the session. */
  Future<ActionResult> attach(Participant by, String questionId, String sha256);
}

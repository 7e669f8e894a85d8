package townhall.service;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The archive of published records (PostgreSQL): what keeps a record's public page, JSON and CSV after Redis lets
 * its session go. Implemented where records are built ({@code export}); services only say when.
 */
public interface RecordArchive {

  /**
   * Archives the session's record as it stands now, both copies (public and full), when it is published, or when it
   * was withdrawn after it had been archived (it stays withdrawn, so a later {@link #republish} makes its final state
   * public, and its organizer keeps the full copy); does nothing for a record never published. Answers the length of
   * the chain archived ({@code null}: nothing archived). Fails as reading the record does ({@code not_found} for an
   * unknown session).
   */
  Future<Long> archive(String sessionId);

  /**
   * Makes the archived record public again, for a session Redis no longer holds; answers when it was published,
   * empty when nothing of it is archived.
   */
  Future<Optional<Long>> republish(String sessionId);

  /** Withdraws the archived record from the public; answers when (ms), empty when nothing of it is archived. */
  Future<Optional<Long>> withdraw(String sessionId, String reason);
}

package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import townhall.domain.org.CatalogEntry;

/** The catalog of sessions per organization, and the series they belong to (PostgreSQL). */
public interface CatalogStore {

  /**
   * Adds a session; its series (a slug of the organization) is created when new. {@code openedNow}: its live session
   * already takes questions, so the scheduler will not open it.
   */
  Future<CatalogEntry> add(CatalogEntry entry, String createdBy, boolean openedNow);

  Future<Optional<CatalogEntry>> find(String sessionId);

  /** The organization's sessions, soonest scheduled first, unscheduled last. */
  Future<List<CatalogEntry>> list(long organizationId);

  /**
   * Claims the sessions due to open at {@code now} (questions open from, else the scheduled start) and not opened
   * yet: each is answered to one caller only, whatever the number of nodes asking at once.
   */
  Future<List<String>> claimOpenings(java.time.Instant now);

  /** Claims the sessions whose scheduled end has passed and that were not closed by schedule yet (once each). */
  Future<List<String>> claimClosings(java.time.Instant now);

  /** Gives a claim back (its change could not be made in Redis): the next round tries again. */
  Future<Void> releaseClaim(String sessionId, boolean opening);

  /** Notes that the session's record was published. */
  Future<Void> markPublished(String sessionId);

  /** Notes that the session's record was withdrawn from the public (its public pages no longer link it). */
  Future<Void> markUnpublished(String sessionId);
}

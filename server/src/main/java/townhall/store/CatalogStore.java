package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import townhall.domain.org.CatalogEntry;

/** The catalog of sessions per organization, and the series they belong to (PostgreSQL). */
public interface CatalogStore {

  /** Adds a session; its series (a slug of the organization) is created when new. */
  Future<CatalogEntry> add(CatalogEntry entry, String createdBy);

  Future<Optional<CatalogEntry>> find(String sessionId);

  /** The organization's sessions, soonest scheduled first, unscheduled last. */
  Future<List<CatalogEntry>> list(long organizationId);

  /** Notes that the session's record was published. */
  Future<Void> markPublished(String sessionId);
}

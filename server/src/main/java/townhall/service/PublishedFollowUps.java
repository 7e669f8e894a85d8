package townhall.service;

import io.vertx.core.Future;
import java.util.List;
import townhall.domain.record.TrackedSession;

/**
 * The follow-up of published records, as the public tracker reads it: implemented where records are read
 * ({@code export}), from the archive, so a live session's follow-up is public only through its published record.
 */
public interface PublishedFollowUps {

  /**
   * The published records of the organization and of every organization below it (wards of a district, their
   * agencies), each with its followed questions as its public copy shows them; soonest scheduled first.
   */
  Future<List<TrackedSession>> below(long organizationId);
}

package townhall.domain.org;

import java.time.Instant;
import java.util.List;

/**
 * A session in its organization's catalog: where and when it happens, from when residents may ask, and the record
 * once published, and who will answer. Its live state is in Redis under the same id. Times may be null (not
 * scheduled).
 */
public record CatalogEntry(String sessionId, long organizationId, String title, String place, String agenda,
    String seriesSlug, Instant scheduledStart, Instant scheduledEnd, Instant questionsOpenFrom,
    Instant publishedAt, List<Leader> leaders) {
  public CatalogEntry {
    leaders = leaders == null ? List.of() : List.copyOf(leaders);
  }
}

package townhall.domain.org;

import java.time.Instant;

/**
 * A session in its organization's catalog: where and when it happens, from when residents may ask, and the record
 * once published. Its live state is in Redis under the same id. Times may be null (not scheduled).
 */
public record CatalogEntry(String sessionId, long organizationId, String title, String place, String agenda,
    String seriesSlug, Instant scheduledStart, Instant scheduledEnd, Instant questionsOpenFrom,
    Instant publishedAt) {
}

package townhall.store;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the public follow-up tracker reads of the archive (PostgreSQL) besides the records' content: which published
 * records belong to an organization and those below it, each with its chain's head (so a reader keeps what it read
 * of a record for as long as the head stays), and the names of organizations by slug.
 */
public interface TrackerStore {

  /**
   * The published (not withdrawn) archived records of the organization and every organization below it, each with
   * its chain's head; soonest scheduled first.
   */
  Future<List<PublishedHead>> publishedBelow(long organizationId);

  /** The names of the organizations with these slugs (slug -> name); a slug unknown is left out. */
  Future<Map<String, String>> names(Collection<String> slugs);

  /**
   * A published record's place and head.
   *
   * @param seriesSlug  its series in its organization's catalog, else {@code null}
   * @param seriesTitle that series' title, else {@code null}
   */
  record PublishedHead(String sessionId, String organizationSlug, String seriesSlug, String seriesTitle,
      long length, String finalHash) {
  }
}

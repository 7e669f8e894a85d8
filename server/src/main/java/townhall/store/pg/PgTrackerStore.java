package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.store.TrackerStore;

/** {@link TrackerStore} on {@code archived_records}, {@code organizations}, {@code catalog_sessions} and series. */
final class PgTrackerStore implements TrackerStore {
  /** The organization and every one below it, then their published records, without their content. */
  private static final String PUBLISHED_BELOW = "WITH RECURSIVE below(id) AS ("
      + " SELECT id FROM organizations WHERE id = $1"
      + " UNION ALL SELECT o.id FROM organizations o JOIN below b ON o.parent_id = b.id)"
      + " SELECT a.session_id, a.chain_length, a.final_hash, o.slug AS organization_slug,"
      + " s.slug AS series_slug, s.title AS series_title"
      + " FROM archived_records a JOIN below b ON a.organization_id = b.id"
      + " JOIN organizations o ON o.id = a.organization_id"
      + " LEFT JOIN catalog_sessions c ON c.session_id = a.session_id"
      + " LEFT JOIN series s ON s.id = c.series_id"
      + " WHERE a.withdrawn_at IS NULL ORDER BY c.scheduled_start NULLS LAST, a.published_at, a.session_id";
  private static final String NAMES = "SELECT slug, name FROM organizations WHERE slug = ANY($1)";

  private final Pool pool;

  PgTrackerStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<PublishedHead>> publishedBelow(long organizationId) {
    return PgCalls.mapped(pool.preparedQuery(PUBLISHED_BELOW).execute(Tuple.of(organizationId)).map(rows -> {
      List<PublishedHead> heads = new ArrayList<>();
      rows.forEach(row -> heads.add(new PublishedHead(row.getString("session_id"),
          row.getString("organization_slug"), row.getString("series_slug"), row.getString("series_title"),
          row.getLong("chain_length"), row.getString("final_hash"))));
      return heads;
    }));
  }

  @Override
  public Future<Map<String, String>> names(Collection<String> slugs) {
    if (slugs.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return PgCalls.mapped(pool.preparedQuery(NAMES).execute(Tuple.of(slugs.toArray(new String[0]))).map(rows -> {
      Map<String, String> names = new HashMap<>();
      rows.forEach(row -> names.put(row.getString("slug"), row.getString("name")));
      return names;
    }));
  }
}

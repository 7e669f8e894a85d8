package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import townhall.domain.org.CatalogEntry;
import townhall.store.CatalogStore;

/** {@link CatalogStore} on {@code catalog_sessions} and {@code series}. */
final class PgCatalogStore implements CatalogStore {
  private static final String SELECT = "SELECT c.session_id, c.organization_id, c.title, c.place, c.agenda,"
      + " s.slug AS series_slug, c.scheduled_start, c.scheduled_end, c.questions_open_from, c.published_at"
      + " FROM catalog_sessions c LEFT JOIN series s ON s.id = c.series_id ";

  private final Pool pool;

  PgCatalogStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<CatalogEntry> add(CatalogEntry e, String createdBy, boolean openedNow) {
    return PgCalls.mapped(pool.withTransaction(tx -> {
      Future<Long> series = e.seriesSlug() == null ? Future.succeededFuture(null)
          : tx.preparedQuery("INSERT INTO series (organization_id, slug, title) VALUES ($1, $2, $2)"
                  + " ON CONFLICT (organization_id, slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id")
              .execute(Tuple.of(e.organizationId(), e.seriesSlug())).map(rows -> rows.iterator().next().getLong("id"));
      return series.compose(seriesId -> tx.preparedQuery("INSERT INTO catalog_sessions (session_id, organization_id,"
              + " title, place, agenda, series_id, scheduled_start, scheduled_end, questions_open_from, created_by,"
              + " opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11 THEN now() END)")
          .execute(Tuple.from(new Object[] {e.sessionId(), e.organizationId(), e.title(), e.place(), e.agenda(),
              seriesId, PgAccountStore.utc(e.scheduledStart()), PgAccountStore.utc(e.scheduledEnd()),
              PgAccountStore.utc(e.questionsOpenFrom()), createdBy, openedNow})));
    }).map(e));
  }

  @Override
  public Future<Optional<CatalogEntry>> find(String sessionId) {
    return PgCalls.mapped(pool.preparedQuery(SELECT + "WHERE c.session_id = $1").execute(Tuple.of(sessionId))
        .map(rows -> rows.rowCount() == 0 ? Optional.<CatalogEntry>empty()
            : Optional.of(entry(rows.iterator().next()))));
  }

  @Override
  public Future<List<CatalogEntry>> list(long organizationId) {
    return PgCalls.mapped(pool.preparedQuery(SELECT + "WHERE c.organization_id = $1"
            + " ORDER BY c.scheduled_start NULLS LAST, c.created_at").execute(Tuple.of(organizationId))
        .map(rows -> {
          List<CatalogEntry> list = new ArrayList<>();
          rows.forEach(row -> list.add(entry(row)));
          return list;
        }));
  }

  @Override
  public Future<List<String>> claimOpenings(Instant now) {
    // one UPDATE: a row claimed by one node no longer matches for another (row lock, then the WHERE re-checked)
    return claim("UPDATE catalog_sessions SET opened_at = $1 WHERE opened_at IS NULL AND closed_at IS NULL"
        + " AND coalesce(questions_open_from, scheduled_start) <= $1 RETURNING session_id", now);
  }

  @Override
  public Future<List<String>> claimClosings(Instant now) {
    return claim("UPDATE catalog_sessions SET closed_at = $1 WHERE closed_at IS NULL AND scheduled_end <= $1"
        + " RETURNING session_id", now);
  }

  private Future<List<String>> claim(String sql, Instant now) {
    return PgCalls.mapped(pool.preparedQuery(sql).execute(Tuple.of(PgAccountStore.utc(now))).map(rows -> {
      List<String> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getString("session_id")));
      return ids;
    }));
  }

  @Override
  public Future<Void> releaseClaim(String sessionId, boolean opening) {
    return PgCalls.mapped(pool.preparedQuery("UPDATE catalog_sessions SET " + (opening ? "opened_at" : "closed_at")
        + " = NULL WHERE session_id = $1").execute(Tuple.of(sessionId)).mapEmpty());
  }

  @Override
  public Future<Void> markPublished(String sessionId) {
    return PgCalls.mapped(pool.preparedQuery("UPDATE catalog_sessions SET published_at = coalesce(published_at,"
        + " now()) WHERE session_id = $1").execute(Tuple.of(sessionId)).mapEmpty());
  }

  @Override
  public Future<Void> markUnpublished(String sessionId) {
    return PgCalls.mapped(pool.preparedQuery("UPDATE catalog_sessions SET published_at = NULL WHERE session_id = $1")
        .execute(Tuple.of(sessionId)).mapEmpty());
  }

  private static CatalogEntry entry(Row row) {
    return new CatalogEntry(row.getString("session_id"), row.getLong("organization_id"), row.getString("title"),
        row.getString("place"), row.getString("agenda"), row.getString("series_slug"),
        instant(row.getOffsetDateTime("scheduled_start")), instant(row.getOffsetDateTime("scheduled_end")),
        instant(row.getOffsetDateTime("questions_open_from")), instant(row.getOffsetDateTime("published_at")));
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}

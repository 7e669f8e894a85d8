package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import townhall.domain.org.CatalogEntry;
import townhall.domain.org.Leader;
import townhall.store.CatalogStore;

/** {@link CatalogStore} on {@code catalog_sessions} and {@code series}. */
final class PgCatalogStore implements CatalogStore {
  // every statement is one fixed text with $n parameters
  private static final String FIND = "SELECT c.session_id, c.organization_id, c.title, c.place, c.agenda,"
      + " s.slug AS series_slug, c.scheduled_start, c.scheduled_end, c.questions_open_from, c.published_at,"
      + " c.leaders FROM catalog_sessions c LEFT JOIN series s ON s.id = c.series_id WHERE c.session_id = $1";
  private static final String LIST = "SELECT c.session_id, c.organization_id, c.title, c.place, c.agenda,"
      + " s.slug AS series_slug, c.scheduled_start, c.scheduled_end, c.questions_open_from, c.published_at,"
      + " c.leaders FROM catalog_sessions c LEFT JOIN series s ON s.id = c.series_id WHERE c.organization_id = $1"
      + " ORDER BY c.scheduled_start NULLS LAST, c.created_at";
  /**
   * One UPDATE: a row claimed by one node no longer matches for another (row lock, then the WHERE re-checked); a
   * waiting session whose times an edit removed has nothing left to wait for, and opens.
   */
  private static final String CLAIM_OPENINGS = "UPDATE catalog_sessions SET opened_at = $1 WHERE opened_at IS NULL"
      + " AND closed_at IS NULL AND coalesce(questions_open_from, scheduled_start, created_at) <= $1"
      + " RETURNING session_id, organization_id";
  private static final String CLAIM_CLOSINGS = "UPDATE catalog_sessions SET closed_at = $1 WHERE closed_at IS NULL"
      + " AND scheduled_end <= $1 RETURNING session_id, organization_id";
  private static final String RELEASE_OPENING = "UPDATE catalog_sessions SET opened_at = NULL WHERE session_id = $1";
  private static final String RELEASE_CLOSING = "UPDATE catalog_sessions SET closed_at = NULL WHERE session_id = $1";

  private final Pool pool;

  PgCatalogStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<CatalogEntry> add(CatalogEntry e, String createdBy, boolean openedNow) {
    return PgCalls.mapped(pool.withTransaction(tx -> seriesId(tx, e).compose(seriesId -> tx.preparedQuery(
            "INSERT INTO catalog_sessions (session_id, organization_id, title, place, agenda, series_id,"
                + " scheduled_start, scheduled_end, questions_open_from, created_by, opened_at, leaders)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11 THEN now() END, $12)")
        .execute(Tuple.from(new Object[] {e.sessionId(), e.organizationId(), e.title(), e.place(), e.agenda(),
            seriesId, PgAccountStore.utc(e.scheduledStart()), PgAccountStore.utc(e.scheduledEnd()),
            PgAccountStore.utc(e.questionsOpenFrom()), createdBy, openedNow, leaders(e.leaders())}))))
        .map(e));
  }

  @Override
  public Future<Void> update(CatalogEntry e) {
    return PgCalls.mapped(pool.withTransaction(tx -> seriesId(tx, e).compose(seriesId -> tx.preparedQuery(
            "UPDATE catalog_sessions SET title = $2, place = $3, agenda = $4, series_id = $5, scheduled_start = $6,"
                + " scheduled_end = $7, questions_open_from = $8, leaders = $9 WHERE session_id = $1")
        .execute(Tuple.from(new Object[] {e.sessionId(), e.title(), e.place(), e.agenda(), seriesId,
            PgAccountStore.utc(e.scheduledStart()), PgAccountStore.utc(e.scheduledEnd()),
            PgAccountStore.utc(e.questionsOpenFrom()), leaders(e.leaders())}))))
        .mapEmpty());
  }

  /** The id of the entry's series in its organization, created when new; null without a series. */
  private static Future<Long> seriesId(SqlClient tx, CatalogEntry e) {
    return e.seriesSlug() == null ? Future.succeededFuture(null)
        : tx.preparedQuery("INSERT INTO series (organization_id, slug, title) VALUES ($1, $2, $2)"
                + " ON CONFLICT (organization_id, slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id")
            .execute(Tuple.of(e.organizationId(), e.seriesSlug())).map(rows -> rows.iterator().next().getLong("id"));
  }

  @Override
  public Future<Optional<CatalogEntry>> find(String sessionId) {
    return PgCalls.mapped(pool.preparedQuery(FIND).execute(Tuple.of(sessionId))
        .map(rows -> rows.rowCount() == 0 ? Optional.<CatalogEntry>empty()
            : Optional.of(entry(rows.iterator().next()))));
  }

  @Override
  public Future<List<CatalogEntry>> list(long organizationId) {
    return PgCalls.mapped(pool.preparedQuery(LIST).execute(Tuple.of(organizationId))
        .map(rows -> {
          List<CatalogEntry> list = new ArrayList<>();
          rows.forEach(row -> list.add(entry(row)));
          return list;
        }));
  }

  @Override
  public Future<List<Claim>> claimOpenings(Instant now) {
    return claim(CLAIM_OPENINGS, now);
  }

  @Override
  public Future<List<Claim>> claimClosings(Instant now) {
    return claim(CLAIM_CLOSINGS, now);
  }

  private Future<List<Claim>> claim(String sql, Instant now) {
    return PgCalls.mapped(pool.preparedQuery(sql).execute(Tuple.of(PgAccountStore.utc(now))).map(rows -> {
      List<Claim> claims = new ArrayList<>();
      rows.forEach(row -> claims.add(new Claim(row.getString("session_id"), row.getLong("organization_id"))));
      return claims;
    }));
  }

  @Override
  public Future<Void> releaseClaim(String sessionId, boolean opening) {
    return PgCalls.mapped(pool.preparedQuery(opening ? RELEASE_OPENING : RELEASE_CLOSING)
        .execute(Tuple.of(sessionId)).mapEmpty());
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

  private static JsonArray leaders(List<Leader> leaders) {
    JsonArray array = new JsonArray();
    leaders.forEach(l -> array.add(new JsonObject().put("name", l.name()).put("title", l.title())));
    return array;
  }

  private static CatalogEntry entry(Row row) {
    List<Leader> leaders = new ArrayList<>();
    if (row.getValue("leaders") instanceof JsonArray array) {
      for (Object o : array) {
        if (o instanceof JsonObject l) {
          leaders.add(new Leader(l.getString("name", ""), l.getString("title", "")));
        }
      }
    }
    return new CatalogEntry(row.getString("session_id"), row.getLong("organization_id"), row.getString("title"),
        row.getString("place"), row.getString("agenda"), row.getString("series_slug"),
        instant(row.getOffsetDateTime("scheduled_start")), instant(row.getOffsetDateTime("scheduled_end")),
        instant(row.getOffsetDateTime("questions_open_from")), instant(row.getOffsetDateTime("published_at")),
        leaders);
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}

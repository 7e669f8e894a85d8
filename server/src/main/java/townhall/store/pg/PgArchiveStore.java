package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import townhall.store.ArchiveStore;

/** {@link ArchiveStore} on {@code archived_records} (the public copy) and {@code archived_full_records}. */
final class PgArchiveStore implements ArchiveStore {
  private final Pool pool;

  PgArchiveStore(Pool pool) {
    this.pool = pool;
  }

  /** The WHERE keeps the longer chain when two nodes archive the same session at once. */
  private static final String KEEP_PUBLISHED = "INSERT INTO archived_records (session_id, organization_id,"
      + " chain_length, final_hash, votes_final, record_json_gz, record_csv_gz, published_at)"
      + " VALUES ($1, (SELECT organization_id FROM catalog_sessions WHERE session_id = $1), $2, $3, $4, $5, $6, $7)"
      + " ON CONFLICT (session_id) DO UPDATE SET chain_length = EXCLUDED.chain_length,"
      + " final_hash = EXCLUDED.final_hash, votes_final = EXCLUDED.votes_final,"
      + " record_json_gz = EXCLUDED.record_json_gz, record_csv_gz = EXCLUDED.record_csv_gz,"
      + " published_at = EXCLUDED.published_at, archived_at = now(), withdrawn_at = NULL,"
      + " withdrawal_reason = NULL WHERE archived_records.chain_length <= EXCLUDED.chain_length"
      + " RETURNING session_id";
  /** A withdrawn record: only one archived before is brought up to date, and it stays withdrawn. */
  private static final String KEEP_WITHDRAWN = "UPDATE archived_records SET chain_length = $2, final_hash = $3,"
      + " votes_final = $4, record_json_gz = $5, record_csv_gz = $6, archived_at = now(),"
      + " withdrawn_at = coalesce(withdrawn_at, now()) WHERE session_id = $1 AND chain_length <= $2"
      + " RETURNING session_id";
  private static final String KEEP_FULL = "INSERT INTO archived_full_records (session_id, record_json_gz,"
      + " record_csv_gz) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO UPDATE SET"
      + " record_json_gz = EXCLUDED.record_json_gz, record_csv_gz = EXCLUDED.record_csv_gz";
  /** Publishing again changes nothing; after a withdrawal it publishes anew (as publish.lua does live). */
  private static final String REPUBLISH = "UPDATE archived_records SET published_at = CASE WHEN withdrawn_at IS NULL"
      + " THEN published_at ELSE now() END, withdrawn_at = NULL, withdrawal_reason = NULL WHERE session_id = $1"
      + " RETURNING published_at";

  @Override
  public Future<Void> keep(Archived r) {
    boolean published = r.publishedAt() != null;
    Tuple values = published
        ? Tuple.from(new Object[] {r.sessionId(), r.length(), r.finalHash(), r.votesFinal(),
            Buffer.buffer(r.publicJsonGz()), Buffer.buffer(r.publicCsvGz()),
            PgAccountStore.utc(Instant.ofEpochMilli(r.publishedAt()))})
        : Tuple.from(new Object[] {r.sessionId(), r.length(), r.finalHash(), r.votesFinal(),
            Buffer.buffer(r.publicJsonGz()), Buffer.buffer(r.publicCsvGz())});
    return PgCalls.mapped(pool.withTransaction(tx -> tx.preparedQuery(published ? KEEP_PUBLISHED : KEEP_WITHDRAWN)
        .execute(values)
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : tx.preparedQuery(KEEP_FULL)
                .execute(Tuple.of(r.sessionId(), Buffer.buffer(r.fullJsonGz()), Buffer.buffer(r.fullCsvGz())))))
        .mapEmpty());
  }

  @Override
  public Future<Optional<Long>> republish(String sessionId) {
    return PgCalls.mapped(pool.preparedQuery(REPUBLISH).execute(Tuple.of(sessionId))
        .map(rows -> rows.rowCount() == 0 ? Optional.<Long>empty()
            : Optional.of(millis(rows.iterator().next().getOffsetDateTime("published_at")))));
  }

  @Override
  public Future<Optional<Entry>> find(String sessionId) {
    return PgCalls.mapped(pool.preparedQuery("SELECT session_id, chain_length, final_hash, votes_final,"
            + " withdrawn_at, archived_at FROM archived_records WHERE session_id = $1").execute(Tuple.of(sessionId))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Entry(row.getString("session_id"), row.getLong("chain_length"),
              row.getString("final_hash"), row.getBoolean("votes_final"), millis(row.getOffsetDateTime("withdrawn_at")),
              millis(row.getOffsetDateTime("archived_at"))));
        }));
  }

  /** The two copies live in two tables (the full one is never read for the public); one fixed query each. */
  private static final String PUBLIC_CONTENT =
      "SELECT record_json_gz, record_csv_gz FROM archived_records WHERE session_id = $1";
  private static final String FULL_CONTENT =
      "SELECT record_json_gz, record_csv_gz FROM archived_full_records WHERE session_id = $1";

  @Override
  public Future<Optional<Content>> content(String sessionId, boolean full) {
    return PgCalls.mapped(pool.preparedQuery(full ? FULL_CONTENT : PUBLIC_CONTENT).execute(Tuple.of(sessionId))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Content(row.getBuffer("record_json_gz").getBytes(),
              row.getBuffer("record_csv_gz").getBytes()));
        }));
  }

  @Override
  public Future<Optional<Long>> withdraw(String sessionId, String reason) {
    return PgCalls.mapped(pool.preparedQuery("UPDATE archived_records SET withdrawn_at = coalesce(withdrawn_at,"
            + " now()), withdrawal_reason = $2 WHERE session_id = $1 RETURNING withdrawn_at")
        .execute(Tuple.of(sessionId, reason))
        .map(rows -> rows.rowCount() == 0 ? Optional.<Long>empty()
            : Optional.of(millis(rows.iterator().next().getOffsetDateTime("withdrawn_at")))));
  }

  private static Long millis(OffsetDateTime at) {
    return at == null ? null : at.toInstant().toEpochMilli();
  }
}

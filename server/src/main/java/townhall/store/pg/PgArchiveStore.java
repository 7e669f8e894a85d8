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

  @Override
  public Future<Void> keep(Archived r) {
    // the WHERE of the upsert keeps the longer chain when two nodes archive the same session at once
    return PgCalls.mapped(pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO archived_records (session_id,"
            + " organization_id, chain_length, final_hash, votes_final, record_json_gz, record_csv_gz, published_at)"
            + " VALUES ($1, (SELECT organization_id FROM catalog_sessions WHERE session_id = $1), $2, $3, $4, $5, $6,"
            + " $7) ON CONFLICT (session_id) DO UPDATE SET chain_length = EXCLUDED.chain_length,"
            + " final_hash = EXCLUDED.final_hash, votes_final = EXCLUDED.votes_final,"
            + " record_json_gz = EXCLUDED.record_json_gz, record_csv_gz = EXCLUDED.record_csv_gz,"
            + " published_at = EXCLUDED.published_at, archived_at = now(), withdrawn_at = NULL,"
            + " withdrawal_reason = NULL WHERE archived_records.chain_length <= EXCLUDED.chain_length"
            + " RETURNING session_id")
        .execute(Tuple.from(new Object[] {r.sessionId(), r.length(), r.finalHash(), r.votesFinal(),
            Buffer.buffer(r.publicJsonGz()), Buffer.buffer(r.publicCsvGz()),
            PgAccountStore.utc(Instant.ofEpochMilli(r.publishedAt()))}))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : tx.preparedQuery("INSERT INTO archived_full_records (session_id, record_json_gz, record_csv_gz)"
                    + " VALUES ($1, $2, $3) ON CONFLICT (session_id) DO UPDATE SET"
                    + " record_json_gz = EXCLUDED.record_json_gz, record_csv_gz = EXCLUDED.record_csv_gz")
                .execute(Tuple.of(r.sessionId(), Buffer.buffer(r.fullJsonGz()), Buffer.buffer(r.fullCsvGz())))))
        .mapEmpty());
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

package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Function;
import townhall.domain.DomainException;
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
                .execute(Tuple.of(r.sessionId(), Buffer.buffer(r.fullJsonGz()), Buffer.buffer(r.fullCsvGz())))
                .compose(done -> codes(tx, r))))
        .mapEmpty());
  }

  private static final String INSERT_CODE = "INSERT INTO follow_codes (code, session_id, question_id)"
      + " VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING";
  private static final String FIND_CODE = "SELECT session_id, question_id FROM follow_codes WHERE code = $1";

  /** The follow-up codes of the record's questions (a code already kept stays: it names the same question). */
  private static Future<?> codes(io.vertx.sqlclient.SqlConnection tx, Archived r) {
    if (r.followCodes().isEmpty()) {
      return Future.succeededFuture();
    }
    java.util.List<Tuple> rows = new java.util.ArrayList<>();
    r.followCodes().forEach((code, question) -> rows.add(Tuple.of(code, r.sessionId(), question)));
    return tx.preparedQuery(INSERT_CODE).executeBatch(rows);
  }

  @Override
  public Future<Optional<CodeOwner>> followCode(String code) {
    return PgCalls.mapped(pool.preparedQuery(FIND_CODE).execute(Tuple.of(code))
        .map(rows -> rows.rowCount() == 0 ? Optional.<CodeOwner>empty()
            : Optional.of(new CodeOwner(rows.iterator().next().getString("session_id"),
                rows.iterator().next().getString("question_id")))));
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

  private static final String LOCK_HEAD = "SELECT a.chain_length, a.final_hash, a.record_json_gz, a.record_csv_gz,"
      + " f.record_json_gz AS full_json_gz, f.record_csv_gz AS full_csv_gz FROM archived_records a"
      + " JOIN archived_full_records f USING (session_id) WHERE a.session_id = $1 FOR UPDATE OF a";
  private static final String FIND_REF =
      "SELECT n FROM archived_chain_appends WHERE session_id = $1 AND ref = $2";
  private static final String INSERT_APPEND =
      "INSERT INTO archived_chain_appends (session_id, n, entry, hash, ref) VALUES ($1, $2, $3, $4, $5)";
  private static final String UPDATE_PUBLIC = "UPDATE archived_records SET chain_length = $2, final_hash = $3,"
      + " record_json_gz = $4, record_csv_gz = $5, archived_at = now() WHERE session_id = $1 AND chain_length = $6";
  private static final String UPDATE_FULL =
      "UPDATE archived_full_records SET record_json_gz = $2, record_csv_gz = $3 WHERE session_id = $1";

  @Override
  public Future<Appended> append(String sessionId, String ref, Function<Head, Future<Rewrite>> rewrite) {
    // the row lock orders appends; the ref check and the head are read under it, so a retry racing its first try
    // finds the first one's entry
    return PgCalls.mapped(pool.withTransaction(tx -> tx.preparedQuery(LOCK_HEAD).execute(Tuple.of(sessionId))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.failedFuture(DomainException.notFound("No such session"));
          }
          Row row = rows.iterator().next();
          Head head = new Head(row.getLong("chain_length"), row.getString("final_hash"),
              new Content(row.getBuffer("record_json_gz").getBytes(), row.getBuffer("record_csv_gz").getBytes()),
              new Content(row.getBuffer("full_json_gz").getBytes(), row.getBuffer("full_csv_gz").getBytes()));
          return tx.preparedQuery(FIND_REF).execute(Tuple.of(sessionId, ref)).compose(found -> {
            if (found.rowCount() > 0) {
              return Future.succeededFuture(new Appended(found.iterator().next().getLong("n"), true));
            }
            return rewrite.apply(head).compose(r -> {
              if (r.n() != head.length() + 1) {
                return Future.failedFuture(new IllegalStateException("An append must number its entry "
                    + (head.length() + 1)));
              }
              return tx.preparedQuery(INSERT_APPEND).execute(Tuple.of(sessionId, r.n(), r.entry(), r.hash(), ref))
                  .compose(done -> tx.preparedQuery(UPDATE_PUBLIC).execute(Tuple.from(new Object[] {sessionId,
                      r.n(), r.hash(), Buffer.buffer(r.publicCopy().jsonGz()), Buffer.buffer(r.publicCopy().csvGz()),
                      head.length()})))
                  .compose(done -> tx.preparedQuery(UPDATE_FULL).execute(Tuple.of(sessionId,
                      Buffer.buffer(r.fullCopy().jsonGz()), Buffer.buffer(r.fullCopy().csvGz()))))
                  .map(done -> new Appended(r.n(), false));
            });
          });
        })));
  }

  private static Long millis(OffsetDateTime at) {
    return at == null ? null : at.toInstant().toEpochMilli();
  }
}

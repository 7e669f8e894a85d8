package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Iterator;
import java.util.Optional;
import townhall.store.SlipStore;

/** The photos of paper slips in {@code slip_photos} (V11). */
final class PgSlipStore implements SlipStore {
  private final Pool pool;

  PgSlipStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> keep(SlipPhoto photo) {
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO slip_photos (session_id, question_id, sha256, width, height,"
            + " bytes) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (session_id, question_id, sha256) DO NOTHING")
        .execute(Tuple.of(photo.sessionId(), photo.questionId(), photo.sha256(), photo.width(), photo.height(),
            Buffer.buffer(photo.jpeg())))
        .mapEmpty());
  }

  @Override
  public Future<Optional<SlipPhoto>> photo(String sessionId, String questionId, String sha256) {
    return PgCalls.mapped(pool.preparedQuery("SELECT session_id, question_id, sha256, width, height, bytes,"
            + " published_at IS NOT NULL AS published FROM slip_photos WHERE session_id = $1"
            + " AND question_id = $2 AND sha256 = $3").execute(Tuple.of(sessionId, questionId, sha256))
        .map(PgSlipStore::first));
  }

  @Override
  public Future<Integer> dropReplaced(String sessionId, String questionId, String keptSha256) {
    return PgCalls.mapped(pool.preparedQuery("DELETE FROM slip_photos WHERE session_id = $1 AND question_id = $2"
            + " AND sha256 <> $3 AND published_at IS NULL").execute(Tuple.of(sessionId, questionId, keptSha256))
        .map(rows -> rows.rowCount()));
  }

  @Override
  public Future<Boolean> markPublished(String sessionId, String questionId, String sha256) {
    return PgCalls.mapped(pool.preparedQuery("UPDATE slip_photos SET published_at = coalesce(published_at, now())"
            + " WHERE session_id = $1 AND question_id = $2 AND sha256 = $3")
        .execute(Tuple.of(sessionId, questionId, sha256)).map(rows -> rows.rowCount() == 1));
  }

  @Override
  public Future<Optional<SlipPhoto>> published(String sha256) {
    return PgCalls.mapped(pool.preparedQuery("SELECT session_id, question_id, sha256, width, height, bytes,"
            + " published_at IS NOT NULL AS published FROM slip_photos WHERE sha256 = $1"
            + " AND published_at IS NOT NULL ORDER BY published_at LIMIT 1").execute(Tuple.of(sha256))
        .map(PgSlipStore::first));
  }

  @Override
  public Future<Integer> dropUnpublished(String sessionId) {
    return PgCalls.mapped(pool.preparedQuery("DELETE FROM slip_photos WHERE session_id = $1 AND published_at IS NULL")
        .execute(Tuple.of(sessionId)).map(rows -> rows.rowCount()));
  }

  @Override
  public Future<Integer> dropSession(String sessionId) {
    return PgCalls.mapped(pool.preparedQuery("DELETE FROM slip_photos WHERE session_id = $1")
        .execute(Tuple.of(sessionId)).map(rows -> rows.rowCount()));
  }

  private static Optional<SlipPhoto> first(Iterable<Row> rows) {
    Iterator<Row> it = rows.iterator();
    if (!it.hasNext()) {
      return Optional.empty();
    }
    Row row = it.next();
    return Optional.of(new SlipPhoto(row.getString("session_id"), row.getString("question_id"),
        row.getString("sha256"), row.getInteger("width"), row.getInteger("height"),
        row.getBuffer("bytes").getBytes(), row.getBoolean("published")));
  }
}

package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import townhall.store.FollowSubscriptionStore;

/** {@link FollowSubscriptionStore} on the {@code follow_subscriptions} and {@code follow_notices} tables. */
final class PgFollowSubscriptionStore implements FollowSubscriptionStore {
  private final Pool pool;

  PgFollowSubscriptionStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Long>> subscribe(String sessionId, String questionId, String code, String email,
      String language, String confirmHash) {
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO follow_subscriptions (session_id, question_id, code, email,"
            + " language, confirm_hash) VALUES ($1, $2, $3, $4, $5, $6)"
            + " ON CONFLICT (session_id, question_id, email) DO UPDATE SET confirm_hash = EXCLUDED.confirm_hash,"
            + " language = EXCLUDED.language, created_at = now()"
            + " WHERE follow_subscriptions.confirmed_at IS NULL RETURNING id")
        .execute(Tuple.of(sessionId, questionId, code, email, language, confirmHash))
        .map(rows -> rows.size() == 0 ? Optional.<Long>empty()
            : Optional.of(rows.iterator().next().getLong("id"))));
  }

  @Override
  public Future<Boolean> confirm(String code, String confirmHash, Instant notBefore) {
    return PgCalls.mapped(pool.preparedQuery("UPDATE follow_subscriptions SET confirmed_at = now(),"
            + " confirm_hash = NULL WHERE code = $1 AND confirm_hash = $2 AND created_at >= $3")
        .execute(Tuple.of(code, confirmHash, time(notBefore))).map(rows -> rows.rowCount() > 0));
  }

  @Override
  public Future<Boolean> unsubscribe(long id) {
    return PgCalls.mapped(pool.preparedQuery("DELETE FROM follow_subscriptions WHERE id = $1")
        .execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0));
  }

  @Override
  public Future<List<Subscriber>> confirmed(String sessionId, String questionId) {
    return PgCalls.mapped(pool.preparedQuery("SELECT id, email, language, code FROM follow_subscriptions"
            + " WHERE session_id = $1 AND question_id = $2 AND confirmed_at IS NOT NULL ORDER BY id")
        .execute(Tuple.of(sessionId, questionId)).map(rows -> {
          List<Subscriber> list = new ArrayList<>();
          for (Row row : rows) {
            list.add(new Subscriber(row.getLong("id"), row.getString("email"), row.getString("language"),
                row.getString("code")));
          }
          return list;
        }));
  }

  @Override
  public Future<Boolean> claim(long id, String stepKey) {
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO follow_notices (subscription_id, step_key) VALUES ($1, $2)"
            + " ON CONFLICT DO NOTHING").execute(Tuple.of(id, stepKey)).map(rows -> rows.rowCount() > 0))
        // the subscriber was deleted meanwhile (unsubscribed, or the follow-up ended): nothing to send
        .recover(e -> isMissingSubscriber(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  @Override
  public Future<Void> release(long id, String stepKey) {
    return PgCalls.mapped(pool.preparedQuery("DELETE FROM follow_notices WHERE subscription_id = $1"
        + " AND step_key = $2").execute(Tuple.of(id, stepKey)).mapEmpty());
  }

  @Override
  public Future<Integer> end(String sessionId, String questionId) {
    return PgCalls.mapped(pool.preparedQuery("DELETE FROM follow_subscriptions WHERE session_id = $1"
        + " AND question_id = $2").execute(Tuple.of(sessionId, questionId)).map(rows -> rows.rowCount()));
  }

  @Override
  public Future<Integer> sweep(Instant unconfirmedBefore, Instant confirmedBefore) {
    return PgCalls.mapped(pool.preparedQuery("DELETE FROM follow_subscriptions WHERE (confirmed_at IS NULL"
            + " AND created_at < $1) OR confirmed_at < $2")
        .execute(Tuple.of(time(unconfirmedBefore), time(confirmedBefore))).map(rows -> rows.rowCount()));
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static boolean isMissingSubscriber(Throwable e) {
    // PgCalls maps a broken foreign key to bad_request
    return e instanceof townhall.domain.DomainException d && d.code() == townhall.domain.ErrorCode.BAD_REQUEST;
  }
}

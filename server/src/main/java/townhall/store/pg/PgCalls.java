package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;

/**
 * The one place where PostgreSQL failures become domain errors: a unique key taken is {@code conflict}, a broken
 * check or foreign key {@code bad_request}, anything else (no connection, timeout, server down) {@code unavailable}:
 * nothing was applied.
 */
final class PgCalls {
  private PgCalls() {
  }

  static <T> Future<T> mapped(Future<T> call) {
    return call.recover(PgCalls::failure);
  }

  private static <T> Future<T> failure(Throwable e) {
    if (e instanceof DomainException) {
      return Future.failedFuture(e);
    }
    if (e instanceof PgException pg && pg.getSqlState() != null) {
      switch (pg.getSqlState()) {
        case "23505":
          return Future.failedFuture(new DomainException(ErrorCode.CONFLICT, "It exists already"));
        case "23503", "23514", "22001", "22007", "22008":
          return Future.failedFuture(DomainException.badRequest("The request does not fit: " + pg.getErrorMessage()));
        default:
          break;
      }
    }
    return Future.failedFuture(DomainException.unavailable(e));
  }
}

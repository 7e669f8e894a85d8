package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.org.AuditEntry;
import townhall.store.AuditLog;

/** {@link AuditLog} on the {@code audit_log} table. */
final class PgAuditLog implements AuditLog {
  private final Pool pool;

  PgAuditLog(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> append(String actor, Long organizationId, String action, String subject) {
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO audit_log (actor, organization_id, action, subject)"
        + " VALUES ($1, $2, $3, $4)").execute(Tuple.of(actor, organizationId, action, subject)).mapEmpty());
  }

  @Override
  public Future<List<AuditEntry>> recent(long organizationId, int limit) {
    return PgCalls.mapped(pool.preparedQuery("SELECT at, actor, organization_id, action, subject FROM audit_log"
            + " WHERE organization_id = $1 ORDER BY id DESC LIMIT $2").execute(Tuple.of(organizationId, limit))
        .map(rows -> {
          List<AuditEntry> list = new ArrayList<>();
          rows.forEach(row -> list.add(new AuditEntry(row.getOffsetDateTime("at").toInstant(), row.getString("actor"),
              row.getLong("organization_id"), row.getString("action"), row.getString("subject"))));
          return list;
        }));
  }
}

package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import townhall.domain.org.AuditEntry;

/** Who did what (PostgreSQL); append-only. */
public interface AuditLog {

  Future<Void> append(String actor, Long organizationId, String action, String subject);

  /** The newest {@code limit} entries of an organization, newest first. */
  Future<List<AuditEntry>> recent(long organizationId, int limit);
}

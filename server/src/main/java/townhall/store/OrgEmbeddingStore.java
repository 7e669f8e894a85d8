package townhall.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * The sites that may embed the resident widget of every session of an organization (PostgreSQL): origins checked
 * and normalised by the caller ({@link townhall.domain.StreamSettings#embedOrigins}), replaced whole. Futures fail
 * with {@code unavailable} when the store cannot be reached.
 */
public interface OrgEmbeddingStore {

  /** The organization's embedding origins; empty when it never set any. */
  Future<List<String>> origins(long organizationId);

  /** The embedding origins of the organization whose catalog holds the session; empty for none or no catalog. */
  Future<List<String>> originsOfSession(String sessionId);

  /** Replaces the organization's embedding origins. */
  Future<Void> replace(long organizationId, List<String> origins);
}

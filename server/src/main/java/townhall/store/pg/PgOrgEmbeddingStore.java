package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import townhall.store.OrgEmbeddingStore;

/** {@link OrgEmbeddingStore} on the {@code org_embed_origins} table (one row per organization that set some). */
final class PgOrgEmbeddingStore implements OrgEmbeddingStore {
  private static final String OF = "SELECT origins FROM org_embed_origins WHERE organization_id = $1";
  /** One indexed look-up per widget page: the catalog's organization and its origins at once. */
  private static final String OF_SESSION = "SELECT e.origins FROM catalog_sessions c"
      + " JOIN org_embed_origins e ON e.organization_id = c.organization_id WHERE c.session_id = $1";
  private static final String REPLACE = "INSERT INTO org_embed_origins (organization_id, origins) VALUES ($1, $2)"
      + " ON CONFLICT (organization_id) DO UPDATE SET origins = EXCLUDED.origins, updated_at = now()";

  private final Pool pool;

  PgOrgEmbeddingStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<String>> origins(long organizationId) {
    return PgCalls.mapped(pool.preparedQuery(OF).execute(Tuple.of(organizationId)).map(PgOrgEmbeddingStore::origins));
  }

  @Override
  public Future<List<String>> originsOfSession(String sessionId) {
    return PgCalls.mapped(pool.preparedQuery(OF_SESSION).execute(Tuple.of(sessionId))
        .map(PgOrgEmbeddingStore::origins));
  }

  @Override
  public Future<Void> replace(long organizationId, List<String> origins) {
    return PgCalls.mapped(pool.preparedQuery(REPLACE)
        .execute(Tuple.of(organizationId, new JsonArray(new ArrayList<Object>(origins)))).mapEmpty());
  }

  private static List<String> origins(RowSet<Row> rows) {
    if (rows.rowCount() == 0) {
      return List.of();
    }
    List<String> origins = new ArrayList<>();
    if (rows.iterator().next().getValue("origins") instanceof JsonArray array) {
      array.forEach(o -> origins.add((String) o));
    }
    return origins;
  }
}

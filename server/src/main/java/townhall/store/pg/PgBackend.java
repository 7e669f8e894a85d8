package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import townhall.config.TownhallConfig;
import townhall.store.AccountStore;
import townhall.store.ArchiveStore;
import townhall.store.AuditLog;
import townhall.store.CatalogStore;
import townhall.store.OrganizationStore;
import townhall.store.StoreHealth;

/**
 * The PostgreSQL side of a node: migrates the schema (Flyway over JDBC, on a worker thread, before the node serves),
 * then one reactive pool ({@code vertx-pg-client}) for every store. The only code that names a PostgreSQL client.
 */
public final class PgBackend {
  private final Pool pool;

  private PgBackend(Pool pool) {
    this.pool = pool;
  }

  /** Migrates the database at {@code url}, then connects. */
  public static Future<PgBackend> connect(Vertx vertx, String url, TownhallConfig.Database config) {
    return vertx.executeBlocking(() -> Migrations.migrate(url), false).map(applied -> {
      PgConnectOptions options = PgUrls.reactive(url).setReconnectAttempts(0)
          .setCachePreparedStatements(true);
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.poolSize()).setConnectionTimeout(5)
          .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS)).connectingTo(options).using(vertx).build();
      return new PgBackend(pool);
    });
  }

  public OrganizationStore organizations() {
    return new PgOrganizationStore(pool);
  }

  public AccountStore accounts() {
    return new PgAccountStore(pool);
  }

  public townhall.store.ClassificationStore classifications() {
    return new PgClassificationStore(pool);
  }

  /** The sites that may embed the resident widget of an organization's sessions. */
  public townhall.store.OrgEmbeddingStore orgEmbedding() {
    return new PgOrgEmbeddingStore(pool);
  }

  public CatalogStore catalog() {
    return new PgCatalogStore(pool);
  }

  /** Published records kept after their session leaves Redis. */
  public ArchiveStore archive() {
    return new PgArchiveStore(pool);
  }

  /** The photos of paper slips a clerk attached (issue 17). */
  public townhall.store.SlipStore slips() {
    return new PgSlipStore(pool);
  }

  /** The agencies' desk: inbox projection, drafts, settings, reminder claims. */
  public townhall.store.InboxStore inbox() {
    return new PgInboxStore(pool);
  }

  /** Askers' email addresses for their questions' follow-up (never anywhere else). */
  public townhall.store.FollowSubscriptionStore followSubscriptions() {
    return new PgFollowSubscriptionStore(pool);
  }

  /** What the public follow-up tracker reads besides the archived records' content. */
  public townhall.store.TrackerStore tracker() {
    return new PgTrackerStore(pool);
  }

  public AuditLog audit() {
    return new PgAuditLog(pool);
  }

  /** Succeeds when PostgreSQL answers {@code SELECT 1}. */
  public StoreHealth health() {
    return () -> PgCalls.mapped(pool.query("SELECT 1").execute()).mapEmpty();
  }

  public Future<Void> close() {
    return pool.close();
  }
}

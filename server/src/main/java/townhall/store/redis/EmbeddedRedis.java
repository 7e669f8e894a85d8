package townhall.store.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;
import redis.embedded.RedisExecProvider;
import redis.embedded.RedisServer;
import redis.embedded.RedisServerBuilder;
import redis.embedded.util.OS;

/**
 * The zero-set-up default: a Redis 7 child process on a free loopback port, keeping its append-only file in a
 * data folder so a restart of the server keeps every session. A Redis left running by a server that was killed
 * is stopped first, found through the pid file in the same folder.
 *
 * <p>{@code appendfsync always}: every acknowledged write is on disk before the answer leaves Redis, so not even a
 * power cut loses one (with {@code everysec} a crash of the machine could lose the last second). Redis groups the
 * fsyncs of one event-loop pass, so this costs little at a town hall's write rate (see docs/operations.md).
 *
 * <p>Only the server's user can reach it: it asks for a password (given by the caller, kept in the node's keys
 * folder), its folder is {@code 0700}, and it runs with the file mode mask {@code 077}, so its append-only files,
 * its configuration (which holds the password) and its pid file are {@code 0600}.
 */
public final class EmbeddedRedis {
  private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());

  private static final String CONFIG_FILE = "redis.conf";
  private static final String LAUNCHER = "redis-server.sh";

  private final RedisServer server;
  private final int port;
  private final String password;

  private EmbeddedRedis(RedisServer server, int port, String password) {
    this.server = server;
    this.port = port;
    this.password = password;
  }

  /**
   * Starts Redis with its files in {@code dataDir} (created if missing, made {@code 0700}), asking clients for
   * {@code password}. Blocking: call it before Vert.x runs.
   */
  public static EmbeddedRedis start(Path dataDir, String password) throws IOException {
    if (!password.matches("[A-Za-z0-9_-]{16,}")) {
      throw new IllegalArgumentException("The embedded Redis needs a password of 16 or more URL-safe characters");
    }
    Path dir = dataDir.toAbsolutePath();
    Files.createDirectories(dir);
    restrict(dir, "rwx------");
    stopOrphan(dir.resolve("redis.pid"));
    int port = freePort();
    List<String> settings = List.of("bind 127.0.0.1", "dir " + dir, "pidfile " + dir.resolve("redis.pid"),
        "appendonly yes", "appendfsync always", "save \"\"", "maxmemory-policy noeviction",
        "requirepass " + password);
    RedisServer server;
    if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
      Path config = dir.resolve(CONFIG_FILE);
      Files.deleteIfExists(config);
      Files.createFile(config);
      restrict(config, "rw-------");
      Files.write(config, settings);
      server = new RedisServer(privateLauncher(dir, config), port);
    } else {
      RedisServerBuilder builder = RedisServer.builder().port(port);
      settings.stream().filter(setting -> !setting.startsWith("bind ")).forEach(builder::setting);
      server = builder.build();
    }
    server.start();
    restrictFiles(dir);
    LOG.info(() -> "Embedded Redis on 127.0.0.1:" + port + " with its data in " + dir);
    return new EmbeddedRedis(server, port, password);
  }

  /** The Redis URL, password included. */
  public String url() {
    return "redis://:" + password + "@127.0.0.1:" + port;
  }

  /**
   * Runs the bundled Redis with our configuration file (private: it holds the password; the library would write
   * its settings to a temporary file anyone may read) through a small shell script that sets the file mode mask to
   * {@code 077} first (Java cannot set a child's mask), so files Redis makes later (an AOF rewrite's) are private too.
   */
  private static RedisExecProvider privateLauncher(Path dir, Path config) throws IOException {
    String executable = RedisExecProvider.defaultProvider().get().getAbsolutePath();
    Path launcher = dir.resolve(LAUNCHER);
    Files.writeString(launcher, "#!/bin/sh\numask 077\nexec " + quoted(executable) + " " + quoted(config.toString())
        + " \"$@\"\n");
    restrict(launcher, "rwx------");
    return RedisExecProvider.defaultProvider().override(OS.UNIX, launcher.toString())
        .override(OS.MAC_OS_X, launcher.toString());
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /** Files an older version left readable by others (its AOF was 0644) become owner-only. */
  private static void restrictFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        restrict(file, "rw-------");
      }
    }
    try (Stream<Path> dirs = Files.walk(dir)) {
      for (Path sub : dirs.filter(Files::isDirectory).toList()) {
        restrict(sub, "rwx------");
      }
    }
  }

  private static void restrict(Path path, String permissions) throws IOException {
    if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }

  public void stop() {
    server.stop();
  }

  private static void stopOrphan(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    String text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
    Files.deleteIfExists(pidFile);
    if (!text.matches("\\d+")) {
      return;
    }
    ProcessHandle.of(Long.parseLong(text))
        .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
        .ifPresent(orphan -> {
          LOG.warning(() -> "Stopping an embedded Redis left running by an earlier server (pid " + orphan.pid() + ")");
          orphan.destroy();
          orphan.onExit().join();
        });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

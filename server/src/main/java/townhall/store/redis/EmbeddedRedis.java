package townhall.store.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import redis.embedded.RedisServer;

/**
 * The zero-set-up default: a Redis 7 child process on a free loopback port, keeping its append-only file in a
 * data folder so a restart of the server keeps every session. A Redis left running by a server that was killed
 * is stopped first, found through the pid file in the same folder.
 *
 * <p>{@code appendfsync always}: every acknowledged write is on disk before the answer leaves Redis, so not even a
 * power cut loses one (with {@code everysec} a crash of the machine could lose the last second). Redis groups the
 * fsyncs of one event-loop pass, so this costs little at a town hall's write rate (see docs/operations.md).
 */
public final class EmbeddedRedis {
  private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());

  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts Redis with its files in {@code dataDir} (created if missing). Blocking: call it before Vert.x runs. */
  public static EmbeddedRedis start(Path dataDir) throws IOException {
    Path dir = dataDir.toAbsolutePath();
    Files.createDirectories(dir);
    stopOrphan(dir.resolve("redis.pid"));
    int port = freePort();
    RedisServer server = RedisServer.builder().port(port)
        .setting("bind 127.0.0.1")
        .setting("dir " + dir)
        .setting("pidfile " + dir.resolve("redis.pid"))
        .setting("appendonly yes")
        .setting("appendfsync always")
        .setting("save \"\"")
        .setting("maxmemory-policy noeviction")
        .build();
    server.start();
    LOG.info(() -> "Embedded Redis on 127.0.0.1:" + port + " with its data in " + dir);
    return new EmbeddedRedis(server, port);
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
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

package townhall.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real Redis 7 server started by the test itself on a free loopback port (never a Redis the test did not start),
 * without persistence. Stop it in {@code @AfterAll}.
 */
public final class TestRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;
  private final Path dir;

  private TestRedis(RedisServer server, int port, Path dir) {
    this.server = server;
    this.port = port;
    this.dir = dir;
  }

  public static TestRedis start() {
    try {
      int port = freePort();
      Path dir = Files.createTempDirectory("townhall-test-redis");
      RedisServer server = RedisServer.builder().port(port).setting("bind 127.0.0.1").setting("save \"\"")
          .setting("appendonly no").setting("dir " + dir).build();
      server.start();
      return new TestRedis(server, port, dir);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start a test Redis", e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

package townhall.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's nginx (at {@value #NGINX}) run by the test in front of some nodes with the project's own
 * {@code config/nginx/townhall.conf}: only its upstream servers and listen address are replaced, so the test proves
 * the shipped configuration. Runs in the foreground with every file in a temporary folder of its own.
 */
public final class NginxProxy implements AutoCloseable {
  public static final String NGINX = "/usr/sbin/nginx";
  private static final Path SHIPPED = Path.of("..", "config", "nginx", "townhall.conf");
  private static final long START_SECONDS = 15;

  private final Path dir;
  private final int port;
  private final Process process;

  private NginxProxy(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts nginx on a free loopback port proxying to the nodes on {@code nodePorts}; waits until it answers. */
  public static NginxProxy start(List<Integer> nodePorts) {
    if (!Files.isExecutable(Path.of(NGINX))) {
      throw new IllegalStateException(NGINX + " is missing: apt-get install nginx-light (see README)");
    }
    try {
      Path dir = Files.createTempDirectory("townhall-nginx");
      int port = freePort();
      String upstreams = nodePorts.stream()
          .map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
          .collect(Collectors.joining("\n"));
      String site = Files.readString(SHIPPED, StandardCharsets.UTF_8)
          .replaceAll("(?m)^\\s*server 127\\.0\\.0\\.1:\\d+ [^\\n]*\\n", "")
          .replace("upstream townhall {", "upstream townhall {\n" + upstreams)
          .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
      Files.writeString(dir.resolve("townhall.conf"), site);
      Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
          "daemon off;",
          "worker_processes 1;",
          "pid " + dir.resolve("nginx.pid") + ";",
          "error_log " + dir.resolve("error.log") + " warn;",
          "events { worker_connections 512; }",
          "http {",
          "  access_log off;",
          "  client_body_temp_path " + dir.resolve("body") + ";",
          "  proxy_temp_path " + dir.resolve("proxy") + ";",
          "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
          "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
          "  scgi_temp_path " + dir.resolve("scgi") + ";",
          "  include " + dir.resolve("townhall.conf") + ";",
          "}", ""));
      Process process = new ProcessBuilder(NGINX, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
          "-e", dir.resolve("error.log").toString()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("stdout.log").toFile()).start();
      NginxProxy proxy = new NginxProxy(dir, port, process);
      proxy.awaitAnswering();
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start nginx", e);
    }
  }

  private void awaitAnswering() {
    Api api = new Api(port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (FaultNodes.health(api) != 200) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new AssertionError("nginx did not proxy /health within " + START_SECONDS + " s: " + log());
      }
      Thread.onSpinWait();
    }
  }

  public int port() {
    return port;
  }

  public String log() {
    try (Stream<Path> logs = Files.list(dir)) {
      return logs.filter(p -> p.toString().endsWith(".log")).map(p -> {
        try {
          return p.getFileName() + ":\n" + Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
          return p.getFileName() + ": " + e.getMessage();
        }
      }).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

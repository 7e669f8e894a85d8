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
 * {@code config/nginx/townhall.conf}: only its upstream servers, listen addresses and certificate (a self-signed
 * one made by {@code openssl} for 127.0.0.1) are replaced, so the test proves the shipped configuration. The HTTPS
 * server also listens in plain HTTP on {@link #port()}, so tests of proxying need no TLS client; its own HTTPS port
 * is {@link #tlsPort()} and the shipped plain-HTTP server (the redirect) is on {@link #redirectPort()}. Runs in the
 * foreground with every file in a temporary folder of its own.
 */
public final class NginxProxy implements AutoCloseable {
  public static final String NGINX = "/usr/sbin/nginx";
  private static final Path SHIPPED = Path.of("..", "config", "nginx", "townhall.conf");
  private static final long START_SECONDS = 15;

  private final Path dir;
  private final int port;
  private final int tlsPort;
  private final int redirectPort;
  private final Process process;

  private NginxProxy(Path dir, int port, int tlsPort, int redirectPort, Process process) {
    this.dir = dir;
    this.port = port;
    this.tlsPort = tlsPort;
    this.redirectPort = redirectPort;
    this.process = process;
  }

  /**
   * Starts nginx on a free loopback port proxying to the nodes on {@code nodePorts}; waits until it answers. Without
   * Debian's nginx the calling test is skipped, naming the package ({@link DebianPackages}).
   */
  public static NginxProxy start(List<Integer> nodePorts) {
    DebianPackages.assumeInstalled(Path.of(NGINX), "nginx-light", "Proving the shipped nginx configuration");
    try {
      Path dir = Files.createTempDirectory("townhall-nginx");
      int port = freePort();
      int tlsPort = freePort();
      int redirectPort = freePort();
      selfSignedCertificate(dir);
      String upstreams = nodePorts.stream()
          .map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
          .collect(Collectors.joining("\n"));
      String site = Files.readString(SHIPPED, StandardCharsets.UTF_8)
          .replaceAll("(?m)^\\s*server 127\\.0\\.0\\.1:\\d+ [^\\n]*\\n", "")
          .replace("upstream townhall {", "upstream townhall {\n" + upstreams)
          .replace("listen 80;", "listen 127.0.0.1:" + redirectPort + ";")
          .replace("listen 443 ssl;", "listen 127.0.0.1:" + tlsPort + " ssl;\n    listen 127.0.0.1:" + port + ";")
          .replaceAll("ssl_certificate +/\\S+;", "ssl_certificate " + dir.resolve("cert.pem") + ";")
          .replaceAll("ssl_certificate_key +/\\S+;", "ssl_certificate_key " + dir.resolve("key.pem") + ";");
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
      NginxProxy proxy = new NginxProxy(dir, port, tlsPort, redirectPort, process);
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

  /** The shipped HTTPS server's locations, in plain HTTP. */
  public int port() {
    return port;
  }

  /** The shipped HTTPS server, with the certificate of {@link #certificate()}. */
  public int tlsPort() {
    return tlsPort;
  }

  /** The shipped plain-HTTP server (it only redirects to HTTPS). */
  public int redirectPort() {
    return redirectPort;
  }

  /** The self-signed certificate nginx presents (PEM), valid for 127.0.0.1 and the shipped server_name. */
  public Path certificate() {
    return dir.resolve("cert.pem");
  }

  private static void selfSignedCertificate(Path dir) throws IOException {
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=townhall.example.gov.vn",
        "-addext", "subjectAltName=DNS:townhall.example.gov.vn,IP:127.0.0.1",
        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
    try {
      if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
        throw new IOException("openssl could not make a test certificate: "
            + Files.readString(dir.resolve("openssl.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
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

package townhall.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} ({@link RedisBinary}: Debian's when installed, else the one embedded-redis ships) run by the
 * test itself as a child process, on a free loopback port, with the append-only file fsynced on every write ({@code appendfsync always}) in a temporary folder of its
 * own, so the test can freeze it (SIGSTOP/SIGCONT), kill it ({@code kill -9}) and start it again on the same data
 * and port.
 *
 * <p>Only ever signals the one process it started (by its PID), never any other Redis: a system Redis may be
 * running on 6379 and is left alone. {@link #close()} kills the process if it still runs and deletes the folder; a
 * JVM shutdown hook does the same if the test run dies first.
 *
 * <p>The same helper starts replicas and cluster nodes (extra command-line arguments) and Sentinels (a
 * configuration file of their own in the folder).
 */
public final class RedisProcess implements AutoCloseable {
  private static final long START_SECONDS = 15;
  private static final String SENTINEL_CONFIG = "sentinel.conf";

  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private final boolean sentinel;
  private final Thread cleanup;
  private Process process;
  private boolean stopped;

  private RedisProcess(int port, Path dir, List<String> extraArgs, boolean sentinel) {
    this.port = port;
    this.dir = dir;
    this.extraArgs = List.copyOf(extraArgs);
    this.sentinel = sentinel;
    this.cleanup = new Thread(this::destroyQuietly, "redis-process-cleanup-" + port);
  }

  /** Starts a fresh Redis on a free loopback port and waits until it answers PING. */
  public static RedisProcess start() {
    return start(new String[0]);
  }

  /**
   * Starts a fresh Redis with {@code extraArgs} added to its command line ({@code --replicaof 127.0.0.1 <port>},
   * {@code --cluster-enabled yes}, ...) and waits until it answers PING.
   */
  public static RedisProcess start(String... extraArgs) {
    return launchNew(List.of(extraArgs), false, List.of());
  }

  /**
   * Starts a Redis Sentinel ({@code redis-server <file> --sentinel}) on a free loopback port, its configuration
   * file holding {@code configLines} ({@code sentinel monitor ...}; Sentinel rewrites the file as it learns), and
   * waits until it answers PING.
   */
  public static RedisProcess startSentinel(String... configLines) {
    return launchNew(List.of(), true, List.of(configLines));
  }

  private static RedisProcess launchNew(List<String> extraArgs, boolean sentinel, List<String> configLines) {
    Path dir;
    int port;
    try {
      dir = Files.createTempDirectory(sentinel ? "townhall-fault-sentinel" : "townhall-fault-redis");
      port = freePort();
      if (sentinel) {
        Files.write(dir.resolve(SENTINEL_CONFIG), configLines, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot prepare a Redis process", e);
    }
    RedisProcess redis = new RedisProcess(port, dir, extraArgs, sentinel);
    Runtime.getRuntime().addShutdownHook(redis.cleanup);
    try {
      redis.launch();
    } catch (RuntimeException | Error e) {
      redis.close();
      throw e;
    }
    return redis;
  }

  private void launch() {
    Path server = RedisBinary.server();
    List<String> command = new ArrayList<>(List.of(server.toString()));
    if (sentinel) {
      command.addAll(List.of(dir.resolve(SENTINEL_CONFIG).toString(), "--sentinel"));
    }
    command.addAll(List.of(
        "--port", String.valueOf(port),
        "--bind", "127.0.0.1",
        "--dir", dir.toString(),
        "--daemonize", "no",
        "--logfile", ""));
    if (!sentinel) {
      command.addAll(List.of(
          "--save", "",
          "--appendonly", "yes",
          "--appendfsync", "always",
          "--enable-debug-command", "local",
          "--maxmemory-policy", "noeviction"));
    }
    command.addAll(extraArgs);
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + server, e);
    }
    stopped = false;
    waitUntilPingable();
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The PID of the running (or last) redis-server process this object started. */
  public long pid() {
    return process.pid();
  }

  public Path dir() {
    return dir;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Waits until Redis answers PING with PONG (not LOADING); fails after 15 s or if the process died. */
  public void waitUntilPingable() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (!pingable()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + log());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Redis on port " + port + " did not answer PING within " + START_SECONDS + " s: "
            + log());
      }
      Thread.onSpinWait();
    }
  }

  /** One PING over a fresh connection (with a short timeout): true when the answer is PONG. */
  public boolean pingable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[64];
      int n = in.read(reply);
      return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops Redis gracefully (SIGTERM; a frozen one is resumed first) and waits for the process to end. */
  public void stop() {
    if (isAlive()) {
      signal("CONT");
      process.destroy();
      awaitExit();
    }
    stopped = true;
  }

  /** Kills Redis with SIGKILL ({@code kill -9}) and waits for the process to end. */
  public void kill9() {
    if (isAlive()) {
      signal("KILL");
      awaitExit();
    }
    stopped = true;
  }

  /** Freezes Redis (SIGSTOP): its sockets stay open, nothing answers. */
  public void sigstop() {
    requireAlive();
    signal("STOP");
  }

  /** Resumes a frozen Redis (SIGCONT). */
  public void sigcont() {
    requireAlive();
    signal("CONT");
  }

  /**
   * Starts Redis again on the same folder (so it loads the append-only file) and the same port, and waits until it
   * answers PING. The previous process must have ended ({@link #stop()} or {@link #kill9()}).
   */
  public void restartSameDirAndPort() {
    if (isAlive()) {
      throw new IllegalStateException("Redis on port " + port + " still runs; stop or kill it first");
    }
    launch();
  }

  /**
   * Sends one command ({@code args}) on a connection of its own and answers the reply as {@code redis-cli -p <port>
   * args...} would print it, trimmed ({@link RespClient}).
   */
  public String cli(String... args) {
    return RespClient.command(port, List.of(args));
  }

  /** A field of {@code INFO <section>} ({@code role}, {@code master_link_status}, ...), or {@code null}. */
  public String info(String section, String field) {
    for (String line : cli("INFO", section).split("\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).trim();
      }
    }
    return null;
  }

  /** The server's log so far (for failure messages). */
  public String log() {
    try {
      Path file = dir.resolve("redis.log");
      return Files.exists(file) ? Files.readString(file) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Kills the process if it still runs (it may be frozen) and deletes the folder. */
  @Override
  public void close() {
    destroyQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException ignored) {
      // the JVM is already shutting down: the hook runs or ran
    }
  }

  private void destroyQuietly() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly(); // SIGKILL is delivered to a stopped process too
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopped = true;
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless
    }
  }

  /** Sends a signal to the process this object started, and only to it. */
  private void signal(String name) {
    long pid = process.pid();
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
      String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid + " failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run kill", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        throw new AssertionError("redis-server " + process.pid() + " did not exit within 15 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void requireAlive() {
    if (!isAlive()) {
      throw new IllegalStateException("Redis on port " + port + " is not running" + (stopped ? " (stopped)" : ""));
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

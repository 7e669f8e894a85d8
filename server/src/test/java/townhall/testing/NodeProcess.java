package townhall.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Townhall node run by the test as a JVM process of its own ({@code java townhall.Main} on the test classpath),
 * configured through the environment as an operator would, so a test can kill it ({@code kill -9}), stop it with
 * SIGTERM and start it again on the same port. Its output goes to a log file that failures quote.
 *
 * <p>Only ever signals the one process it started. {@link #close()} kills it if it still runs; a JVM shutdown hook
 * does the same if the test run dies first.
 */
public final class NodeProcess implements AutoCloseable {
  private static final long START_SECONDS = 40;

  private final int port;
  private final Map<String, String> env;
  private final Path log;
  private final Thread cleanup;
  private Process process;

  private NodeProcess(int port, Map<String, String> env, Path log) {
    this.port = port;
    this.env = env;
    this.log = log;
    this.cleanup = new Thread(this::kill, "node-process-cleanup-" + port);
  }

  private static final Map<String, Path> DATA_DIRS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<String, String> DATABASES = new java.util.concurrent.ConcurrentHashMap<>();
  private static TestPostgres postgres;

  /** One PostgreSQL for every node process of this JVM, stopped when the JVM ends. */
  private static synchronized TestPostgres sharedPostgres() {
    if (postgres == null) {
      postgres = TestPostgres.start();
      TestPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "node-process-postgres"));
    }
    return postgres;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("townhall-node-data");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot make a node's data folder", e);
    }
  }

  /**
   * Starts a node on a free loopback port against {@code redisUrl} with key prefix {@code prefix}, the fault tests'
   * heartbeat, the test admin token and {@code settings} (environment variables, e.g.
   * {@code TOWNHALL_SERVER_DRAINMS}); waits until its {@code /health} answers 200.
   */
  public static NodeProcess start(String redisUrl, String prefix, Map<String, String> settings) {
    Path log;
    int port;
    Path dataDir;
    try {
      log = Files.createTempFile("townhall-node", ".log");
      port = freePort();
      dataDir = DATA_DIRS.computeIfAbsent(prefix, p -> tempDir());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot prepare a node process", e);
    }
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "PORT", String.valueOf(port),
        "REDIS_URL", redisUrl,
        "TOWNHALL_ADMIN_TOKEN", TestNodes.ADMIN_TOKEN,
        "TOWNHALL_SECURITY_TOKENSECRET", TestNodes.TOKEN_SECRET,
        "TOWNHALL_SECURITY_ADDRESSHASHKEY", TestNodes.ADDRESS_HASH_KEY,
        "TOWNHALL_METRICS_PORT", "0",
        "TOWNHALL_SERVER_HOST", "127.0.0.1",
        "TOWNHALL_REDIS_KEYPREFIX", prefix,
        "TOWNHALL_DELIVERY_PRESENCEHEARTBEATMS", String.valueOf(FaultNodes.HEARTBEAT_MS)));
    // the nodes of one test share a data folder of their own and a PostgreSQL database started by this JVM: an
    // embedded PostgreSQL per node process would outlive a node killed with -9, and ./data is the repository's
    env.put("TOWNHALL_SERVER_DATADIR", dataDir.toString());
    env.put("DATABASE_URL", DATABASES.computeIfAbsent(prefix, p -> sharedPostgres().freshDatabase()));
    TestNodes.NO_RATE_LIMITS.forEach((key, value) ->
        env.put("TOWNHALL_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), String.valueOf(value)));
    env.putAll(settings);
    NodeProcess node = new NodeProcess(port, Map.copyOf(env), log);
    Runtime.getRuntime().addShutdownHook(node.cleanup);
    try {
      node.launch();
    } catch (RuntimeException | Error e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** Starts the node again on the same port and settings (after a kill or a stop). */
  public void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("The node on port " + port + " still runs");
    }
    launch();
  }

  private void launch() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire runs tests from a manifest-only jar; the real classpath is in this property
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-cp", classpath, "townhall.Main"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("TOWNHALL_") || name.equals("PORT")
        || name.equals("REDIS_URL") || name.equals("DATABASE_URL"));
    builder.environment().putAll(env);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start a node: " + command, e);
    }
    Api api = new Api(port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (FaultNodes.health(api) != 200) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The node exited with " + process.exitValue() + ": " + log());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The node on port " + port + " was not healthy within " + START_SECONDS + " s: "
            + log());
      }
      Thread.onSpinWait();
    }
  }

  public int port() {
    return port;
  }

  public Api api() {
    return new Api(port);
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** {@code kill -9}: the node dies at once, its sockets are reset, nothing of it runs its shutdown. */
  public void kill9() {
    process.destroyForcibly();
    awaitExit(10);
  }

  /** Sends SIGTERM (what a deploy or {@code systemctl stop} does) and returns at once. */
  public void sigterm() {
    process.destroy();
  }

  /** Waits for the process to exit; answers its exit value. */
  public int awaitExit(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError("The node on port " + port + " did not exit within " + seconds + " s: " + log());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What the node wrote to stdout and stderr so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    kill();
    if (process != null) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a temporary file left behind is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

package townhall.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisExecProvider;

/**
 * Which {@code redis-server} the fault tests run: Debian's ({@value #DEBIAN}) when it is installed, else the Redis
 * 7.0 binary that the embedded-Redis dependency ({@code org.signal:embedded-redis}) already ships, extracted once per
 * JVM into a temporary folder and made executable. Both are full servers (replication, Sentinel, Cluster, the AOF,
 * {@code DEBUG}), so every fault test runs on a machine without Debian's package.
 *
 * <p>{@value #PROPERTY} (system property, or the environment variable {@value #ENVIRONMENT}) chooses: {@code bundled}
 * forces the shipped binary even where Debian's is installed (to prove the tests pass without the package),
 * {@code debian} insists on Debian's, and a path names any other {@code redis-server}.
 */
public final class RedisBinary {
  public static final String DEBIAN = "/usr/bin/redis-server";
  public static final String PROPERTY = "townhall.test.redisServer";
  public static final String ENVIRONMENT = "TOWNHALL_TEST_REDIS_SERVER";

  private RedisBinary() {
  }

  /** The executable to run, resolved on first use. */
  public static Path server() {
    String choice = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENVIRONMENT, "")).trim();
    return switch (choice) {
      case "bundled" -> Bundled.PATH;
      case "debian" -> requireExecutable(Path.of(DEBIAN), "apt-get install redis-server");
      case "" -> Files.isExecutable(Path.of(DEBIAN)) ? Path.of(DEBIAN) : Bundled.PATH;
      default -> requireExecutable(Path.of(choice), "set " + PROPERTY + " to an executable redis-server");
    };
  }

  /** The binary embedded-redis ships, extracted on first use. */
  public static Path bundled() {
    return Bundled.PATH;
  }

  private static Path requireExecutable(Path path, String remedy) {
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(path + " is not an executable redis-server (" + PROPERTY + "): " + remedy);
    }
    return path;
  }

  /** The shipped binary, extracted the first time a test asks for it (the holder idiom makes that once per JVM). */
  private static final class Bundled {
    static final Path PATH = extract();

    private static Path extract() {
      try {
        File file = RedisExecProvider.defaultProvider().get(); // a fresh temp folder, deleted when the JVM exits
        if (!file.canExecute() && !file.setExecutable(true, true)) {
          throw new IllegalStateException("Cannot make " + file + " executable");
        }
        return file.toPath();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot extract the Redis binary shipped with embedded-redis", e);
      }
    }
  }
}

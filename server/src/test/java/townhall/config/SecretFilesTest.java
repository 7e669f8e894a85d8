package townhall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  @TempDir
  Path temp;

  @Test
  void aMissingSecretIsCreatedOnceAndReadAfterwards() throws Exception {
    SecretFiles secrets = new SecretFiles(temp.resolve("keys"));
    AtomicInteger generated = new AtomicInteger();
    String first = secrets.readOrCreate("token", () -> "secret-" + generated.incrementAndGet());
    String second = secrets.readOrCreate("token", () -> "secret-" + generated.incrementAndGet());
    assertEquals("secret-1", first);
    assertEquals(first, second);
    assertEquals(1, generated.get());
  }

  @Test
  void folderAndFilesAreReadableByTheOwnerOnly() throws Exception {
    SecretFiles secrets = new SecretFiles(temp.resolve("keys"));
    secrets.readOrCreate("token", () -> "x");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.dir())));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.path("token"))));
  }

  @Test
  void anExistingFileIsMadePrivateAndKeptAsItIs() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("keys"));
    Files.writeString(dir.resolve("token"), "chosen by the operator\n");
    Files.setPosixFilePermissions(dir.resolve("token"), PosixFilePermissions.fromString("rw-r--r--"));
    SecretFiles secrets = new SecretFiles(dir);
    assertEquals("chosen by the operator", secrets.readOrCreate("token", () -> "generated"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token"))));
  }

  @Test
  void nodesStartingAtOnceAllReadOneValue() throws Exception {
    SecretFiles secrets = new SecretFiles(temp.resolve("keys"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> starts = IntStream.range(0, 8).<Callable<String>>mapToObj(
          i -> () -> secrets.readOrCreate("token", () -> "node-" + i)).toList();
      List<String> seen = pool.invokeAll(starts).stream().map(SecretFilesTest::result).distinct().toList();
      assertEquals(1, seen.size(), "every node reads the same secret: " + seen);
      assertNotEquals("", seen.get(0));
    } finally {
      pool.shutdownNow();
    }
    try (var files = Files.list(secrets.dir())) {
      assertEquals(List.of("token"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
    }
  }

  private static String result(Future<String> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

package townhall.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * Secret material kept in files of a folder that only the server's user may read: the folder is made {@code 0700}
 * and every file {@code 0600}. A missing file is created once with a generated value; when several nodes start
 * at once on one folder, one value wins (the file appears whole, by a hard link, or not at all) and every node
 * reads that one.
 *
 * <p>Blocking file I/O: call it at start-up, before Vert.x runs.
 */
public final class SecretFiles {
  private final Path dir;

  public SecretFiles(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /** The folder the secrets are kept in. */
  public Path dir() {
    return dir;
  }

  /** Where the secret {@code name} is kept. */
  public Path path(String name) {
    return dir.resolve(name);
  }

  /** The secret's text (surrounding white space removed), created from {@code generator} when it is missing. */
  public String readOrCreate(String name, Supplier<String> generator) throws IOException {
    return new String(readOrCreateBytes(name, () -> generator.get().getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8).strip();
  }

  /** The secret's bytes, created from {@code generator} when it is missing. */
  public byte[] readOrCreateBytes(String name, Supplier<byte[]> generator) throws IOException {
    ensurePrivateDir();
    Path file = path(name);
    if (!Files.exists(file)) {
      Path temp = Files.createTempFile(dir, "." + name, ".new");
      try {
        restrict(temp, "rw-------");
        Files.write(temp, generator.get());
        Files.createLink(file, temp); // atomic, and refuses to replace a file another node made meanwhile
      } catch (FileAlreadyExistsException madeMeanwhile) {
        // another node's value stands
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    restrict(file, "rw-------");
    return Files.readAllBytes(file);
  }

  /** Creates the folder if needed and makes it private to the server's user. */
  public Path ensurePrivateDir() throws IOException {
    Files.createDirectories(dir);
    restrict(dir, "rwx------");
    return dir;
  }

  private static void restrict(Path path, String permissions) throws IOException {
    if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }
}

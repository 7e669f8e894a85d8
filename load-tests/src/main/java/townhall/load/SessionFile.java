package townhall.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands the session process 0 created to the other generator processes through a small JSON file
 * ({@code sessionId}, {@code moderatorToken}, {@code startAt}). The file is written atomically; a reader accepts
 * only a file written for the same {@code --start-at}, so a file left over from an earlier run is never used.
 */
public final class SessionFile {
  private final Path path;
  private final long startAt;

  /**
   * @param path the file
   * @param startAt the run's common start (epoch ms), or 0 when there is none
   */
  public SessionFile(Path path, long startAt) {
    this.path = path;
    this.startAt = startAt;
  }

  /** Writes the session. */
  public void write(SessionInfo session) throws IOException {
    JsonObject json = new JsonObject().put("sessionId", session.id())
        .put("moderatorToken", session.moderatorToken()).put("startAt", startAt);
    Path parent = path.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(parent, ".session", ".tmp");
    Files.writeString(temp, json.encodePrettily() + "\n");
    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Waits (polling) until the file for this run appears; answers the session and its moderator token. */
  public SessionInfo await(long timeoutMs) throws TimeoutException, IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      try {
        JsonObject json = new JsonObject(Files.readString(path));
        if (json.getLong("startAt", -1L) == startAt && json.getString("sessionId") != null) {
          return new SessionInfo(json.getString("sessionId"), json.getString("moderatorToken"), false);
        }
      } catch (NoSuchFileException e) {
        // not written yet
      } catch (RuntimeException e) {
        // being replaced; read again
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("no session for --start-at " + startAt + " appeared in " + path);
      }
      Thread.sleep(200);
    }
  }
}

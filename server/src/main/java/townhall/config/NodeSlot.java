package townhall.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * The id under which a node counts its connections in Redis (presence), kept in the node's data folder so that a
 * node started again takes over the count it left behind. Each node counts its sockets of a session in one field of
 * the session's presence hash, which expires only some heartbeats after its last report; a node that died without
 * withdrawing its count (killed, crashed, or stopped together with its embedded Redis by a Ctrl-C) would otherwise
 * leave it there while its residents, reconnected to the new process, are counted a second time.
 *
 * <p>The folder holds numbered slots ({@code <dataDir>/slots/<n>.lock} and {@code <n>.id}); a running process holds
 * one slot's file lock, which the operating system releases however the process ends. A process takes the first
 * slot nobody holds, so several nodes may share one folder, and a restarted node takes the slot of a dead one: its
 * first report replaces the dead count. Each slot's id is generated once (as a {@link SecretFiles} file, so nodes
 * starting at once agree on it) and is random, so nodes on other machines never share it.
 *
 * <p>Blocking file I/O: claim it at start-up, before Vert.x runs.
 */
public final class NodeSlot implements AutoCloseable {
  /** More nodes than this on one folder get an id of their own that no restart takes over. */
  static final int MAX_SLOTS = 64;

  private final String id;
  private final FileChannel channel;
  private final FileLock lock;

  private NodeSlot(String id, FileChannel channel, FileLock lock) {
    this.id = id;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Claims the first free slot of {@code dataDir}; its id is made by {@code newId} the first time the slot is used.
   * Without a free slot (or a folder that cannot be written) the slot holds no lock and a fresh id.
   */
  public static NodeSlot claim(Path dataDir, Supplier<String> newId) {
    SecretFiles slots = new SecretFiles(dataDir.resolve("slots"));
    try {
      slots.ensurePrivateDir();
      for (int n = 0; n < MAX_SLOTS; n++) {
        NodeSlot slot = tryClaim(slots, n, newId);
        if (slot != null) {
          return slot;
        }
      }
    } catch (IOException e) {
      // no folder to keep slots in: the node still runs, only a restart does not take its old count over
    }
    return new NodeSlot(newId.get(), null, null);
  }

  private static NodeSlot tryClaim(SecretFiles slots, int n, Supplier<String> newId) throws IOException {
    FileChannel channel = FileChannel.open(slots.path(n + ".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    try {
      return new NodeSlot(slots.readOrCreate(n + ".id", newId), channel, lock);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The id to count this node's connections under. */
  public String id() {
    return id;
  }

  /** Whether this process holds a slot (its id outlives the process); false for a fresh id of its own. */
  public boolean held() {
    return lock != null;
  }

  /** Lets the slot go (the operating system does the same when the process ends). */
  @Override
  public void close() {
    if (channel == null) {
      return;
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }
}

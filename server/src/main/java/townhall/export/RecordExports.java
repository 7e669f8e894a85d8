package townhall.export;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Stream;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.RateLimit;
import townhall.logging.LogLine;
import townhall.record.RecordSignatures;
import townhall.service.ReadRecord;
import townhall.store.ArchiveStore;
import townhall.store.RateLimiter;
import townhall.store.RecordStore;

/**
 * A node's record exports: each session's record is built once per chain head ({@link RecordBuild}) into files
 * under this node's folder, and served from them until the chain grows (or, while the session is not closed and its
 * vote counts still move, until the build is older than {@code record.liveMaxAgeMs}). Concurrent readers of the
 * same head share one build; at most {@code record.cacheSessions} sessions' files are kept, the least recently read
 * deleted first (each session has a full copy, for its moderators, and a public one); builds write their files one at a time, on one worker thread of their own. Every read costs the
 * store one small read of the session's head, and a build when the files are not current. Downloads are limited per
 * client address ({@code rateLimits.exports}).
 *
 * <p>Thread-safe: used from every event loop of the node.
 */
public final class RecordExports {
  private static final Logger LOG = Logger.getLogger(RecordExports.class.getName());

  private final ReadRecord access;
  private final RecordStore store;
  private final RateLimiter limiter;
  private final RateLimit perAddress;
  private final TownhallConfig.Record settings;
  private final Path dir;
  private final Clock clock;
  private final WorkerExecutor worker;
  private final RecordSignatures signer;
  private final Map<String, RecordFiles> built;
  private final Map<String, Future<RecordFiles>> building = new ConcurrentHashMap<>();
  /** Null on a node without PostgreSQL. */
  private final ArchiveStore archive;
  private long builds;

  /**
   * @param dir     this node's own folder for record files (a cache: deleted by {@link #close()})
   * @param archive the archived records served for sessions Redis no longer holds; null without PostgreSQL
   */
  public RecordExports(Vertx vertx, ReadRecord access, RecordStore store, RateLimiter limiter, RateLimit perAddress,
      TownhallConfig.Record settings, Path dir, Clock clock, RecordSignatures signer, ArchiveStore archive) {
    this.archive = archive;
    this.signer = signer;
    this.access = access;
    this.store = store;
    this.limiter = limiter;
    this.perAddress = perAddress;
    this.settings = settings;
    this.dir = dir;
    this.clock = clock;
    this.worker = vertx.createSharedWorkerExecutor("townhall-records-" + dir.getFileName(), 1);
    this.built = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, RecordFiles> eldest) {
        if (size() > settings.cacheSessions()) {
          discard(eldest.getValue());
          return true;
        }
        return false;
      }
    };
  }

  /** Takes a download token of {@code address}; fails {@code rate_limited} (with the wait) when it has none. */
  public Future<Void> admit(String address) {
    return limiter.take(RateLimiter.Bucket.EXPORTS, address, perAddress);
  }

  /**
   * The current record files of a session for {@code reader}: the full copy for moderators and the organizer, the
   * public one for anyone else; fails as {@link ReadRecord#head} does when the reader may not read it. Once Redis no
   * longer holds the session, the archived copy (PostgreSQL) is served instead, if the record was published.
   */
  public Future<RecordFiles> files(String sessionId, ReadRecord.Reader reader) {
    Future<RecordFiles> live = access.head(sessionId, reader)
        .compose(head -> files(head, reader == ReadRecord.Reader.MODERATOR));
    return archive == null ? live : live.recover(e -> e instanceof DomainException d
        && d.code() == ErrorCode.NOT_FOUND ? archived(sessionId, reader, d) : Future.failedFuture(e));
  }

  /**
   * Both copies of the record as it stands now, public then full, and its head; for the archive. Fails as
   * {@link ReadRecord#head} does for a moderator.
   */
  Future<Copies> copies(String sessionId) {
    return access.head(sessionId, ReadRecord.Reader.MODERATOR).compose(head -> files(head, false)
        .compose(publicCopy -> files(head, true).map(full -> new Copies(head, publicCopy, full))));
  }

  /** Both copies of a record built from {@code head}. */
  record Copies(RecordStore.Head head, RecordFiles publicCopy, RecordFiles full) {
  }

  /**
   * The archived record of a session Redis no longer holds: the full copy for moderators (the admin token, or a
   * signed-in account that may moderate in the session's organization), the public one for anyone while it is not
   * withdrawn. Its files are written out once per archived state and served like a built record's.
   */
  private Future<RecordFiles> archived(String sessionId, ReadRecord.Reader reader, DomainException notFound) {
    boolean full = reader == ReadRecord.Reader.MODERATOR;
    return archive.find(sessionId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(notFound);
      }
      ArchiveStore.Entry entry = found.get();
      if (entry.withdrawnAt() != null && !full) {
        return Future.failedFuture(reader == ReadRecord.Reader.ANYONE
            ? new DomainException(ErrorCode.UNAUTHORIZED, "The record was withdrawn from the public")
            : DomainException.forbidden("The record was withdrawn; only the organizer may read it"));
      }
      return archivedCopy(entry, full);
    });
  }

  /** One archived copy as files, written out once per archived state (the public one with its preview counts). */
  private Future<RecordFiles> archivedCopy(ArchiveStore.Entry entry, boolean full) {
    String key = entry.sessionId() + (full ? "/archive-full" : "/archive-public");
    RecordFiles current = currentArchived(key, entry);
    if (current != null) {
      return Future.succeededFuture(current);
    }
    return building.computeIfAbsent(key + "/" + entry.archivedAt(),
        k -> unpackArchived(entry, full, key).onComplete(done -> building.remove(k)));
  }

  private synchronized RecordFiles currentArchived(String key, ArchiveStore.Entry entry) {
    RecordFiles files = built.get(key);
    return files != null && files.builtAt() == entry.archivedAt() && files.length() == entry.length()
        && files.published() == (entry.withdrawnAt() == null) ? files : null;
  }

  private Future<RecordFiles> unpackArchived(ArchiveStore.Entry entry, boolean full, String key) {
    long number;
    synchronized (this) {
      number = ++builds;
    }
    Path folder = dir.resolve(entry.sessionId()).resolve("archive-" + (full ? "full-" : "public-") + number);
    return archive.content(entry.sessionId(), full).compose(content -> {
      if (content.isEmpty()) {
        return Future.failedFuture(DomainException.notFound("No such session"));
      }
      return worker.executeBlocking(() -> {
        // builtAt: the archiving time, so a later archived state replaces these files
        RecordFiles files = new RecordFiles(entry.sessionId(), full, entry.length(), entry.finalHash(),
            entry.votesFinal(), entry.withdrawnAt() == null, entry.archivedAt(), null, folder);
        ArchivedFiles.write(files, content.get());
        return full ? files : new RecordFiles(files.sessionId(), false, files.length(), files.finalHash(),
            files.votesFinal(), files.published(), files.builtAt(), ArchivedPreview.count(files.json(false)), folder);
      });
    }).onSuccess(files -> keep(key, files));
  }

  /** When the session's record was published, {@code null} while it is not ({@link ReadRecord#publishedAt}). */
  public Future<Long> publishedAt(String sessionId) {
    return access.publishedAt(sessionId);
  }

  /**
   * The public copy as it will be published, with what it leaves out; for moderators and the organizer. Once Redis
   * no longer holds the session, the archived public copy (withdrawn or not), if the record was ever published.
   */
  public Future<RecordFiles> preview(String sessionId) {
    Future<RecordFiles> live = access.head(sessionId, ReadRecord.Reader.MODERATOR).compose(head -> files(head, false));
    return archive == null ? live : live.recover(e -> e instanceof DomainException d
        && d.code() == ErrorCode.NOT_FOUND
        ? archive.find(sessionId).compose(found -> found.isPresent() ? archivedCopy(found.get(), false)
            : Future.failedFuture(d))
        : Future.failedFuture(e));
  }

  private Future<RecordFiles> files(RecordStore.Head head, boolean full) {
    String key = head.session().id() + (full ? "/full" : "/public");
    RecordFiles current = current(key, head);
    if (current != null) {
      return Future.succeededFuture(current);
    }
    return building.computeIfAbsent(key + "/" + head.length(),
        k -> build(head, full, key).onComplete(done -> building.remove(k)));
  }

  /** Runs a file read on this node's record worker. */
  <T> Future<T> readBlocking(java.util.concurrent.Callable<T> read) {
    return worker.executeBlocking(read);
  }

  /** How many builds this node started (each read the chain from the store once). */
  public synchronized long builds() {
    return builds;
  }

  private synchronized RecordFiles current(String key, RecordStore.Head head) {
    RecordFiles files = built.get(key);
    boolean sameHead = files != null && files.length() == head.length()
        && java.util.Objects.equals(files.finalHash(), head.finalHash());
    boolean fresh = files != null
        && (files.votesFinal() || clock.millis() - files.builtAt() < settings.liveMaxAge().toMillis());
    return sameHead && fresh ? files : null;
  }

  private Future<RecordFiles> build(RecordStore.Head head, boolean full, String key) {
    long number;
    synchronized (this) {
      number = ++builds;
    }
    Path folder = dir.resolve(head.session().id()).resolve(head.length() + (full ? "-full-" : "-public-") + number);
    return new RecordBuild(worker, store, settings, clock, head, full, folder, signer).run()
        .onSuccess(files -> keep(key, files))
        .onFailure(e -> LogLine.of(LOG).with("session", head.session().id()).warning("A record build failed", e));
  }

  private synchronized void keep(String key, RecordFiles files) {
    RecordFiles replaced = built.put(key, files);
    if (replaced != null && !replaced.dir().equals(files.dir())) {
      discard(replaced);
    }
  }

  /** Deletes a build's files later (a download of them may be under way: its open file stays readable). */
  private void discard(RecordFiles files) {
    worker.executeBlocking(() -> {
      deleteTree(files.dir());
      return null;
    });
  }

  /** Deletes this node's record files. */
  public Future<Void> close() {
    return worker.<Void>executeBlocking(() -> {
      deleteTree(dir);
      return null;
    }).transform(deleted -> worker.close());
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          LogLine.of(LOG).with("path", path.toString()).warning("A record file could not be deleted", e);
        }
      });
    } catch (IOException e) {
      LogLine.of(LOG).with("path", root.toString()).warning("Record files could not be listed", e);
    }
  }
}

package townhall.export;

import io.vertx.core.Future;
import java.util.Optional;
import townhall.service.RecordArchive;
import townhall.store.ArchiveStore;

/**
 * {@link RecordArchive} on the node's record builds: both copies of the record as it stands now are built (or taken
 * from this node's files when current) and kept in the {@link ArchiveStore} exactly as they are served.
 */
public final class RecordArchiver implements RecordArchive {
  private final RecordExports exports;
  private final ArchiveStore store;

  public RecordArchiver(RecordExports exports, ArchiveStore store) {
    this.exports = exports;
    this.store = store;
  }

  @Override
  public Future<Long> archive(String sessionId) {
    return exports.copies(sessionId).compose(copies -> {
      Long publishedAt = copies.head().publishedAt();
      Future<Boolean> wanted = publishedAt != null ? Future.succeededFuture(true)
          // withdrawn: brought up to date only when it was archived once (a record never published stays out)
          : store.find(sessionId).map(Optional::isPresent);
      return wanted.compose(keep -> keep ? keep(copies, publishedAt).map(copies.head().length())
          : Future.<Long>succeededFuture());
    });
  }

  private Future<Void> keep(RecordExports.Copies copies, Long publishedAt) {
    ArchiveStore.Content[] both = new ArchiveStore.Content[2];
    return exports.readBlocking(() -> {
          both[0] = ArchivedFiles.read(copies.publicCopy());
          both[1] = ArchivedFiles.read(copies.full());
          return ArchivedFiles.followCodes(both[0].jsonGz());
        })
        .compose(codes -> store.keep(new ArchiveStore.Archived(copies.head().session().id(), copies.head().length(),
            copies.head().finalHash(), copies.publicCopy().votesFinal(), publishedAt, both[0].jsonGz(),
            both[0].csvGz(), both[1].jsonGz(), both[1].csvGz(), codes)));
  }

  @Override
  public Future<Optional<Long>> republish(String sessionId) {
    return store.republish(sessionId);
  }

  @Override
  public Future<Optional<Long>> withdraw(String sessionId, String reason) {
    return store.withdraw(sessionId, reason);
  }
}

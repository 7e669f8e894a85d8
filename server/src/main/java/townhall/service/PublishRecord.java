package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.store.CatalogStore;
import townhall.store.RecordStore;

/** A moderator or the organizer makes a session's record public: from then on anyone may read it. */
public final class PublishRecord {
  private final RecordStore store;
  /** Null on a node without PostgreSQL. */
  private final CatalogStore catalog;

  public PublishRecord(RecordStore store) {
    this(store, null);
  }

  /**
   * Also notes the publication in the catalog, so the organization's public pages link the record. Should that
   * fail, the answer is an error and publishing again (which changes nothing in Redis) completes it.
   */
  public PublishRecord(RecordStore store, CatalogStore catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  /** Answers when the record was published (the first time, for a record published before). */
  public Future<Long> publish(Participant moderator) {
    if (moderator.role() != Role.MODERATOR) {
      return Future.failedFuture(DomainException.forbidden("Only moderators and the organizer publish records"));
    }
    Future<Long> published = store.publish(moderator);
    return catalog == null ? published
        : published.compose(at -> catalog.markPublished(moderator.sessionId()).map(at));
  }
}

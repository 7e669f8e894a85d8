package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.TextRules;
import townhall.store.CatalogStore;
import townhall.store.RecordStore;

/**
 * The organizer makes a session's record public (from then on anyone may read its public copy), or withdraws it
 * with a reason that stays in the record. A moderator cannot: the transport calls this only for the organizer.
 */
public final class PublishRecord {
  static final int REASON_LENGTH = 500;

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
  public Future<Long> publish(Participant organizer) {
    if (organizer.role() != Role.MODERATOR) {
      return Future.failedFuture(DomainException.forbidden("Only the organizer publishes records"));
    }
    Future<Long> published = store.publish(organizer);
    return catalog == null ? published
        : published.compose(at -> catalog.markPublished(organizer.sessionId()).map(at));
  }

  /** Withdraws the published record; answers when. Fails {@code bad_request} without a reason. */
  public Future<Long> unpublish(Participant organizer, String reason) {
    if (organizer.role() != Role.MODERATOR) {
      return Future.failedFuture(DomainException.forbidden("Only the organizer withdraws records"));
    }
    String clean;
    try {
      clean = TextRules.reason(reason, REASON_LENGTH);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return store.unpublish(organizer, clean);
  }
}

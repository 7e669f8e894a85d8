package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.TextRules;
import townhall.store.CatalogStore;
import townhall.store.RecordStore;
import townhall.store.SlipStore;

/**
 * The organizer makes a session's record public (from then on anyone may read its public copy), or withdraws it
 * with a reason that stays in the record. A moderator cannot: the transport calls this only for the organizer.
 * With PostgreSQL, publishing also notes it in the catalog and archives the record; withdrawing undoes both; both
 * work on an archived record whose session Redis no longer holds.
 */
public final class PublishRecord {
  static final int REASON_LENGTH = 500;

  private final RecordStore store;
  /** Null on a node without PostgreSQL. */
  private final CatalogStore catalog;
  /** Null on a node without PostgreSQL. */
  private final RecordArchive archive;
  /** Null on a node without PostgreSQL. */
  private final SlipStore slips;

  public PublishRecord(RecordStore store) {
    this(store, null, null);
  }

  /**
   * Also notes the publication in the catalog, so the organization's public pages link the record, and archives
   * it. Should either fail, the answer is an error and publishing again (which changes nothing in Redis) completes
   * it.
   */
  public PublishRecord(RecordStore store, CatalogStore catalog, RecordArchive archive) {
    this(store, catalog, archive, null);
  }

  /**
   * Also deletes the session's photos of paper slips that no moderator published (docs/record.md): they were kept
   * for the moderators while the record was being prepared, and are in no public output.
   */
  public PublishRecord(RecordStore store, CatalogStore catalog, RecordArchive archive, SlipStore slips) {
    this.store = store;
    this.catalog = catalog;
    this.archive = archive;
    this.slips = slips;
  }

  /**
   * Answers when the record was published (the first time, for a record published before). Once Redis no longer
   * holds the session, publishes its archived record again (one withdrawn after its session left Redis, or before);
   * {@code not_found} when nothing of it is archived either.
   */
  public Future<Long> publish(Participant organizer) {
    if (organizer.role() != Role.MODERATOR) {
      return Future.failedFuture(DomainException.forbidden("Only the organizer publishes records"));
    }
    String id = organizer.sessionId();
    Future<Long> published = store.publish(organizer);
    if (archive != null) {
      published = published.compose(at -> archive.archive(id).map(at))
          .recover(e -> e instanceof DomainException d && d.code() == ErrorCode.NOT_FOUND
              ? archive.republish(id).compose(at -> at.isPresent() ? Future.succeededFuture(at.get())
                  : Future.failedFuture(e))
              : Future.failedFuture(e));
    }
    if (catalog != null) {
      published = published.compose(at -> catalog.markPublished(id).map(at));
    }
    if (slips != null) {
      published = published.compose(at -> slips.dropUnpublished(id).map(at));
    }
    return published;
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
    String id = organizer.sessionId();
    Future<Long> withdrawn = store.unpublish(organizer, clean);
    if (archive == null) {
      return withdrawn;
    }
    return withdrawn
        .compose(at -> archive.withdraw(id, clean).map(at))
        .recover(e -> e instanceof DomainException d && d.code() == ErrorCode.NOT_FOUND
            // Redis no longer holds the session: what is left of its record is the archive
            ? archive.withdraw(id, clean).compose(at -> at.isPresent() ? Future.succeededFuture(at.get())
                : Future.failedFuture(e))
            : Future.failedFuture(e))
        .compose(at -> catalog == null ? Future.succeededFuture(at) : catalog.markUnpublished(id).map(at));
  }
}

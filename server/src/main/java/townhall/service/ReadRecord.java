package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.store.RecordStore;

/**
 * Who may read a session's record: moderators and the organizer at any time (a preview before it is published),
 * everyone else once it is published. Answers the session's chain head, which is what a record is built from.
 */
public final class ReadRecord {
  /** Who asks, as the transport found out. */
  public enum Reader {
    /** A moderator of the session or the organizer. */
    MODERATOR,
    /** Someone who presented no credential. */
    ANYONE,
    /** Someone who presented a credential that is not a moderator's of this session. */
    NOT_A_MODERATOR
  }

  private final RecordStore store;

  public ReadRecord(RecordStore store) {
    this.store = store;
  }

  /**
   * The session's chain head; fails {@code not_found} for an unknown session, and while the record is not
   * published {@code unauthorized} for {@link Reader#ANYONE} and {@code forbidden} for
   * {@link Reader#NOT_A_MODERATOR}.
   */
  /**
   * When the session's record was published, or {@code null} while it is not (anyone may ask: the resident page
   * links to the record once it is public); fails {@code not_found} for an unknown session.
   */
  public Future<Long> publishedAt(String sessionId) {
    return store.head(sessionId).map(found -> found.orElseThrow(() -> DomainException.notFound("No such session"))
        .publishedAt());
  }

  public Future<RecordStore.Head> head(String sessionId, Reader reader) {
    return store.head(sessionId).map(found -> {
      RecordStore.Head head = found.orElseThrow(() -> DomainException.notFound("No such session"));
      if (head.publishedAt() == null && reader != Reader.MODERATOR) {
        throw reader == Reader.ANYONE
            ? new DomainException(ErrorCode.UNAUTHORIZED,
                "The record is not published yet; a moderator's token is required")
            : DomainException.forbidden(
                "The record is not published yet; only moderators and the organizer may read it");
      }
      return head;
    });
  }
}

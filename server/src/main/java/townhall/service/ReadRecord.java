package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.record.RecordFold;
import townhall.domain.record.SessionRecord;
import townhall.store.RecordStore;

/**
 * Someone reads a session's record: moderators and the organizer at any time (a preview before it is published),
 * everyone else once it is published.
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
  private final Clock clock;

  public ReadRecord(RecordStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The record; fails {@code not_found} for an unknown session, and while it is not published {@code unauthorized}
   * for {@link Reader#ANYONE} and {@code forbidden} for {@link Reader#NOT_A_MODERATOR}.
   */
  public Future<SessionRecord> read(String sessionId, Reader reader) {
    return store.read(sessionId, reader != Reader.MODERATOR).map(source -> {
      if (source.withheld()) {
        throw reader == Reader.ANYONE
            ? new DomainException(ErrorCode.UNAUTHORIZED,
                "The record is not published yet; a moderator's token is required")
            : DomainException.forbidden(
                "The record is not published yet; only moderators and the organizer may read it");
      }
      return RecordFold.fold(new RecordFold.Inputs(source.session(), source.links(), source.entries(),
          source.votes(), source.participants(), source.joins(), source.voteTimes(), clock.millis()));
    });
  }
}

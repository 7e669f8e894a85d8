package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.record.QuestionRecord;
import townhall.domain.record.RecordFold;
import townhall.domain.record.RecordSigner;
import townhall.domain.record.SessionRecord;
import townhall.store.RecordStore;

/**
 * Someone reads a session's record: moderators and the organizer the full record at any time (every text, every
 * reason), and the public record as a preview; everyone else the public record, once it is published. Both copies
 * come from one chain and verify to the same final hash (see {@code docs/record.md}).
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

  /**
   * What the public record will show, for the organizer before publishing.
   *
   * @param record             the public record, exactly as the public will get it
   * @param withheldByCategory questions whose text is withheld, by category ({@code TextCategory} wire names)
   * @param textsNotShown      questions without a public text (withheld, never reviewed, withdrawn before review)
   * @param privateReasons     rejection and withholding steps whose reason the public record does not show
   */
  public record Preview(SessionRecord record, Map<String, Integer> withheldByCategory, int textsNotShown,
      int privateReasons) {
  }

  private final RecordStore store;
  private final Clock clock;
  private final RecordSigner signer;

  /** @param signer signs each record put together (its final hash and what the chain does not hold) */
  public ReadRecord(RecordStore store, Clock clock, RecordSigner signer) {
    this.store = store;
    this.clock = clock;
    this.signer = signer;
  }

  /**
   * The record: the full one for {@link Reader#MODERATOR}, the public one for anyone else; fails {@code not_found}
   * for an unknown session, and while it is not published {@code unauthorized} for {@link Reader#ANYONE} and
   * {@code forbidden} for {@link Reader#NOT_A_MODERATOR}.
   */
  public Future<SessionRecord> read(String sessionId, Reader reader) {
    return read(sessionId, reader, reader == Reader.MODERATOR);
  }

  /** The public record as it would be published, with what it leaves out; for moderators and the organizer. */
  public Future<Preview> preview(String sessionId) {
    return read(sessionId, Reader.MODERATOR, false).map(ReadRecord::previewOf);
  }

  private Future<SessionRecord> read(String sessionId, Reader reader, boolean full) {
    return store.read(sessionId, reader != Reader.MODERATOR).map(source -> {
      if (source.withheld()) {
        throw reader == Reader.ANYONE
            ? new DomainException(ErrorCode.UNAUTHORIZED,
                "The record is not published yet; a moderator's token is required")
            : DomainException.forbidden(
                "The record is not published yet; only moderators and the organizer may read it");
      }
      RecordFold.Inputs inputs = new RecordFold.Inputs(source.session(), source.links(), source.entries(),
          source.votes(), source.participants(), source.joins(), source.voteTimes(), clock.millis(), true);
      return signer.sign(RecordFold.fold(full ? inputs : RecordFold.publicView(inputs)));
    });
  }

  private static Preview previewOf(SessionRecord record) {
    Map<String, Integer> withheld = new TreeMap<>();
    int notShown = 0;
    int privateReasons = 0;
    for (QuestionRecord q : record.questions()) {
      if (q.withheld() != null) {
        withheld.merge(q.withheld().wireName(), 1, Integer::sum);
      }
      if (q.text() == null) {
        notShown++;
      }
      for (QuestionRecord.Step step : q.steps()) {
        boolean reasoned = "withhold".equals(step.action()) || "reject".equals(step.action());
        boolean reasonPublic = step.category() != null && step.category().reasonPublic();
        if (reasoned && step.reason() == null && !reasonPublic) {
          privateReasons++;
        }
      }
    }
    return new Preview(record, withheld, notShown, privateReasons);
  }
}

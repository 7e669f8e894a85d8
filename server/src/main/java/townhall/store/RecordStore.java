package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import townhall.domain.Participant;
import townhall.domain.Session;
import townhall.domain.record.ChainEntry;
import townhall.domain.record.ChainLink;

/**
 * The material of a session's public record, and its publication. The record chain itself is written by every
 * store operation that changes the session, in the same atomic step (see {@code docs/record.md}).
 */
public interface RecordStore {

  /**
   * Everything the record is made of, read at one instant. Fails {@code not_found} for an unknown session.
   *
   * @param onlyIfPublished answer {@link Source#withheld()} instead when the record is not published
   */
  Future<Source> read(String sessionId, boolean onlyIfPublished);

  /**
   * Makes the record public (publishing a published record again changes nothing) and answers when it was published.
   * Fails
   * {@code not_found} for an unknown session.
   */
  Future<Long> publish(Participant moderator);

  /**
   * Withdraws the published record from the public, keeping the withdrawal and its {@code reason} (already checked)
   * in the record; answers when. Fails {@code not_found} for an unknown session, {@code conflict} when the record is
   * not published.
   */
  Future<Long> unpublish(Participant organizer, String reason);

  /**
   * What a record is derived from.
   *
   * @param withheld     true when the record was asked for only if published, and it is not (nothing else is set)
   * @param links        the whole chain, in order
   * @param entries      the chain's entries, read
   * @param votes        each question's vote count now
   * @param participants how many resident identities joined so far
   * @param joins        when each resident identity joined (ms)
   * @param voteTimes    when each standing upvote was cast (ms)
   */
  record Source(boolean withheld, Session session, List<ChainLink> links, List<ChainEntry> entries,
      Map<String, Integer> votes, int participants, List<Long> joins, List<Long> voteTimes) {

    public static Source withheldSource() {
      return new Source(true, null, List.of(), List.of(), Map.of(), 0, List.of(), List.of());
    }
  }
}

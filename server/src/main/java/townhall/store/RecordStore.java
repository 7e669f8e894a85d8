package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import townhall.domain.Participant;
import townhall.domain.Session;
import townhall.domain.record.ChainLink;

/**
 * The material of a session's public record, read in bounded slices, and its publication. The record chain itself
 * is written by every store operation that changes the session, in the same atomic step (see
 * {@code docs/record.md}).
 *
 * <p>No read here holds the store for longer than its slice takes: a chain of any length is read as its head
 * ({@link #head}) and then slices of links up to that head ({@link #links}). The chain is append-only, so the
 * slices read after the head are exactly the chain that ended in that head, whatever is appended meanwhile.
 */
public interface RecordStore {

  /** The session and its chain's head, in one small read; empty for an unknown session. */
  Future<Optional<Head>> head(String sessionId);

  /**
   * Links {@code from} .. {@code from + count - 1} of the chain (numbered from 1), in order; fewer when the chain is
   * shorter (or was deleted meanwhile).
   */
  Future<List<ChainLink>> links(String sessionId, long from, int count);

  /** Each question's vote count now, and whether it was merged into another; in the order of {@code ids}. */
  Future<List<QuestionTally>> tallies(String sessionId, List<String> ids);

  /** When the standing upvotes of a question were cast (ms), from the {@code from}-th (0-based), at most {@code count}. */
  Future<List<Long>> voteTimes(String sessionId, String questionId, long from, int count);

  /**
   * One slice of the times (ms) at which the session's resident identities joined, from a scan {@code cursor}
   * ({@code "0"} to start); the answer's cursor is {@code "0"} when the scan is done. A scan may answer a time twice
   * if identities are added while it runs; the record's activity tolerates that.
   */
  Future<JoinSlice> joins(String sessionId, String cursor, int count);

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
   * A session as stored now and the head of its chain.
   *
   * @param publishedAt when the record was made public, else {@code null}
   * @param length      how many links the chain has
   * @param finalHash   the hash of the last link, or {@code null} for an empty chain
   */
  record Head(Session session, Long publishedAt, long length, String finalHash) {
  }

  /** A question's vote count now, and whether it was merged into another (its upvotes then count there). */
  record QuestionTally(String id, int votes, boolean merged) {
  }

  /** Join times of one scan step and the cursor of the next ({@code "0"}: done). */
  record JoinSlice(List<Long> times, String cursor) {
  }
}

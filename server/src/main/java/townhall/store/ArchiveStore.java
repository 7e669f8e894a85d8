package townhall.store;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;

/**
 * Published records kept after Redis lets their session go (PostgreSQL): per session, the public copy and, apart, the
 * full copy, each as the gzip-compressed JSON and CSV that were served. A newer state of the same chain replaces an
 * older one; an older never replaces a newer (two nodes archiving at once keep the longer chain).
 */
public interface ArchiveStore {

  /**
   * Keeps (or brings up to date) a session's archived record. A published one ({@code publishedAt} set) is public
   * from then on; a withdrawn one ({@code publishedAt} null) only brings up to date a record archived before, which
   * stays withdrawn (a record never published is never archived).
   */
  Future<Void> keep(Archived record);

  /** What is known of a session's archived record, without its content; empty when none. */
  Future<Optional<Entry>> find(String sessionId);

  /** The gzip-compressed JSON and CSV of one copy; empty when none. */
  Future<Optional<Content>> content(String sessionId, boolean full);

  /**
   * Withdraws the archived record from the public with {@code reason}; answers when (ms, the first withdrawal's time
   * for one withdrawn before), empty when there is none.
   */
  Future<Optional<Long>> withdraw(String sessionId, String reason);

  /**
   * Makes a withdrawn archived record public again (the organizer publishes it after Redis let its session go);
   * answers when it was published (now, or the earlier time for one that is public already), empty when nothing of
   * the session is archived.
   */
  Future<Optional<Long>> republish(String sessionId);

  /**
   * Appends one entry to the archived chain of a session Redis no longer holds. Under a lock of the record's row
   * (appends of several nodes at once go one after the other, each on the head the one before left), {@code rewrite}
   * is given the chain's head and both copies, and answers the entry and both copies rewritten with it; all is
   * stored in one transaction. A {@code ref} already appended is not appended again: the answer is then empty with
   * {@code duplicate}. Fails {@code not_found} when nothing of the session is archived; a failure of
   * {@code rewrite} changes nothing.
   */
  Future<Appended> append(String sessionId, String ref, Function<Head, Future<Rewrite>> rewrite);

  /** The archived chain's head and both copies, as an append finds them. */
  record Head(long length, String finalHash, Content publicCopy, Content fullCopy) {
  }

  /** The entry to append (number {@code length + 1}) with its hash, and both copies with it. */
  record Rewrite(long n, String entry, String hash, Content publicCopy, Content fullCopy) {
  }

  /** What an append did: the entry appended, or {@code duplicate} (the ref was appended before; n is then its). */
  record Appended(long n, boolean duplicate) {
  }

  /**
   * A record to keep.
   *
   * @param publishedAt when it was published (ms); null for a withdrawn record
   * @param followCodes the follow-up codes of its questions: code -> question id
   */
  record Archived(String sessionId, long length, String finalHash, boolean votesFinal, Long publishedAt,
      byte[] publicJsonGz, byte[] publicCsvGz, byte[] fullJsonGz, byte[] fullCsvGz,
      java.util.Map<String, String> followCodes) {

    public Archived(String sessionId, long length, String finalHash, boolean votesFinal, Long publishedAt,
        byte[] publicJsonGz, byte[] publicCsvGz, byte[] fullJsonGz, byte[] fullCsvGz) {
      this(sessionId, length, finalHash, votesFinal, publishedAt, publicJsonGz, publicCsvGz, fullJsonGz, fullCsvGz,
          java.util.Map.of());
    }
  }

  /** The archived session and question a follow-up code names; empty when no archived record has it. */
  Future<Optional<CodeOwner>> followCode(String code);

  /** Where a follow-up code's question is archived. */
  record CodeOwner(String sessionId, String questionId) {
  }

  /**
   * An archived record's state.
   *
   * @param withdrawnAt when it was withdrawn from the public (ms), else null
   * @param archivedAt  when this state was archived (ms)
   */
  record Entry(String sessionId, long length, String finalHash, boolean votesFinal, Long withdrawnAt,
      long archivedAt) {
  }

  /** One copy's files, gzip-compressed. */
  record Content(byte[] jsonGz, byte[] csvGz) {
  }
}

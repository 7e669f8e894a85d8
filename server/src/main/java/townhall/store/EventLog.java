package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import townhall.domain.Question;
import townhall.domain.Session;
import townhall.domain.SessionEvent;

/** Reads of a session's state and of its event log. */
public interface EventLog {

  /**
   * The start of a read of the session in slices, at one instant: the session, its seq, epoch, stage, presence and
   * vote version, up to {@code recentEvents} of the newest logged events, the event logged under the seq, and the
   * first {@code sliceSize} questions by number (whatever their status). A node builds its view of the session from
   * it, the following {@link #viewSlice}s and the log after its seq; no call reads more than a slice, whatever the
   * session's size. Fails {@code not_found} for an unknown session.
   */
  Future<ViewStart> viewStart(String sessionId, int recentEvents, int sliceSize);

  /**
   * The next {@code sliceSize} questions after question number {@code after} up to number {@code upTo} (inclusive),
   * read as they are now, with the session's seq and epoch now and the event logged under that seq. Fails
   * {@code not_found} for an unknown session.
   */
  Future<ViewSlice> viewSlice(String sessionId, long after, long upTo, int sliceSize);

  /**
   * Which of the asked questions each participant upvoted, for several participants of one session in one call
   * (the voted question ids in the order of {@code asks}), with the current count of every question asked about and
   * the session's current seq and the logged event under it.
   */
  Future<Voted> voted(String sessionId, List<VotedAsk> asks);

  /**
   * The answer to {@link #voted}: {@code head} is the logged event numbered {@code seq} (null when the log no longer
   * holds it), which tells whether a node's view holds the same past.
   */
  record Voted(long seq, List<Set<String>> voted, Map<String, SessionEvent.VoteCount> counts,
      SessionEvent.Sequenced head) {
  }

  /**
   * The events after {@code since}, or {@link History#gone()} when the log no longer holds all of them or the
   * session's epoch is not {@code epoch} (null: any).
   *
   * @param counts which current vote counts to read too (null: none)
   */
  Future<History> since(String sessionId, long since, String epoch, CountSlice counts);

  /**
   * The current vote counts of up to {@code limit} questions after question number {@code after}: a reader goes
   * round a session's questions a slice at a time ({@link History#countsAfter()} says where the next starts).
   */
  record CountSlice(long after, int limit) {
  }

  /**
   * Starts a new epoch because the event numbered {@code rewrittenSeq} is not the one screens were shown (the store
   * lost events and reused their seqs). Idempotent: a rewrite already answered, by this node or another, changes
   * nothing.
   */
  Future<Void> startNewEpoch(String sessionId, long rewrittenSeq);

  /** One participant's question: which of {@code questionIds} did they upvote. */
  record VotedAsk(String participantId, List<String> questionIds) {
  }

  /**
   * A session at {@code seq} with some of its questions: {@code voteVersion} is the session's vote version when it
   * was read, {@code recent} the newest logged events (up to and including {@code seq}), in order.
   */
  record SessionState(Session session, long seq, String epoch, String stage, int presence, long voteVersion,
      List<Question> questions, List<SessionEvent.Sequenced> recent, List<townhall.domain.Poll> polls) {

    /** A state without polls. */
    public SessionState(Session session, long seq, String epoch, String stage, int presence, long voteVersion,
        List<Question> questions, List<SessionEvent.Sequenced> recent) {
      this(session, seq, epoch, stage, presence, voteVersion, questions, recent, List.of());
    }
  }

  /**
   * The start of a view read: {@code state} holds the first slice of questions; {@code head} is the event logged
   * under {@code state.seq()} (null when there is none or the log no longer holds it); {@code after} the number of
   * the last question read, {@code more} whether questions follow it, {@code last} the number of the session's last
   * question (0: none). Question numbers count up from 1 without gaps.
   */
  record ViewStart(SessionState state, SessionEvent.Sequenced head, long after, boolean more, long last) {
  }

  /**
   * A further slice of a view read: the questions after the previous slice, as they were at {@code seq} (of
   * {@code epoch}, with {@code head} the event logged under it, null when none); {@code after} the number of the last
   * question read (the one asked about when none), {@code more} whether questions of the range asked about follow it.
   */
  record ViewSlice(List<Question> questions, long after, boolean more, long seq, String epoch,
      SessionEvent.Sequenced head) {
  }

  /**
   * Events after a seq (all of them, in order), the seq they lead to, and current counts when asked for.
   * {@code atSince} is the event the log holds under the seq asked from (null: none, or no longer held), for the
   * reader to compare with the one it delivered under that seq. {@code countsAfter} is the number of the last
   * question counted, or 0 when the counts reached the session's last question (the next slice starts again from
   * the first).
   */
  record History(boolean gone, long seq, String epoch, int presence, SessionEvent.Sequenced atSince,
      List<SessionEvent.Sequenced> events, Map<String, SessionEvent.VoteCount> counts, boolean wentBack,
      long countsAfter) {

    public static History goneHistory() {
      return new History(true, 0, null, 0, null, List.of(), Map.of(), false, 0);
    }

    /** The reader had seen events past the log's last one: the store lost them. */
    public static History wentBackHistory() {
      return new History(true, 0, null, 0, null, List.of(), Map.of(), true, 0);
    }
  }
}

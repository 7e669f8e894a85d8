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
   * Everything anyone may see of the session (every question, whatever its status), read at one instant, with up
   * to {@code recentEvents} of the newest logged events. A node builds its view of the session from it. Fails
   * {@code not_found} for an unknown session.
   */
  Future<SessionState> state(String sessionId, int recentEvents);

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
   * @param withCounts whether to read the current vote count of every question too
   */
  Future<History> since(String sessionId, long since, String epoch, boolean withCounts);

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
   * A session at {@code seq}: {@code voteVersion} is the session's vote version when it was read, {@code recent} the
   * newest logged events (up to and including {@code seq}), in order.
   */
  record SessionState(Session session, long seq, String epoch, String stage, int presence, long voteVersion,
      List<Question> questions, List<SessionEvent.Sequenced> recent) {
  }

  /**
   * Events after a seq (all of them, in order), the seq they lead to, and current counts when asked for.
   * {@code atSince} is the event the log holds under the seq asked from (null: none, or no longer held), for the
   * reader to compare with the one it delivered under that seq.
   */
  record History(boolean gone, long seq, String epoch, int presence, SessionEvent.Sequenced atSince,
      List<SessionEvent.Sequenced> events, Map<String, SessionEvent.VoteCount> counts, boolean wentBack) {

    public static History goneHistory() {
      return new History(true, 0, null, 0, null, List.of(), Map.of(), false);
    }

    /** The reader had seen events past the log's last one: the store lost them. */
    public static History wentBackHistory() {
      return new History(true, 0, null, 0, null, List.of(), Map.of(), true);
    }
  }
}

package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import townhall.domain.Participant;
import townhall.domain.Question;
import townhall.domain.Session;
import townhall.domain.SessionEvent;

/** Reads of a session's state and of its event log. */
public interface EventLog {

  /** Everything the participant may see, read at one instant. Fails {@code not_found} for an unknown session. */
  Future<Snapshot> snapshot(Participant participant);

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

  /** A snapshot's question with this participant's relation to it. */
  record SnapshotQuestion(Question question, boolean voted, boolean mine) {
  }

  /** A session as one participant sees it at {@code seq}. */
  record Snapshot(Session session, long seq, String epoch, String stage, int presence,
      List<SnapshotQuestion> questions) {
  }

  /** Events after a seq (all of them, in order), the seq they lead to, and current counts when asked for. */
  record History(boolean gone, long seq, String epoch, int presence, List<SessionEvent.Sequenced> events,
      Map<String, SessionEvent.VoteCount> counts, boolean wentBack) {

    public static History goneHistory() {
      return new History(true, 0, null, 0, List.of(), Map.of(), false);
    }

    /** The reader had seen events past the log's last one: the store lost them. */
    public static History wentBackHistory() {
      return new History(true, 0, null, 0, List.of(), Map.of(), true);
    }
  }
}

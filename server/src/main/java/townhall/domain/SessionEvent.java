package townhall.domain;

import java.util.Map;

/**
 * Something that changed in a session and must reach every connected screen. Events with a {@code seq} are kept
 * in the session's log and replayed on resume; vote counts and presence are coalesced snapshots without one.
 */
public sealed interface SessionEvent {

  String sessionId();

  /** An event kept in the session's log, numbered by the session's {@code seq} counter without gaps. */
  sealed interface Sequenced extends SessionEvent {
    long seq();

    /** Whether a resident who is not the question's author may receive this event. */
    boolean reachesResidents();

    /** The participant who must receive this event even when residents in general may not, or {@code null}. */
    String privateRecipient();

    /** Whether this participant may receive the event. */
    default boolean visibleTo(Participant participant) {
      return reachesResidents() || privateTo(participant);
    }

    /** Whether this participant receives the event's private form (moderators and the private recipient). */
    default boolean privateTo(Participant participant) {
      return participant.role() == Role.MODERATOR || participant.id().equals(privateRecipient());
    }
  }

  /**
   * A question was created or changed.
   *
   * @param reachesResidents true when residents could see the question before or can see it now, so every
   *                         screen that showed it learns of its new status
   */
  record QuestionChanged(String sessionId, long seq, Question question, boolean reachesResidents)
      implements Sequenced {
    @Override
    public String privateRecipient() {
      return question.authorId();
    }
  }

  /**
   * The stage changed; {@code questionId} is {@code null} when no question of this session is on stage.
   * {@code carriedOver} is the follow-up code of an earlier session's question put on stage instead (series
   * carry-over), else {@code null}.
   */
  record StageChanged(String sessionId, long seq, String questionId, String carriedOver) implements Sequenced {
    /** A question of this session on stage, or an empty stage. */
    public StageChanged(String sessionId, long seq, String questionId) {
      this(sessionId, seq, questionId, null);
    }

    @Override
    public boolean reachesResidents() {
      return true;
    }

    @Override
    public String privateRecipient() {
      return null;
    }
  }

  /** The session's status or settings changed. */
  record SessionChanged(String sessionId, long seq, Session session) implements Sequenced {
    @Override
    public boolean reachesResidents() {
      return true;
    }

    @Override
    public String privateRecipient() {
      return null;
    }
  }

  /**
   * A poll was prepared, opened, closed or one of its answers hidden: the whole poll with its results at that
   * moment. Residents and the stage receive it once the poll is no longer a draft (without the results while
   * they are hidden: see {@link Poll#resultsVisibleTo}).
   */
  record PollChanged(String sessionId, long seq, Poll poll) implements Sequenced {
    @Override
    public boolean reachesResidents() {
      return poll.status() != PollStatus.DRAFT;
    }

    @Override
    public String privateRecipient() {
      return null;
    }
  }

  /**
   * Coalesced results of polls whose answers changed, by poll id, each with its results version (the newest wins).
   * Not logged: a poll's final results travel with its {@link PollChanged} at close.
   */
  record PollResultsChanged(String sessionId, Map<String, PollResults> results) implements SessionEvent {
  }

  /**
   * Absolute vote counts of questions whose count changed. Each count carries the session's vote version at which
   * it was read, so a receiver keeps the newest whatever order counts from several nodes arrive in.
   */
  record VoteCounts(String sessionId, Map<String, VoteCount> counts) implements SessionEvent {
  }

  /** How many sockets are connected to the session across all nodes, as of {@code at} (Redis time, ms). */
  record PresenceChanged(String sessionId, int count, long at) implements SessionEvent {
  }

  /**
   * Moderator or stage tokens were revoked: every socket holding a token of a generation older than
   * {@code generations} says must be closed. Not logged: a node that misses it still refuses the old tokens at their
   * next hello, and every HTTP request checks the generation.
   */
  record TokensRevoked(String sessionId, TokenGenerations generations) implements SessionEvent {
  }

  /** A question's vote count as of the session's vote {@code version}. */
  record VoteCount(int votes, long version) {
  }
}

package townhall.protocol;

import java.util.List;
import java.util.Map;
import townhall.domain.ErrorCode;
import townhall.domain.Poll;
import townhall.domain.PollResults;
import townhall.domain.Question;
import townhall.domain.Role;
import townhall.domain.Session;
import townhall.domain.SessionEvent;
import townhall.domain.VoteSignals;

/** A message to a client; {@link MessageCodec} is the only place that turns it into JSON. */
public sealed interface ServerMessage {

  ServerType type();

  /** Who the client is in this session; the token is to be sent in every later {@code hello}. */
  record Identity(String id, String token) {
  }

  /** A question as one participant sees it in a snapshot, in the form for that participant's {@code audience}. */
  record QuestionView(Question question, boolean voted, boolean mine, Audience audience) {
  }

  /**
   * A snapshot, the answer to a {@code hello} without a usable {@code since}. Bounded: it carries the top questions
   * by votes, the newest, the one on stage and the participant's own; {@code more} says whether there are others
   * to read with {@code page}.
   */
  record Welcome(Identity participant, Role role, Session session, long seq, String epoch, String stage,
      int presence, List<QuestionView> questions, boolean more, List<PollView> polls) implements ServerMessage {

    /** A welcome of a session without polls the participant may see. */
    public Welcome(Identity participant, Role role, Session session, long seq, String epoch, String stage,
        int presence, List<QuestionView> questions, boolean more) {
      this(participant, role, session, seq, epoch, stage, presence, questions, more, List.of());
    }

    public ServerType type() {
      return ServerType.WELCOME;
    }
  }

  /** The answer to a {@code hello} whose {@code since} is still in the log; the missed events follow. */
  record Resumed(Identity participant, Role role, long since, long seq, String epoch, int presence)
      implements ServerMessage {
    public ServerType type() {
      return ServerType.RESUMED;
    }
  }

  /**
   * An action was applied, or had been with the same {@code ref} ({@code duplicate}). Optional results are
   * {@code null} when they do not apply; {@code version} is the vote version of {@code votes}; {@code status} is the
   * session's status after a {@code session} action.
   */
  record Ack(String ref, String questionId, Integer votes, Boolean voted, Long version, String status,
      boolean duplicate, String poll)
      implements ServerMessage {

    /** An ack that names no poll. */
    public Ack(String ref, String questionId, Integer votes, Boolean voted, Long version, String status,
        boolean duplicate) {
      this(ref, questionId, votes, voted, version, status, duplicate, null);
    }

    public ServerType type() {
      return ServerType.ACK;
    }
  }

  /** An action was refused and changed nothing. {@code ref} is {@code null} when unknown. */
  record Error(String ref, ErrorCode code, String message, long retryAfterMs) implements ServerMessage {
    public ServerType type() {
      return ServerType.ERROR;
    }
  }

  /**
   * A question was created or changed, in the form for its {@code audience}: the author's form adds the rejection
   * reason and the author's tag, the moderators' form also the content flags.
   */
  record QuestionEvent(long seq, Question question, Audience audience) implements ServerMessage {
    public ServerType type() {
      return ServerType.QUESTION;
    }
  }

  /**
   * Coalesced absolute vote counts, each with the vote version it was read at (on the wire: {@code counts} and
   * {@code versions}), so a client can drop a count older than one it already has.
   */
  record Votes(Map<String, SessionEvent.VoteCount> counts) implements ServerMessage {
    public ServerType type() {
      return ServerType.VOTES;
    }
  }

  /**
   * What is on stage now; {@code questionId} {@code null} for no question of this session. {@code carriedOver}: the
   * follow-up code of an earlier session's question on stage instead (series carry-over), else {@code null}.
   */
  record Stage(long seq, String questionId, String carriedOver) implements ServerMessage {
    /** A question of this session on stage, or nothing. */
    public Stage(long seq, String questionId) {
      this(seq, questionId, null);
    }

    public ServerType type() {
      return ServerType.STAGE;
    }
  }

  /** The session's status or settings changed. */
  record SessionUpdate(long seq, Session session) implements ServerMessage {
    public ServerType type() {
      return ServerType.SESSION;
    }
  }

  /** How many are connected. */
  record Presence(int count) implements ServerMessage {
    public ServerType type() {
      return ServerType.PRESENCE;
    }
  }

  /** The vote signals a moderator asked for with {@code ref}. */
  record Signals(String ref, VoteSignals.Report report) implements ServerMessage {
    public ServerType type() {
      return ServerType.SIGNALS;
    }
  }

  /**
   * One page of questions, the answer to a {@code page} request with {@code ref}: in {@code order}
   * ({@code popular} or {@code recent}), of {@code status} when a moderator asked for one (else {@code null});
   * {@code cursor} asks for the next page, {@code null} after the last.
   */
  record Page(String ref, String order, String status, List<QuestionView> questions, String cursor)
      implements ServerMessage {
    public ServerType type() {
      return ServerType.PAGE;
    }
  }

  /**
   * A poll as one audience sees it: {@code withResults} false leaves its results out (hidden until close from
   * residents and the stage, see {@link Poll#resultsVisibleTo}).
   */
  record PollView(Poll poll, boolean withResults) {
  }

  /**
   * A poll was prepared, opened, closed or an answer hidden ({@code seq} of the logged event), in the form for the
   * receiver.
   */
  record PollEvent(long seq, PollView view) implements ServerMessage {
    public ServerType type() {
      return ServerType.POLL;
    }
  }

  /**
   * A poll as it is now with its newest results, not logged (no {@code seq}): the coalesced results of a poll whose
   * answers changed (at most one per poll per tick), and the closing part of a resume. Only to receivers who may
   * see the results; absolute, with the results' version, so a client keeps the newest.
   */
  record PollState(PollView view) implements ServerMessage {
    public ServerType type() {
      return ServerType.POLL;
    }
  }

  /** The answer to {@code ping}. */
  record Pong() implements ServerMessage {
    public ServerType type() {
      return ServerType.PONG;
    }
  }
}

package townhall.service;

import io.vertx.core.Future;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.Session;

/**
 * Gives the stage screen and the speaker view of a session a token of their own: a read-only capability that sees
 * what residents see and may do nothing but ping. It is not a moderator credential and makes no resident identity.
 * Who may ask for one (the organizer, a moderator) is the transport's business.
 */
public final class IssueStageToken {
  private final SessionService sessions;
  private final Tokens tokens;
  private final RandomIds ids;

  public IssueStageToken(SessionService sessions, Tokens tokens, RandomIds ids) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.ids = ids;
  }

  /** A stage token for the session with this id; fails with {@code not_found} when there is none. */
  public Future<String> issue(String sessionId) {
    return sessions.find(sessionId).map(this::forSession);
  }

  /** A stage token for a session known to exist (one just created, say). */
  public String forSession(Session session) {
    return tokens.sign(new Participant(session.id(), "s-" + ids.participantId(), Role.STAGE));
  }
}

package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.store.SessionStore;

/**
 * The organizer deletes a session and everything it holds (questions, votes, record, identities, tokens' state,
 * join code); afterwards its id and join code are unknown. Who may is the transport's business (the admin token).
 */
public final class DeleteSession {
  private final SessionStore sessions;

  public DeleteSession(SessionStore sessions) {
    this.sessions = sessions;
  }

  /** Fails {@code not_found} when there is no such session. */
  public Future<Void> delete(String sessionId) {
    if (sessionId == null || !sessionId.matches("[A-Za-z0-9]{1,64}")) {
      return Future.failedFuture(DomainException.notFound("No such session"));
    }
    return sessions.delete(sessionId);
  }
}

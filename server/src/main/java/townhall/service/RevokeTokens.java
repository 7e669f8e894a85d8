package townhall.service;

import io.vertx.core.Future;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.Role;
import townhall.domain.TokenGenerations;
import townhall.store.SessionStore;

/**
 * The organizer revokes every moderator and/or stage token issued so far for a session (a link that leaked, a
 * moderator who left): they are refused from now on, at a hello and as an HTTP bearer, and the sockets that hold
 * one are closed on every node. Links issued afterwards work. Residents' tokens are not revoked this way.
 */
public final class RevokeTokens {
  private final SessionStore sessions;

  public RevokeTokens(SessionStore sessions) {
    this.sessions = sessions;
  }

  /** Fails {@code bad_request} for no role or a resident's, {@code not_found} for an unknown session. */
  public Future<TokenGenerations> revoke(String sessionId, Set<Role> roles) {
    if (roles.isEmpty() || roles.contains(Role.RESIDENT)) {
      return Future.failedFuture(
          DomainException.badRequest("'roles' lists \"moderator\", \"stage\" and/or \"clerk\""));
    }
    return sessions.revokeTokens(sessionId, roles);
  }
}

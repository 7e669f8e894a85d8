package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.store.SessionStore;

/**
 * Checks a participant token for a session, revocation included: a moderator or stage token is refused once the
 * organizer revoked its role's tokens after it was issued (its generation is older than the session's). The one
 * check behind a WebSocket hello and an HTTP bearer.
 */
public final class CheckToken {
  private final Tokens tokens;
  private final SessionStore sessions;

  public CheckToken(Tokens tokens, SessionStore sessions) {
    this.tokens = tokens;
    this.sessions = sessions;
  }

  /**
   * The token's holder; fails with {@code unauthorized} (saying why) for a refused or revoked token, and with
   * {@code not_found} when a moderator's or stage token names a session that no longer exists.
   */
  public Future<Tokens.Verified> check(String token, String sessionId) {
    Tokens.Verified verified;
    try {
      verified = tokens.require(token, sessionId);
    } catch (DomainException refused) {
      return Future.failedFuture(refused);
    }
    if (!verified.participant().role().privileged()) {
      return Future.succeededFuture(verified);
    }
    return sessions.tokenGenerations(sessionId).map(generations -> {
      if (generations.revokes(verified.participant().role(), verified.generation())) {
        throw new DomainException(ErrorCode.UNAUTHORIZED, Tokens.Refusal.REVOKED.message());
      }
      return verified;
    });
  }
}

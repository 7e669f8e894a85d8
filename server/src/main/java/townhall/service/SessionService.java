package townhall.service;

import io.vertx.core.Future;
import java.util.Optional;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.Role;
import townhall.domain.Session;
import townhall.domain.SessionStatus;
import townhall.domain.TextRules;
import townhall.store.SessionStore;

/** Creating sessions and finding them by id or join code. */
public final class SessionService {
  private final SessionStore sessions;
  private final IssueLinkToken linkTokens;
  private final RandomIds ids;
  private final TownhallConfig.Limits limits;

  public SessionService(SessionStore sessions, IssueLinkToken linkTokens, RandomIds ids,
      TownhallConfig.Limits limits) {
    this.sessions = sessions;
    this.linkTokens = linkTokens;
    this.ids = ids;
    this.limits = limits;
  }

  /** What an organizer asks for; {@code title} is raw input. */
  public record NewSession(String title, Moderation moderation, boolean anonymousAllowed, Language language) {
  }

  /** A created session, the token its moderators use and the one its stage screen and speaker view use. */
  public record CreatedSession(Session session, String moderatorToken, String stageToken) {
  }

  public Future<CreatedSession> create(NewSession request) {
    String title;
    try {
      title = TextRules.title(request.title(), limits.titleLength());
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    Session draft = new Session(ids.sessionId(), null, title, SessionStatus.OPEN, request.moderation(),
        request.anonymousAllowed(), request.language(), limits.questionLength(), 0);
    return sessions.create(draft, ids.secret(12), ids::joinCode).map(session -> new CreatedSession(session,
        linkTokens.forSession(session, Role.MODERATOR), linkTokens.forSession(session, Role.STAGE)));
  }

  /** A title as the catalog keeps it (trimmed, normalised, within the title limit); bad_request otherwise. */
  public String title(String raw) {
    return TextRules.title(raw, limits.titleLength());
  }

  public Future<Session> find(String sessionId) {
    return sessions.find(sessionId).map(found -> orNotFound(found, "No such session"));
  }

  public Future<Session> findByCode(String code) {
    if (code == null || !code.matches("\\d{6}")) {
      return Future.failedFuture(DomainException.notFound("No session has this code"));
    }
    return sessions.findByCode(code).map(found -> orNotFound(found, "No session has this code"));
  }

  private static Session orNotFound(Optional<Session> session, String message) {
    return session.orElseThrow(() -> DomainException.notFound(message));
  }
}

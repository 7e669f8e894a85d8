package townhall.http;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.service.Tokens;

/** Who an {@code Authorization: Bearer} header stands for: the organizer (the admin token) or a session's token. */
final class Bearers {
  /** The participant id the organizer acts as (the record shows it as the organizer, not as a moderator number). */
  static final String ORGANIZER = "organizer";

  private final Tokens tokens;
  private final String adminToken;

  Bearers(Tokens tokens, String adminToken) {
    this.tokens = tokens;
    this.adminToken = adminToken;
  }

  /** The organizer or a moderator of the session, or {@code null} for anything else (no header included). */
  Participant moderatorOrAdmin(String authorization, String sessionId) {
    String token = bearer(authorization);
    if (token == null) {
      return null;
    }
    if (isAdminToken(token)) {
      return new Participant(sessionId, ORGANIZER, Role.MODERATOR);
    }
    return tokens.verify(token, sessionId).map(Tokens.Verified::participant)
        .filter(p -> p.role() == Role.MODERATOR).orElse(null);
  }

  /**
   * The organizer or a moderator acting on the session of the request's path; otherwise the request is answered
   * (404 for a malformed id, 401 without a fitting token) and the answer is {@code null}.
   */
  Participant moderatorOrAdminOf(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id == null) {
      return null;
    }
    Participant actor = moderatorOrAdmin(rc.request().getHeader("Authorization"), id);
    if (actor == null) {
      HttpErrors.send(rc, ErrorCode.UNAUTHORIZED, "The organizer's or a moderator's token is required");
    }
    return actor;
  }

  /**
   * The id of the path's session when the organizer asks; otherwise the request is answered (404 for a malformed id,
   * 401 without the admin token) and the answer is {@code null}.
   */
  String sessionForAdmin(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id == null) {
      return null;
    }
    if (!isAdmin(rc.request().getHeader("Authorization"))) {
      HttpErrors.send(rc, ErrorCode.UNAUTHORIZED, "The organizer's admin token is required");
      return null;
    }
    return id;
  }

  boolean isAdmin(String authorization) {
    String token = bearer(authorization);
    return token != null && isAdminToken(token);
  }

  private boolean isAdminToken(String token) {
    return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8));
  }

  /** The token of a {@code Bearer} header, or {@code null} when there is none. */
  static String bearer(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    return authorization.substring("Bearer ".length()).trim();
  }
}

package townhall.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

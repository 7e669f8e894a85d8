package townhall.service;

import io.vertx.core.Future;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.Session;
import townhall.domain.TokenGenerations;
import townhall.store.SessionStore;

/**
 * Tokens for the links an organizer hands out: a moderator's, and the stage's, a read-only capability for the stage
 * screen and the speaker view that sees what residents see and may do nothing but ping (it is not a moderator
 * credential and makes no resident identity). Who may ask for which (the organizer, a moderator) is the transport's
 * business.
 */
public final class IssueLinkToken {
  /** The participant id (after {@code m-} or {@code s-}) of the links the organizer page fetches. */
  static final String ORGANIZER_LINK = "organizer-link";

  private final SessionStore sessions;
  private final Tokens tokens;
  private final RandomIds ids;

  public IssueLinkToken(SessionStore sessions, Tokens tokens, RandomIds ids) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.ids = ids;
  }

  /**
   * A new token of {@code role} ({@link Role#MODERATOR}, {@link Role#STAGE} or {@link Role#CLERK}) for the session with this id; fails
   * with {@code not_found} when there is none.
   */
  public Future<String> issue(String sessionId, Role role) {
    // of the role's current generation, so a link issued after a revocation works
    return sessions.tokenGenerations(sessionId).map(generations -> sign(sessionId, role, generations.of(role)));
  }

  /**
   * A token of {@code role} for the organizer's own link of the session: always the same participant
   * ({@value #ORGANIZER_LINK} after the role's prefix), so fetching the links again (an organizer page that keeps
   * no tokens) does not make a new moderator each time. Of the role's current generation; fails {@code not_found}.
   */
  public Future<String> organizerLink(String sessionId, Role role) {
    return sessions.tokenGenerations(sessionId).map(generations -> tokens.sign(
        new Participant(sessionId, prefix(role) + ORGANIZER_LINK, role), generations.of(role)));
  }

  /**
   * A moderator token for a signed-in account that may moderate the session (the caller checked it): always the same
   * participant for one account ({@code m-account-<id>}), so opening the console again from the home is the same
   * moderator. Of the current generation; fails {@code not_found}.
   */
  public Future<String> forAccount(String sessionId, long accountId) {
    return sessions.tokenGenerations(sessionId).map(generations -> tokens.sign(
        new Participant(sessionId, prefix(Role.MODERATOR) + "account-" + accountId, Role.MODERATOR),
        generations.of(Role.MODERATOR)));
  }

  /**
   * A clerk token for a signed-in account that may enter questions in the session (the caller checked it): always the
   * same participant for one account ({@code c-account-<id>}), so the clerk's entries stay its own when the page is
   * opened again. Of the current generation; fails {@code not_found}.
   */
  public Future<String> clerkForAccount(String sessionId, long accountId) {
    return sessions.tokenGenerations(sessionId).map(generations -> tokens.sign(
        new Participant(sessionId, prefix(Role.CLERK) + "account-" + accountId, Role.CLERK),
        generations.of(Role.CLERK)));
  }

  /** A new token of {@code role} for a session just created (its tokens are of the first generation). */
  public String forSession(Session session, Role role) {
    return sign(session.id(), role, TokenGenerations.INITIAL.of(role));
  }

  private String sign(String sessionId, Role role, long generation) {
    return tokens.sign(new Participant(sessionId, prefix(role) + ids.participantId(), role), generation);
  }

  private static String prefix(Role role) {
    return switch (role) {
      case MODERATOR -> "m-";
      case STAGE -> "s-";
      case CLERK -> "c-";
      case RESIDENT -> throw new IllegalArgumentException("Residents get their tokens by saying hello");
    };
  }
}

package townhall.domain;

/** Someone connected to a session: a resident with a stable pseudonymous id, or a moderator. */
public record Participant(String sessionId, String id, Role role) {
}

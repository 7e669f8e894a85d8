package townhall.domain;

/** Someone connected to a session: a resident with a stable pseudonymous id, a moderator, or a stage screen. */
public record Participant(String sessionId, String id, Role role) {
}

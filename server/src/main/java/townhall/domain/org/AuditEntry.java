package townhall.domain.org;

import java.time.Instant;

/** One line of the audit log: who ({@link Actor#auditName()}), what, on what, in which organization. */
public record AuditEntry(Instant at, String actor, Long organizationId, String action, String subject) {
}

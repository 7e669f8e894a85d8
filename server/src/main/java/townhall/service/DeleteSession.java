package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.org.Actor;
import townhall.domain.org.CatalogEntry;
import townhall.domain.org.OrgAction;
import townhall.store.AuditLog;
import townhall.store.CatalogStore;
import townhall.store.SessionStore;
import townhall.store.SlipStore;

/**
 * Deletes a session and everything it holds in Redis (questions, votes, record, identities, tokens' state, join
 * code); afterwards its id and join code are unknown. The admin token may; with PostgreSQL, so may an administrator
 * of the session's organization (or above it), and the deletion is written to the audit log. A published record
 * stays in the archive (withdraw it to take it from the public).
 */
public final class DeleteSession {
  private final SessionStore sessions;
  /** The three below are null on a node without PostgreSQL. */
  private final CatalogStore catalog;
  private final Access access;
  private final AuditLog audit;
  /** Null on a node without PostgreSQL. */
  private final SlipStore slips;

  public DeleteSession(SessionStore sessions) {
    this(sessions, null, null, null);
  }

  public DeleteSession(SessionStore sessions, CatalogStore catalog, Access access, AuditLog audit) {
    this(sessions, catalog, access, audit, null);
  }

  /** Also deletes the session's photos of paper slips that no moderator published (the published record keeps its). */
  public DeleteSession(SessionStore sessions, CatalogStore catalog, Access access, AuditLog audit, SlipStore slips) {
    this.sessions = sessions;
    this.catalog = catalog;
    this.access = access;
    this.audit = audit;
    this.slips = slips;
  }

  /** As the admin token. Fails {@code not_found} when there is no such session. */
  public Future<Void> delete(String sessionId) {
    return delete(Actor.ADMIN_TOKEN, sessionId);
  }

  /** Fails {@code not_found} when there is no such session, {@code forbidden} when the actor may not. */
  public Future<Void> delete(Actor actor, String sessionId) {
    if (sessionId == null || !sessionId.matches("[A-Za-z0-9]{1,64}")) {
      return Future.failedFuture(DomainException.notFound("No such session"));
    }
    Future<Long> organization = catalog == null ? Future.succeededFuture(null)
        : catalog.find(sessionId).map(found -> found.map(CatalogEntry::organizationId).orElse(null));
    return organization.compose(orgId -> allowed(actor, orgId)
        .compose(ok -> sessions.delete(sessionId))
        .compose(deleted -> slips == null ? Future.succeededFuture(deleted)
            : slips.dropUnpublished(sessionId).map(deleted))
        .compose(deleted -> audit == null ? Future.<Void>succeededFuture()
            : audit.append(actor.auditName(), orgId, "session.delete", sessionId)));
  }

  private Future<Void> allowed(Actor actor, Long organizationId) {
    if (actor.adminToken()) {
      return Future.succeededFuture();
    }
    if (organizationId == null || access == null) {
      return Future.failedFuture(DomainException.forbidden("Only an administrator of its organization deletes a"
          + " session"));
    }
    return access.require(actor, OrgAction.DELETE_SESSIONS, organizationId);
  }
}

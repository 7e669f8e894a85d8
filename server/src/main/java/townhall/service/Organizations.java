package townhall.service;

import io.vertx.core.Future;
import townhall.domain.org.Actor;
import townhall.domain.org.NewOrganization;
import townhall.domain.org.OrgAction;
import townhall.domain.org.Organization;
import townhall.store.AuditLog;
import townhall.store.OrganizationStore;

/** Adds organizations to the tree (administrators of the parent, or the automation bearer). */
public final class Organizations {
  private final OrganizationStore organizations;
  private final Access access;
  private final AuditLog audit;

  public Organizations(OrganizationStore organizations, Access access, AuditLog audit) {
    this.organizations = organizations;
    this.access = access;
    this.audit = audit;
  }

  public Future<Organization> create(Actor actor, NewOrganization request) {
    return access.require(actor, OrgAction.MANAGE_ORGANIZATIONS, request.parentSlug())
        .compose(parent -> organizations.create(request))
        .compose(created -> audit.append(actor.auditName(), created.parentId(), "organization.create",
            created.slug()).map(created));
  }
}

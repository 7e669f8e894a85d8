package townhall.service;

import io.vertx.core.Future;
import java.util.HashSet;
import townhall.domain.DomainException;
import townhall.domain.org.Actor;
import townhall.domain.org.OrgAction;
import townhall.domain.org.Organization;
import townhall.store.OrganizationStore;

/**
 * The one place that decides whether an actor may act in an organization: a role held there or in any organization
 * above it, that allows the action. Every route that acts for an account goes through here.
 */
public final class Access {
  private final OrganizationStore organizations;

  public Access(OrganizationStore organizations) {
    this.organizations = organizations;
  }

  /** The organization named {@code slug} when the actor may do {@code action} there; not_found or forbidden. */
  public Future<Organization> require(Actor actor, OrgAction action, String slug) {
    return organization(slug).compose(org -> require(actor, action, org.id()).map(org));
  }

  /** Succeeds when the actor may do {@code action} in the organization; forbidden otherwise. */
  public Future<Void> require(Actor actor, OrgAction action, long organizationId) {
    if (actor.adminToken()) {
      return Future.succeededFuture();
    }
    return organizations.lineage(organizationId).compose(lineage -> actor.may(action, new HashSet<>(lineage))
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(DomainException.forbidden("Your roles do not allow this in this organization")));
  }

  /** The organization named {@code slug}, or not_found. */
  public Future<Organization> organization(String slug) {
    return organizations.findBySlug(slug).map(found -> found.orElseThrow(
        () -> DomainException.notFound("No organization '" + slug + "'")));
  }
}

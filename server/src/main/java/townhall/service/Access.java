package townhall.service;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.domain.DomainException;
import townhall.domain.org.Actor;
import townhall.domain.org.CatalogEntry;
import townhall.domain.org.OrgAction;
import townhall.domain.org.Organization;
import townhall.domain.org.RoleGrant;
import townhall.store.CatalogStore;
import townhall.store.OrganizationStore;

/**
 * The one place that decides whether an actor may act in an organization: a role held there or in any organization
 * above it, that allows the action. Every route that acts for an account goes through here; a route on one session
 * asks about the organization whose catalog holds the session.
 */
public final class Access {
  private final OrganizationStore organizations;
  private final CatalogStore catalog;

  public Access(OrganizationStore organizations, CatalogStore catalog) {
    this.organizations = organizations;
    this.catalog = catalog;
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

  /**
   * The catalog entry of the session when the actor may do {@code action} in its organization: not_found for a
   * session no catalog holds, forbidden for one of an organization the actor's roles do not reach.
   */
  public Future<CatalogEntry> requireSession(Actor actor, OrgAction action, String sessionId) {
    return catalog.find(sessionId).compose(found -> {
      CatalogEntry entry = found.orElse(null);
      if (entry == null) {
        return Future.failedFuture(DomainException.notFound("No such session in a catalog"));
      }
      return require(actor, action, entry.organizationId()).map(entry);
    });
  }

  /**
   * Every organization where the account's roles allow {@code action}: those it holds such a role in and all below
   * them, each once. The admin bearer holds no role, so it reaches none here (it names organizations itself).
   */
  public Future<List<Organization>> reachable(Actor actor, OrgAction action) {
    Map<Long, Organization> found = new LinkedHashMap<>();
    Future<Void> walk = Future.succeededFuture();
    for (RoleGrant grant : actor.grants()) {
      if (grant.role().allows(action)) {
        walk = walk.compose(done -> organization(grant.organizationSlug())).compose(org -> below(org, found));
      }
    }
    return walk.map(done -> new ArrayList<>(found.values()));
  }

  /** An organization the account's roles reach, with every action they allow there. */
  public record Reach(Organization organization, java.util.Set<OrgAction> may) {
    public Reach {
      may = java.util.Set.copyOf(may);
    }
  }

  /**
   * Every organization where the account holds a role or that lies below one, each once with what its roles allow
   * there (a role held higher up counts too): one walk of each granted subtree. The admin bearer reaches none here.
   */
  public Future<List<Reach>> reach(Actor actor) {
    Map<Long, Organization> orgs = new LinkedHashMap<>();
    Map<Long, java.util.Set<OrgAction>> may = new java.util.HashMap<>();
    Future<Void> walk = Future.succeededFuture();
    for (RoleGrant grant : actor.grants()) {
      Map<Long, Organization> subtree = new LinkedHashMap<>();
      walk = walk.compose(done -> organization(grant.organizationSlug())).compose(org -> below(org, subtree))
          .map(done -> {
            for (Organization org : subtree.values()) {
              orgs.putIfAbsent(org.id(), org);
              java.util.Set<OrgAction> actions = may.computeIfAbsent(org.id(),
                  id -> java.util.EnumSet.noneOf(OrgAction.class));
              for (OrgAction action : OrgAction.values()) {
                if (grant.role().allows(action)) {
                  actions.add(action);
                }
              }
            }
            return null;
          });
    }
    return walk.map(done -> orgs.values().stream().map(org -> new Reach(org, may.get(org.id()))).toList());
  }

  private Future<Void> below(Organization org, Map<Long, Organization> found) {
    if (found.putIfAbsent(org.id(), org) != null) {
      return Future.succeededFuture();
    }
    return organizations.children(org.id()).compose(children -> {
      Future<Void> each = Future.succeededFuture();
      for (Organization child : children) {
        each = each.compose(done -> below(child, found));
      }
      return each;
    });
  }

  /** An agency's desk as an actor reaches it: as one of its organizers, or as one of its responders. */
  public record Desk(Organization agency, boolean organizer) {
  }

  /**
   * The agency named {@code slug} when the actor may work at its desk (its inbox, drafts, attachments): a responder
   * of the agency (or above it), or an organizer of its organization or one above (the admin bearer counts as an
   * organizer); not_found for a slug that names no agency, forbidden for anyone else (a resident, a moderator, a
   * responder of another agency).
   */
  public Future<Desk> requireDesk(Actor actor, String slug) {
    return organization(slug).compose(org -> org.kind() != townhall.domain.org.OrgKind.AGENCY
        ? Future.failedFuture(DomainException.notFound("'" + slug + "' is not an agency"))
        : require(actor, OrgAction.MANAGE_SESSIONS, org.id()).map(organizer -> new Desk(org, true))
            .recover(notOrganizer -> require(actor, OrgAction.RESPOND, org.id()).map(responder -> new Desk(org,
                false))));
  }

  /** The organization named {@code slug}, or not_found. */
  public Future<Organization> organization(String slug) {
    return organizations.findBySlug(slug).map(found -> found.orElseThrow(
        () -> DomainException.notFound("No organization '" + slug + "'")));
  }
}

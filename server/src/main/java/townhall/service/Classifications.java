package townhall.service;

import io.vertx.core.Future;
import java.util.List;
import townhall.domain.org.Actor;
import townhall.domain.org.OrgAction;
import townhall.domain.topic.Area;
import townhall.domain.topic.Classification;
import townhall.domain.topic.ClassificationRules;
import townhall.domain.topic.Topic;
import townhall.store.AuditLog;
import townhall.store.CatalogStore;
import townhall.store.ClassificationStore;

/**
 * The topics and areas questions are classified by: each organization's lists (read by anyone, changed by those
 * who may manage its sessions: its organizers and administrators, there or above), and a session's lists (its
 * organization's, or the default topics and no areas for a session no catalog holds, and on a node without
 * PostgreSQL).
 */
public final class Classifications {
  /** Null on a node without PostgreSQL. */
  private final ClassificationStore store;
  private final CatalogStore catalog;
  private final Access access;
  private final AuditLog audit;

  public Classifications(ClassificationStore store, CatalogStore catalog, Access access, AuditLog audit) {
    this.store = store;
    this.catalog = catalog;
    this.access = access;
    this.audit = audit;
  }

  /** For a node without PostgreSQL: every session has the default lists. */
  public static Classifications defaults() {
    return new Classifications(null, null, null, null);
  }

  /** The lists of the organization named {@code slug}; {@code not_found} for none. */
  public Future<Classification> ofOrganization(String slug) {
    if (store == null) {
      return Future.failedFuture(townhall.domain.DomainException.notFound("No organizations on this node"));
    }
    return access.organization(slug).compose(org -> store.of(org.id()));
  }

  /** The session's lists (the caller knows the session exists). */
  public Future<Classification> ofSession(String sessionId) {
    if (store == null) {
      return Future.succeededFuture(Classification.DEFAULT);
    }
    return catalog.find(sessionId).compose(entry -> entry.isEmpty()
        ? Future.succeededFuture(Classification.DEFAULT) : store.of(entry.get().organizationId()));
  }

  /**
   * The lists of a session Redis may no longer hold (its record archived): its organization's, when a catalog holds
   * the session; {@code not_found} otherwise (and on a node without PostgreSQL), as for an unknown session.
   */
  public Future<Classification> ofCatalogued(String sessionId) {
    if (store == null) {
      return Future.failedFuture(townhall.domain.DomainException.notFound("No such session"));
    }
    return catalog.find(sessionId).compose(entry -> entry.isEmpty()
        ? Future.failedFuture(townhall.domain.DomainException.notFound("No such session"))
        : store.of(entry.get().organizationId()));
  }

  /** Replaces the organization's topics; answers them as kept. */
  public Future<List<Topic>> replaceTopics(Actor actor, String slug, List<Topic> given) {
    List<Topic> topics;
    try {
      topics = ClassificationRules.topics(given);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return access.require(actor, OrgAction.MANAGE_SESSIONS, slug)
        .compose(org -> store.replaceTopics(org.id(), topics)
            .compose(done -> audit.append(actor.auditName(), org.id(), "topics.replace", slug)))
        .map(topics);
  }

  /** Replaces the organization's areas; answers them as kept. */
  public Future<List<Area>> replaceAreas(Actor actor, String slug, List<Area> given) {
    List<Area> areas;
    try {
      areas = ClassificationRules.areas(given);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return access.require(actor, OrgAction.MANAGE_SESSIONS, slug)
        .compose(org -> store.replaceAreas(org.id(), areas)
            .compose(done -> audit.append(actor.auditName(), org.id(), "areas.replace", slug)))
        .map(areas);
  }
}

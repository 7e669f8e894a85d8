package townhall.service;

import io.vertx.core.Future;
import java.util.List;
import townhall.domain.DomainException;
import townhall.domain.StreamSettings;
import townhall.domain.org.Actor;
import townhall.domain.org.OrgAction;
import townhall.store.AuditLog;
import townhall.store.OrgEmbeddingStore;

/**
 * The sites that may embed the resident widget ({@code /embed/<code>}) of every session of an organization, beside
 * each session's own ({@link StreamLinks}): read by anyone (they are in every widget's response header anyway),
 * replaced by those who may manage the organization's sessions (its organizers and administrators, there or above:
 * {@link Access}), with the same checks as a session's origins. A node without PostgreSQL has none.
 */
public final class OrgEmbedding {
  /** Null on a node without PostgreSQL. */
  private final OrgEmbeddingStore store;
  private final Access access;
  private final AuditLog audit;

  public OrgEmbedding(OrgEmbeddingStore store, Access access, AuditLog audit) {
    this.store = store;
    this.access = access;
    this.audit = audit;
  }

  /** For a node without PostgreSQL: no organization allows any site. */
  public static OrgEmbedding none() {
    return new OrgEmbedding(null, null, null);
  }

  /** The origins of the organization named {@code slug}; {@code not_found} for none. */
  public Future<List<String>> of(String slug) {
    if (store == null) {
      return Future.failedFuture(DomainException.notFound("No organizations on this node"));
    }
    return access.organization(slug).compose(org -> store.origins(org.id()));
  }

  /**
   * The origins the organization of the session allows, for its widget's {@code frame-ancestors}: empty for a
   * session no catalog holds, and when the store cannot be read (a widget then allows the session's own origins
   * only: never more than was allowed). A stored origin that no longer passes the checks drops the list.
   */
  public Future<List<String>> ofSession(String sessionId) {
    if (store == null) {
      return Future.succeededFuture(List.of());
    }
    return store.originsOfSession(sessionId).map(StreamSettings::embedOrigins).otherwise(List.of());
  }

  /**
   * Validates ({@link StreamSettings#embedOrigins}) and replaces the organization's origins, noted in its audit
   * log as {@code org.stream}; answers them as kept. {@code bad_request}, {@code forbidden} and {@code not_found}
   * change nothing.
   */
  public Future<List<String>> replace(Actor actor, String slug, Object embedOrigins) {
    if (store == null) {
      return Future.failedFuture(DomainException.notFound("No organizations on this node"));
    }
    List<String> origins;
    try {
      origins = StreamSettings.embedOrigins(embedOrigins);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return access.require(actor, OrgAction.MANAGE_SESSIONS, slug)
        .compose(org -> store.replace(org.id(), origins)
            .compose(done -> audit.append(actor.auditName(), org.id(), "org.stream", slug)))
        .map(origins);
  }
}

package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.StreamSettings;
import townhall.domain.org.Slugs;
import townhall.service.OrgEmbedding;
import townhall.service.StreamLinks;

/**
 * {@code /api/sessions/{id}/stream}: the session's livestream settings — read by anyone, replaced by the organizer
 * ({@link SessionOrganizers}); {@code /api/orgs/{slug}/stream}: the sites that may embed the widget of every session
 * of an organization — read by anyone, replaced by those who may manage its sessions (the sign-in cookie with its
 * CSRF token, or the admin bearer; {@link OrgEmbedding} asks {@code Access}); and the {@code frame-ancestors} of the
 * resident widget {@code /embed/{code}}: the session's origins and its organization's.
 */
public final class StreamRoutes {
  private static final Set<String> FIELDS = Set.of("streamUrl", "embedOrigins");
  private static final Set<String> ORG_FIELDS = Set.of("embedOrigins");

  private final StreamLinks links;
  private final OrgEmbedding organizations;
  private final SessionOrganizers organizers;
  /** Null on a node without PostgreSQL (no organization's origins can be changed there). */
  private final Callers callers;
  private final Pages.JoinCodes joinCodes;

  public StreamRoutes(StreamLinks links, OrgEmbedding organizations, HomeServices home, Bearers bearers,
      String publicUrl, Pages.JoinCodes joinCodes) {
    this.links = links;
    this.organizations = organizations;
    this.organizers = new SessionOrganizers(bearers, home, publicUrl);
    this.callers = home == null ? null : new Callers(home.signIns(), bearers, publicUrl);
    this.joinCodes = joinCodes;
  }

  public void mount(Router router) {
    router.get("/api/sessions/:id/stream").handler(this::read);
    router.put("/api/sessions/:id/stream").handler(this::replace);
    if (callers == null) {
      return; // /api/orgs/* answers 503 on a node without PostgreSQL (HomeRoutes)
    }
    router.get("/api/orgs/:slug/stream").handler(this::readOrg);
    router.put("/api/orgs/:slug/stream").handler(this::replaceOrg);
  }

  /**
   * The {@code frame-ancestors} sources of the widget of a join code: the session's embedding origins and its
   * organization's, or {@code 'none'} for an unknown code, none set, or a failed lookup (never more than allowed).
   */
  public Future<String> frameAncestors(RoutingContext rc, String code) {
    return joinCodes.find(rc, code).compose(session -> links.frameAncestors(session.id()))
        .otherwise("'none'");
  }

  private void readOrg(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug != null) {
      organizations.of(slug).onSuccess(origins -> SessionRoutes.json(rc, 200, orgJson(origins))).onFailure(rc::fail);
    }
  }

  private void replaceOrg(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug == null) {
      return;
    }
    Object origins;
    try {
      JsonObject body = OrgRoutes.strict(rc, ORG_FIELDS);
      if (!body.containsKey("embedOrigins")) {
        throw DomainException.badRequest("The body is {\"embedOrigins\": [origins]}");
      }
      origins = body.getValue("embedOrigins") instanceof JsonArray array ? array.getList()
          : body.getValue("embedOrigins");
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    callers.actor(rc).compose(actor -> organizations.replace(actor, slug, origins))
        .onSuccess(kept -> SessionRoutes.json(rc, 200, orgJson(kept))).onFailure(rc::fail);
  }

  private static JsonObject orgJson(List<String> origins) {
    return new JsonObject().put("embedOrigins", new JsonArray(new ArrayList<Object>(origins)));
  }

  private static String slugOf(RoutingContext rc) {
    String slug = rc.pathParam("slug");
    if (!Slugs.valid(slug)) {
      rc.fail(DomainException.notFound("No such organization"));
      return null;
    }
    return slug;
  }

  private void read(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id != null) {
      links.of(id).onSuccess(settings -> SessionRoutes.json(rc, 200, json(settings))).onFailure(rc::fail);
    }
  }

  private void replace(RoutingContext rc) {
    organizers.of(rc).compose(call -> {
      JsonObject body = SessionRoutes.jsonBody(rc.body().asString());
      if (!FIELDS.containsAll(body.fieldNames())) {
        throw DomainException.badRequest("The body may hold streamUrl and embedOrigins only");
      }
      Object origins = body.getValue("embedOrigins") instanceof JsonArray array ? array.getList()
          : body.getValue("embedOrigins");
      return links.replace(call.sessionId(), body.getValue("streamUrl"), origins)
          .compose(saved -> organizers.note(call, "session.stream").map(saved));
    }).onSuccess(saved -> SessionRoutes.json(rc, 200, json(saved))).onFailure(rc::fail);
  }

  static JsonObject json(StreamSettings settings) {
    return new JsonObject().put("streamUrl", settings.streamUrl())
        .put("embedOrigins", new JsonArray(settings.embedOrigins()));
  }
}

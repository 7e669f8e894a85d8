package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.StreamSettings;
import townhall.service.StreamLinks;

/**
 * {@code /api/sessions/{id}/stream}: the session's livestream settings — read by anyone, replaced by the organizer
 * ({@link SessionOrganizers}) — and the {@code frame-ancestors} of the resident widget {@code /embed/{code}}.
 */
public final class StreamRoutes {
  private static final Set<String> FIELDS = Set.of("streamUrl", "embedOrigins");

  private final StreamLinks links;
  private final SessionOrganizers organizers;
  private final Pages.JoinCodes joinCodes;

  public StreamRoutes(StreamLinks links, SessionOrganizers organizers, Pages.JoinCodes joinCodes) {
    this.links = links;
    this.organizers = organizers;
    this.joinCodes = joinCodes;
  }

  public void mount(Router router) {
    router.get("/api/sessions/:id/stream").handler(this::read);
    router.put("/api/sessions/:id/stream").handler(this::replace);
  }

  /**
   * The {@code frame-ancestors} sources of the widget of a join code: the session's embedding origins, or
   * {@code 'none'} for an unknown code, a session without origins, or a failed lookup (never more than allowed).
   */
  public Future<String> frameAncestors(RoutingContext rc, String code) {
    return joinCodes.find(rc, code).compose(session -> links.of(session.id()))
        .map(StreamSettings::frameAncestors)
        .otherwise("'none'");
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

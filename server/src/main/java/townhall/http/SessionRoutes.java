package townhall.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.Session;
import townhall.protocol.MessageCodec;
import townhall.service.SessionService;

/** {@code /api/sessions}: create (organizer), look up by id or join code (anyone). */
public final class SessionRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of("title", "moderation", "anonymous", "locale");

  private final SessionService sessions;
  private final MessageCodec codec;
  private final String adminToken;
  private final String publicUrl;

  public SessionRoutes(SessionService sessions, MessageCodec codec, String adminToken, String publicUrl) {
    this.sessions = sessions;
    this.codec = codec;
    this.adminToken = adminToken;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    router.post("/api/sessions").handler(this::create);
    router.get("/api/sessions/by-code/:code").handler(this::byCode);
    router.get("/api/sessions/:id").handler(this::byId);
  }

  private void create(RoutingContext rc) {
    if (!isAdmin(rc.request().getHeader("Authorization"))) {
      HttpErrors.send(rc, ErrorCode.UNAUTHORIZED, "The organizer's admin token is required");
      return;
    }
    SessionService.NewSession request;
    try {
      request = newSession(rc.body().asString());
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    sessions.create(request).onSuccess(created -> {
      Session s = created.session();
      String base = baseUrl(rc);
      JsonObject links = new JsonObject()
          .put("audience", base + "/j/" + s.code())
          .put("moderator", base + "/m/" + s.id() + "#token=" + created.moderatorToken())
          .put("stage", base + "/stage/" + s.id());
      json(rc, 201, new JsonObject().put("id", s.id()).put("code", s.code()).put("title", s.title())
          .put("moderatorToken", created.moderatorToken()).put("links", links));
    }).onFailure(rc::fail);
  }

  private void byCode(RoutingContext rc) {
    sessions.findByCode(rc.pathParam("code")).onSuccess(s -> json(rc, 200, new JsonObject().put("id", s.id())
        .put("code", s.code()).put("title", s.title()).put("status", s.status().wireName()))).onFailure(rc::fail);
  }

  private void byId(RoutingContext rc) {
    String id = rc.pathParam("id");
    if (!id.matches("[A-Za-z0-9]{1,64}")) {
      rc.fail(DomainException.notFound("No such session"));
      return;
    }
    sessions.find(id).onSuccess(s -> json(rc, 200, codec.session(s))).onFailure(rc::fail);
  }

  private boolean isAdmin(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, adminToken.getBytes(StandardCharsets.UTF_8));
  }

  private static SessionService.NewSession newSession(String body) {
    JsonObject json;
    try {
      json = body == null || body.isBlank() ? null : new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      json = null;
    }
    if (json == null) {
      throw DomainException.badRequest("The body must be a JSON object");
    }
    for (String field : json.fieldNames()) {
      if (!CREATE_FIELDS.contains(field)) {
        throw DomainException.badRequest("Unknown field '" + field + "'");
      }
    }
    if (!(json.getValue("title") instanceof String title)) {
      throw DomainException.badRequest("'title' is required and must be a string");
    }
    Moderation moderation = choice(json, "moderation", "pre", Set.of("pre", "post"), Moderation::fromWireName);
    Language language = choice(json, "locale", "vi", Set.of("vi", "en"), Language::fromWireName);
    Object anonymous = json.getValue("anonymous", true);
    if (!(anonymous instanceof Boolean allowed)) {
      throw DomainException.badRequest("'anonymous' must be true or false");
    }
    return new SessionService.NewSession(title, moderation, allowed, language);
  }

  private static <T> T choice(JsonObject json, String field, String fallback, Set<String> allowed,
      java.util.function.Function<String, T> parse) {
    Object value = json.getValue(field, fallback);
    if (!(value instanceof String s) || !allowed.contains(s)) {
      throw DomainException.badRequest("'" + field + "' must be one of " + allowed);
    }
    return parse.apply(s);
  }

  private String baseUrl(RoutingContext rc) {
    if (!publicUrl.isEmpty()) {
      return publicUrl;
    }
    var authority = rc.request().authority();
    String host = authority == null ? "localhost" : authority.port() >= 0
        ? authority.host() + ":" + authority.port() : authority.host();
    return rc.request().scheme() + "://" + host;
  }

  static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(body.toBuffer());
  }
}

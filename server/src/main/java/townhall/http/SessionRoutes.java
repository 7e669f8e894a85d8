package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.Session;
import townhall.protocol.MessageCodec;
import townhall.domain.Role;
import townhall.domain.org.Leader;
import townhall.domain.org.OrgAction;
import townhall.service.Catalog;
import townhall.service.ChangeSessionStatus;
import townhall.service.DeleteSession;
import townhall.service.IssueLinkToken;
import townhall.service.LookUpJoinCode;
import townhall.service.RandomIds;
import townhall.service.RevokeTokens;
import townhall.service.SessionService;

/**
 * {@code /api/sessions}: create (organizer), look up by id or join code and get the join QR code (anyone), change
 * the status and get a stage token (organizer or moderator), get a new moderator token, revoke the moderator and
 * stage tokens issued so far, and delete (organizer); open the moderator console (a signed-in account that may
 * moderate in the session's organization).
 */
public final class SessionRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of("title", "moderation", "anonymous", "locale",
      "organization", "scheduledStart", "scheduledEnd", "questionsOpenFrom", "place", "agenda", "series", "leaders");
  private static final Set<String> CATALOG_FIELDS = Set.of("organization", "scheduledStart", "scheduledEnd",
      "questionsOpenFrom", "place", "agenda", "series", "leaders");
  private static final Set<String> EDIT_FIELDS = Set.of("title", "scheduledStart", "scheduledEnd",
      "questionsOpenFrom", "place", "agenda", "series", "leaders");
  private static final Set<String> DUPLICATE_FIELDS = Set.of("title", "scheduledStart", "scheduledEnd",
      "questionsOpenFrom");

  private final SessionService sessions;
  private final LookUpJoinCode joinCodes;
  private final ClientAddresses addresses;
  private final ChangeSessionStatus changeStatus;
  private final IssueLinkToken linkTokens;
  private final DeleteSession deleteSession;
  private final RevokeTokens revokeTokens;
  private final Bearers bearers;
  private final RandomIds ids;
  private final MessageCodec codec;
  private final String publicUrl;
  /** The catalog in PostgreSQL; null on a node without one (then sessions are created as before, uncatalogued). */
  private final HomeServices home;
  private final Callers callers;
  private final SessionOrganizers organizers;

  public SessionRoutes(SessionService sessions, LookUpJoinCode joinCodes, ChangeSessionStatus changeStatus,
      IssueLinkToken linkTokens, DeleteSession deleteSession, RevokeTokens revokeTokens, Bearers bearers,
      RandomIds ids, MessageCodec codec, String publicUrl, ClientAddresses addresses,
      HomeServices home) {
    this.sessions = sessions;
    this.joinCodes = joinCodes;
    this.addresses = addresses;
    this.changeStatus = changeStatus;
    this.linkTokens = linkTokens;
    this.deleteSession = deleteSession;
    this.revokeTokens = revokeTokens;
    this.bearers = bearers;
    this.ids = ids;
    this.codec = codec;
    this.publicUrl = publicUrl;
    this.home = home;
    this.callers = home == null ? null : new Callers(home.signIns(), bearers, publicUrl);
    this.organizers = new SessionOrganizers(bearers, home, publicUrl);
  }

  public void mount(Router router) {
    router.post("/api/sessions").handler(this::create);
    router.get("/api/sessions/by-code/:code").handler(this::byCode);
    router.get("/api/sessions/:id").handler(this::byId);
    router.delete("/api/sessions/:id").handler(this::delete);
    router.post("/api/sessions/:id/status").handler(this::changeStatus);
    router.post("/api/sessions/:id/stage-token").handler(this::stageToken);
    router.post("/api/sessions/:id/moderator-token").handler(this::moderatorToken);
    router.post("/api/sessions/:id/revoke-tokens").handler(this::revokeTokens);
    router.post("/api/sessions/:id/links").handler(this::links);
    router.post("/api/sessions/:id/console").handler(this::console);
    router.post("/api/sessions/:id/clerk-token").handler(this::clerkToken);
    router.post("/api/sessions/:id/clerk").handler(this::clerkPage);
    router.get("/api/sessions/:id/qr.svg").handler(this::qrCode);
    router.put("/api/sessions/:id/catalog").handler(this::edit);
    router.post("/api/sessions/:id/duplicate").handler(this::duplicate);
  }

  private void create(RoutingContext rc) {
    if (home != null) {
      createInCatalog(rc);
      return;
    }
    bearers.admin(rc).map(admitted -> newSession(rc.body().asString())).compose(sessions::create)
        .onSuccess(created -> created(rc, created)).onFailure(rc::fail);
  }

  /**
   * Creates the session in an organization's catalog: the admin bearer, or a signed-in organizer of the organization
   * (or of one above it) with the CSRF token.
   */
  private void createInCatalog(RoutingContext rc) {
    SessionService.NewSession request;
    Catalog.Schedule schedule;
    try {
      JsonObject body = jsonBody(rc.body().asString());
      request = newSession(body);
      schedule = schedule(body, home.rootSlug());
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    callers.actor(rc).compose(actor -> home.catalog().schedule(actor, request, schedule))
        .onSuccess(scheduled -> created(rc, scheduled.created())).onFailure(rc::fail);
  }

  /**
   * The organizer replaces the catalog fields of a session ({@code PUT /api/sessions/{id}/catalog}): everything
   * editable is sent, an absent field is emptied. 200 the session as the organization's list shows it.
   */
  private void edit(RoutingContext rc) {
    String title;
    Catalog.Schedule changes;
    String id = sessionIdOf(rc);
    if (id == null) {
      return;
    }
    if (home == null) {
      rc.fail(new DomainException(ErrorCode.UNAVAILABLE, "This node has no catalog (PostgreSQL)"));
      return;
    }
    try {
      JsonObject body = OrgRoutes.strict(rc, EDIT_FIELDS);
      title = OrgRoutes.text(body, "title", null);
      changes = schedule(body, null);
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String base = baseUrl(rc);
    callers.actor(rc).compose(actor -> home.catalog().edit(actor, id, title, changes))
        .compose(edited -> home.catalog().listed(edited))
        .onSuccess(listed -> json(rc, 200, OrgRoutes.session(listed, base)))
        .onFailure(rc::fail);
  }

  /**
   * The organizer makes a new session like this one ({@code POST /api/sessions/{id}/duplicate}, body optional
   * {@code title} and times): 201 as creation answers, with the new session's links.
   */
  private void duplicate(RoutingContext rc) {
    String id = sessionIdOf(rc);
    if (id == null) {
      return;
    }
    if (home == null) {
      rc.fail(new DomainException(ErrorCode.UNAVAILABLE, "This node has no catalog (PostgreSQL)"));
      return;
    }
    String title;
    Catalog.Schedule times;
    try {
      String raw = rc.body().asString();
      JsonObject body = raw == null || raw.isBlank() ? new JsonObject() : OrgRoutes.strict(rc, DUPLICATE_FIELDS);
      title = optional(body, "title");
      times = schedule(body, null);
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    callers.actor(rc).compose(actor -> home.catalog().duplicate(actor, id, title, times))
        .onSuccess(scheduled -> created(rc, scheduled.created())).onFailure(rc::fail);
  }

  private void created(RoutingContext rc, SessionService.CreatedSession created) {
      Session s = created.session();
      String base = baseUrl(rc);
      String stageToken = created.stageToken();
      JsonObject links = stageLinks(base, s.id(), stageToken)
          .put("audience", base + "/j/" + s.code())
          .put("moderator", base + "/m/" + s.id() + "#token=" + created.moderatorToken());
      json(rc, 201, new JsonObject().put("id", s.id()).put("code", s.code()).put("title", s.title())
          .put("moderatorToken", created.moderatorToken()).put("stageToken", stageToken).put("links", links));
  }

  /** A new stage token and the stage and speaker links that carry it, for the organizer or a moderator. */
  private void stageToken(RoutingContext rc) {
    acting(rc).compose(acting -> (acting.call() == null ? Future.succeededFuture()
            : organizers.note(acting.call(), "session.links")).map(acting.participant()))
        .compose(actor -> linkTokens.issue(actor.sessionId(), Role.STAGE)
        .onSuccess(token -> json(rc, 200, new JsonObject().put("stageToken", token)
            .put("links", stageLinks(baseUrl(rc), actor.sessionId(), token))))).onFailure(rc::fail);
  }

  /**
   * A new clerk token and the clerk page's link that carries it ({@code /clerk/<id>#token=…}), for the organizer or
   * a moderator: a clerk enters questions on behalf of people who ask without a phone, and may do nothing else. Each
   * call makes a new clerk (its own pseudonym number in the record once it enters a question).
   */
  private void clerkToken(RoutingContext rc) {
    acting(rc).compose(acting -> (acting.call() == null ? Future.succeededFuture()
            : organizers.note(acting.call(), "session.links")).map(acting.participant()))
        .compose(actor -> linkTokens.issue(actor.sessionId(), Role.CLERK)
        .onSuccess(token -> json(rc, 200, new JsonObject().put("clerkToken", token)
            .put("links", new JsonObject().put("clerk", clerkLink(baseUrl(rc), actor.sessionId(), token))))))
        .onFailure(rc::fail);
  }

  /**
   * The clerk page for the signed-in account ({@code POST /api/sessions/{id}/clerk}), as {@code console} is the
   * moderator's: an account whose roles allow entering questions in the session's organization (a clerk, an
   * organizer or an administrator there or above) gets a clerk token of its own and the page's link, and the audit
   * log notes it. The admin bearer gets the organizer's own clerk link. POST: it signs a token, never cached.
   */
  private void clerkPage(RoutingContext rc) {
    String id = sessionIdOf(rc);
    if (id == null) {
      return;
    }
    if (home == null) {
      rc.fail(new DomainException(ErrorCode.UNAVAILABLE, "This node has no accounts (PostgreSQL)"));
      return;
    }
    callers.actor(rc).compose(actor -> home.access().requireSession(actor, OrgAction.ENTER_QUESTIONS, id)
            .compose(entry -> home.catalog().note(actor, entry, "session.clerk"))
            .compose(noted -> actor.adminToken() ? linkTokens.organizerLink(id, Role.CLERK)
                : linkTokens.clerkForAccount(id, actor.accountId())))
        .onSuccess(token -> json(rc, 200, new JsonObject().put("clerkToken", token)
            .put("links", new JsonObject().put("clerk", clerkLink(baseUrl(rc), id, token)))))
        .onFailure(rc::fail);
  }

  private static String clerkLink(String base, String sessionId, String clerkToken) {
    return base + "/clerk/" + sessionId + "#token=" + clerkToken;
  }

  /** A new moderator token and link, for the organizer only (an expired link, or after the secret was changed). */
  private void moderatorToken(RoutingContext rc) {
    organizer(rc, "session.links").compose(id -> linkTokens.issue(id, Role.MODERATOR).onSuccess(token -> json(rc, 200,
        new JsonObject().put("moderatorToken", token)
            .put("links", new JsonObject().put("moderator", baseUrl(rc) + "/m/" + id + "#token=" + token)))))
        .onFailure(rc::fail);
  }

  /**
   * Every link of the session again, for the organizer (an organizer page that keeps session ids, not tokens): the
   * same answer as creation gave ({@code links}, {@code moderatorToken}, {@code stageToken}), with tokens of the
   * current generation for the organizer's own moderator and stage links (one participant each, however often
   * asked). POST: it signs tokens, and the answer must never be cached.
   */
  private void links(RoutingContext rc) {
    organizer(rc, "session.links").compose(sessions::find).compose(s -> linkTokens.organizerLink(s.id(), Role.MODERATOR)
        .compose(moderatorToken -> linkTokens.organizerLink(s.id(), Role.STAGE).onSuccess(stageToken -> {
          String base = baseUrl(rc);
          JsonObject links = stageLinks(base, s.id(), stageToken).put("audience", base + "/j/" + s.code())
              .put("moderator", base + "/m/" + s.id() + "#token=" + moderatorToken);
          json(rc, 200, new JsonObject().put("id", s.id()).put("code", s.code()).put("title", s.title())
              .put("status", s.status().wireName()).put("moderatorToken", moderatorToken)
              .put("stageToken", stageToken).put("links", links));
        }))).onFailure(rc::fail);
  }

  /**
   * The moderator console for the signed-in account ({@code POST /api/sessions/{id}/console}): an account whose roles
   * allow moderating in the session's organization (a moderator, an organizer or an administrator there or above)
   * gets a moderator token of its own and the console's link (the token after '#'), and the audit log notes it. The
   * admin bearer gets the organizer's own link. POST: it signs a token, and the answer must never be cached.
   */
  private void console(RoutingContext rc) {
    String id = sessionIdOf(rc);
    if (id == null) {
      return;
    }
    if (home == null) {
      rc.fail(new DomainException(ErrorCode.UNAVAILABLE, "This node has no accounts (PostgreSQL)"));
      return;
    }
    callers.actor(rc).compose(actor -> home.access().requireSession(actor, OrgAction.MODERATE, id)
            .compose(entry -> home.catalog().note(actor, entry, "session.console"))
            .compose(noted -> actor.adminToken() ? linkTokens.organizerLink(id, Role.MODERATOR)
                : linkTokens.forAccount(id, actor.accountId())))
        .onSuccess(token -> json(rc, 200, new JsonObject().put("moderatorToken", token)
            .put("links", new JsonObject().put("moderator", baseUrl(rc) + "/m/" + id + "#token=" + token))))
        .onFailure(rc::fail);
  }

  /**
   * The organizer revokes every moderator, stage and/or clerk token issued so far ({@code {"roles": ["moderator",
   * "stage", "clerk"]}}): 200 {@code {"revoked": [...]}}. New links come from {@code moderator-token},
   * {@code stage-token} and {@code clerk-token}.
   */
  private void revokeTokens(RoutingContext rc) {
    organizer(rc, "session.revoke-links").compose(id -> {
      Set<Role> roles = rolesToRevoke(rc.body().asString());
      return revokeTokens.revoke(id, roles).onSuccess(generations -> json(rc, 200, new JsonObject()
          .put("revoked", new JsonArray(roles.stream().map(Role::wireName).sorted().toList()))));
    }).onFailure(rc::fail);
  }

  private static Set<Role> rolesToRevoke(String body) {
    JsonObject json = jsonBody(body);
    if (json.size() != 1 || !(json.getValue("roles") instanceof JsonArray roles) || roles.isEmpty()) {
      throw DomainException.badRequest(
          "The body must be {\"roles\": [\"moderator\", \"stage\", \"clerk\"]} (one or more)");
    }
    Set<Role> chosen = EnumSet.noneOf(Role.class);
    for (Object name : roles) {
      Role role = name instanceof String s ? Role.fromWireName(s) : null;
      if (role == null || !role.privileged()) {
        throw DomainException.badRequest("'roles' lists \"moderator\", \"stage\" and/or \"clerk\", got " + name);
      }
      chosen.add(role);
    }
    return chosen;
  }

  /**
   * The id of the path's session when its organizer asks (the admin bearer, or a signed-in organizer of its
   * organization), after noting {@code action} in the audit log.
   */
  private Future<String> organizer(RoutingContext rc, String action) {
    return organizers.of(rc).compose(call -> organizers.note(call, action).map(call.sessionId()));
  }

  /** Who acts on the session: a moderator or the organizer; {@code call} set for a signed-in organizer. */
  private record Acting(townhall.domain.Participant participant, SessionOrganizers.Call call) {
  }

  /** A moderator's or the organizer's bearer as before; without a bearer, a signed-in organizer of its organization. */
  private Future<Acting> acting(RoutingContext rc) {
    if (home == null || SessionOrganizers.bearerPresent(rc)) {
      return bearers.moderatorOrAdminOf(rc).map(p -> new Acting(p, null));
    }
    return organizers.of(rc).map(call -> new Acting(call.participant(), call));
  }

  /** The stage screen's and the speaker view's links, the token in the fragment (never sent to a server). */
  private static JsonObject stageLinks(String base, String sessionId, String stageToken) {
    return new JsonObject()
        .put("stage", base + "/stage/" + sessionId + "#token=" + stageToken)
        .put("speaker", base + "/speaker/" + sessionId + "#token=" + stageToken);
  }

  /** The session with this join code, for the client of this request (whose misses count against its address). */
  public Future<Session> findByCode(RoutingContext rc, String code) {
    return joinCodes.find(code, addresses.of(rc.request().remoteAddress(), rc.request().headers()));
  }

  private void byCode(RoutingContext rc) {
    findByCode(rc, rc.pathParam("code")).onSuccess(s -> json(rc, 200, new JsonObject().put("id", s.id())
        .put("code", s.code()).put("title", s.title()).put("status", s.status().wireName()))).onFailure(rc::fail);
  }

  private void byId(RoutingContext rc) {
    String id = sessionIdOf(rc);
    if (id != null) {
      sessions.find(id).onSuccess(s -> json(rc, 200, codec.session(s))).onFailure(rc::fail);
    }
  }

  /**
   * The admin token (or, with accounts, an administrator of the session's organization) deletes the session and
   * everything it holds: 204, and 404 for its id and code from then on.
   */
  private void delete(RoutingContext rc) {
    Future<Void> deleted = callers == null || rc.request().getHeader("Authorization") != null
        ? bearers.sessionForAdmin(rc).compose(deleteSession::delete)
        : callers.actor(rc).compose(actor -> deleteSession.delete(actor, rc.pathParam("id")));
    deleted.onSuccess(done -> rc.response().setStatusCode(204).end()).onFailure(rc::fail);
  }

  private void changeStatus(RoutingContext rc) {
    acting(rc).compose(acting -> {
      JsonObject body = jsonBody(rc.body().asString());
      if (body.size() != 1 || !(body.getValue("status") instanceof String status)) {
        throw DomainException.badRequest("The body must be {\"status\": \"open\" | \"paused\" | \"closed\"}");
      }
      townhall.domain.Participant actor = acting.participant();
      return changeStatus.changeTo(actor, "http-" + ids.secret(9), status)
          .compose(changed -> acting.call() == null ? Future.succeededFuture()
              : organizers.note(acting.call(), "session.status." + status))
          .compose(changed -> sessions.find(actor.sessionId()));
    }).onSuccess(s -> json(rc, 200, codec.session(s))).onFailure(rc::fail);
  }

  private void qrCode(RoutingContext rc) {
    String id = sessionIdOf(rc);
    if (id != null) {
      sessions.find(id).onSuccess(s -> rc.response().putHeader("Content-Type", "image/svg+xml")
          .putHeader("Cache-Control", "public, max-age=300")
          .end(QrCodes.svg(baseUrl(rc) + "/j/" + s.code()))).onFailure(rc::fail);
    }
  }

  /** The session id in the path, or {@code null} after answering 404 for one that cannot exist. */
  static String sessionIdOf(RoutingContext rc) {
    String id = rc.pathParam("id");
    if (!id.matches("[A-Za-z0-9]{1,64}")) {
      rc.fail(DomainException.notFound("No such session"));
      return null;
    }
    return id;
  }

  static JsonObject jsonBody(String body) {
    try {
      if (body != null && !body.isBlank()) {
        return new JsonObject(body);
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    throw DomainException.badRequest("The body must be a JSON object");
  }

  private SessionService.NewSession newSession(String body) {
    JsonObject json = jsonBody(body);
    for (String field : json.fieldNames()) {
      if (CATALOG_FIELDS.contains(field) && home == null) {
        throw new DomainException(ErrorCode.UNAVAILABLE, "This node has no catalog (PostgreSQL) for '" + field + "'");
      }
    }
    return newSession(json);
  }

  /** The catalog fields of a creation request: times in ISO 8601 with an offset. */
  private static Catalog.Schedule schedule(JsonObject json, String rootSlug) {
    return new Catalog.Schedule(rootSlug == null ? null : OrgRoutes.text(json, "organization", rootSlug),
        instant(json, "scheduledStart"), instant(json, "scheduledEnd"), instant(json, "questionsOpenFrom"),
        optional(json, "place"), optional(json, "agenda"), optional(json, "series"), leaders(json));
  }

  /** {@code "leaders": [{"name", "title"}]}: the people who will answer; none when absent. */
  private static java.util.List<Leader> leaders(JsonObject json) {
    Object value = json.getValue("leaders");
    if (value == null) {
      return java.util.List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > Leader.MAX) {
      throw DomainException.badRequest("'leaders' must be a list of at most " + Leader.MAX
          + " {\"name\", \"title\"}");
    }
    java.util.List<Leader> leaders = new java.util.ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject leader) || !Set.of("name", "title").containsAll(leader.fieldNames())
          || !(leader.getValue("name") instanceof String name)
          || !(leader.getValue("title", "") instanceof String title)) {
        throw DomainException.badRequest("Each of 'leaders' must be {\"name\": text, \"title\": text}");
      }
      leaders.add(new Leader(name, title));
    }
    return leaders;
  }

  private static java.time.Instant instant(JsonObject json, String field) {
    String text = optional(json, field);
    if (text == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw DomainException.badRequest("'" + field + "' must be ISO 8601 with an offset, such as"
          + " 2026-03-01T19:30:00+07:00");
    }
  }

  private static String optional(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw DomainException.badRequest("'" + field + "' must be a string");
    }
    return (String) value;
  }

  private static SessionService.NewSession newSession(JsonObject json) {
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

  String baseUrl(RoutingContext rc) {
    return baseUrl(rc, publicUrl);
  }

  /** The address the pages and links are reached at: the configured public URL, else the request's own host. */
  static String baseUrl(RoutingContext rc, String publicUrl) {
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

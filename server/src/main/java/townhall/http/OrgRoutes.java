package townhall.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.org.CatalogEntry;
import townhall.domain.org.NewOrganization;
import townhall.domain.org.OrgAction;
import townhall.domain.org.OrgKind;
import townhall.domain.org.OrgRole;
import townhall.domain.org.Organization;
import townhall.domain.org.Slugs;
import townhall.service.Catalog;

/**
 * Organizations: {@code POST /api/orgs} (administrator of the parent, or the admin bearer), the public
 * {@code GET /api/orgs/{slug}}, {@code GET /api/orgs/{slug}/sessions} and {@code /o/{slug}/calendar.ics}, and for
 * the organization's people {@code POST /api/orgs/{slug}/invitations} and {@code GET /api/orgs/{slug}/audit}.
 */
final class OrgRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of("slug", "name", "parent", "kind", "language", "timeZone");
  private static final Set<String> INVITE_FIELDS = Set.of("email", "role");

  private final HomeServices home;
  private final Callers callers;
  private final String publicUrl;

  OrgRoutes(HomeServices home, Callers callers, String publicUrl) {
    this.home = home;
    this.callers = callers;
    this.publicUrl = publicUrl;
  }

  void mount(Router router) {
    router.post("/api/orgs").handler(this::create);
    router.get("/api/orgs/:slug").handler(this::find);
    router.get("/api/orgs/:slug/sessions").handler(this::sessions);
    router.post("/api/orgs/:slug/invitations").handler(this::invite);
    router.get("/api/orgs/:slug/audit").handler(this::audit);
    router.get("/o/:slug/calendar.ics").handler(this::calendar);
    router.get("/api/orgs/:slug/series/:series").handler(this::series);
    router.get("/o/:slug/sessions/:file").handler(this::sessionCalendar);
    router.get("/api/me/sessions").handler(this::mine);
  }

  private void create(RoutingContext rc) {
    NewOrganization request;
    try {
      JsonObject body = strict(rc, CREATE_FIELDS);
      OrgKind kind = OrgKind.fromWireName(text(body, "kind", null)).orElseThrow(
          () -> DomainException.badRequest("'kind' must be one of city, district, ward, agency"));
      request = new NewOrganization(text(body, "slug", null), text(body, "name", null), kind,
          text(body, "parent", home.rootSlug()), text(body, "language", "vi"),
          text(body, "timeZone", "Asia/Ho_Chi_Minh"));
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    callers.actor(rc).compose(actor -> home.organizations().create(actor, request))
        .onSuccess(org -> SessionRoutes.json(rc, 201, json(org))).onFailure(rc::fail);
  }

  private void find(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug != null) {
      home.access().organization(slug).onSuccess(org -> SessionRoutes.json(rc, 200, json(org))).onFailure(rc::fail);
    }
  }

  private void sessions(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug == null) {
      return;
    }
    String base = SessionRoutes.baseUrl(rc, publicUrl);
    home.access().organization(slug).compose(org -> home.catalog().list(org)).onSuccess(listed -> {
      JsonArray sessions = new JsonArray();
      for (Catalog.Listed l : listed) {
        sessions.add(session(l, base));
      }
      SessionRoutes.json(rc, 200, new JsonObject().put("sessions", sessions));
    }).onFailure(rc::fail);
  }

  private void calendar(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug == null) {
      return;
    }
    String base = SessionRoutes.baseUrl(rc, publicUrl);
    home.access().organization(slug).compose(org -> home.catalog().list(org).map(listed -> Calendars.of(org,
            listed.stream().map(Catalog.Listed::entry).toList(), base)))
        .onSuccess(ics -> rc.response().putHeader("Content-Type", Calendars.CONTENT_TYPE)
            .putHeader("Cache-Control", "public, max-age=300").end(ics))
        .onFailure(rc::fail);
  }

  /** {@code GET /api/orgs/{slug}/series/{series}}: the series' sessions, as the organization's list shows them. */
  private void series(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug == null) {
      return;
    }
    String series = rc.pathParam("series");
    if (!Slugs.valid(series)) {
      rc.fail(DomainException.notFound("No such series"));
      return;
    }
    String base = SessionRoutes.baseUrl(rc, publicUrl);
    home.access().organization(slug).compose(org -> home.catalog().series(org, series).map(listed -> {
      JsonArray sessions = new JsonArray();
      listed.forEach(l -> sessions.add(session(l, base)));
      return new JsonObject().put("organization", json(org)).put("series", series).put("sessions", sessions);
    })).onSuccess(answer -> SessionRoutes.json(rc, 200, answer)).onFailure(rc::fail);
  }

  /** {@code GET /o/{slug}/sessions/{id}.ics}: one scheduled session as an iCalendar file. */
  private void sessionCalendar(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug == null) {
      return;
    }
    String file = rc.pathParam("file");
    String id = file.endsWith(".ics") ? file.substring(0, file.length() - ".ics".length()) : "";
    if (!id.matches("[A-Za-z0-9]{1,64}")) {
      rc.fail(DomainException.notFound("No such session"));
      return;
    }
    String base = SessionRoutes.baseUrl(rc, publicUrl);
    home.access().organization(slug).compose(org -> home.catalog().entry(org, id).map(entry -> {
      if (!Calendars.scheduled(entry)) {
        throw DomainException.notFound("This session has no scheduled start and end");
      }
      return Calendars.of(org, java.util.List.of(entry), base);
    })).onSuccess(ics -> rc.response().putHeader("Content-Type", Calendars.CONTENT_TYPE)
            .putHeader("Content-Disposition", "attachment; filename=\"" + id + ".ics\"")
            .putHeader("Cache-Control", "public, max-age=300").end(ics))
        .onFailure(rc::fail);
  }

  /**
   * {@code GET /api/me/sessions}: the signed-in account's home, every organization where its roles allow managing or
   * moderating sessions, inviting people or creating organizations (and those below), each with what the account may
   * do there ({@code may}: {@code manage_sessions}, {@code moderate}, {@code manage_people},
   * {@code invite_session_staff}, {@code manage_organizations}, {@code read_audit}, {@code respond}: the agency's
   * inbox), and the sessions of those where
   * it may manage or moderate them.
   */
  private void mine(RoutingContext rc) {
    String base = SessionRoutes.baseUrl(rc, publicUrl);
    callers.actor(rc).compose(actor -> home.catalog().mine(actor)).onSuccess(all -> {
      JsonArray organizations = new JsonArray();
      JsonArray sessions = new JsonArray();
      for (Catalog.OrganizationSessions one : all) {
        JsonArray may = new JsonArray();
        Catalog.HOME_ACTIONS.stream().filter(one.may()::contains).forEach(action -> may.add(action.wireName()));
        organizations.add(json(one.organization()).put("may", may));
        one.sessions().forEach(l -> sessions.add(session(l, base).put("organization", one.organization().slug())));
      }
      SessionRoutes.json(rc, 200, new JsonObject().put("organizations", organizations).put("sessions", sessions));
    }).onFailure(rc::fail);
  }

  private void invite(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug == null) {
      return;
    }
    String email;
    OrgRole role;
    try {
      JsonObject body = strict(rc, INVITE_FIELDS);
      email = text(body, "email", null);
      role = OrgRole.fromWireName(text(body, "role", null)).orElseThrow(() -> DomainException.badRequest(
          "'role' must be one of administrator, organizer, moderator, clerk, responder"));
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String base = SessionRoutes.baseUrl(rc, publicUrl);
    callers.actor(rc).compose(actor -> home.signIns().invite(actor, slug, email, role, base))
        .onSuccess(invitation -> SessionRoutes.json(rc, 201, invitation.sent()
            ? new JsonObject().put("sent", true)
            : new JsonObject().put("sent", false).put("link", invitation.link())))
        .onFailure(rc::fail);
  }

  private void audit(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug == null) {
      return;
    }
    callers.actor(rc).compose(actor -> home.access().require(actor, OrgAction.READ_AUDIT, slug))
        .compose(org -> home.catalog().audit(org.id()))
        .onSuccess(entries -> {
          JsonArray list = new JsonArray();
          entries.forEach(e -> list.add(new JsonObject().put("at", e.at().toString()).put("actor", e.actor())
              .put("action", e.action()).put("subject", e.subject())));
          SessionRoutes.json(rc, 200, new JsonObject().put("entries", list));
        }).onFailure(rc::fail);
  }

  static JsonObject json(Organization org) {
    return new JsonObject().put("slug", org.slug()).put("name", org.name()).put("kind", org.kind().wireName())
        .put("parent", org.parentSlug()).put("language", org.language()).put("timeZone", org.timeZone());
  }

  /** The public form of a catalog entry ({@code GET /api/orgs/{slug}/sessions}). */
  static JsonObject session(Catalog.Listed listed, String base) {
    CatalogEntry e = listed.entry();
    return new JsonObject().put("id", e.sessionId()).put("title", e.title()).put("status", listed.status())
        .put("scheduledStart", text(e.scheduledStart())).put("scheduledEnd", text(e.scheduledEnd()))
        .put("questionsOpenFrom", text(e.questionsOpenFrom()))
        .put("place", e.place()).put("agenda", e.agenda()).put("series", e.seriesSlug())
        .put("leaders", new JsonArray(e.leaders().stream().map(l -> (Object) new JsonObject().put("name", l.name())
            .put("title", l.title())).toList()))
        .put("code", listed.code())
        .put("record", e.publishedAt() == null ? null : base + "/r/" + e.sessionId());
  }

  private static String text(java.time.Instant at) {
    return at == null ? null : at.toString();
  }

  /** The slug in the path, or {@code null} after answering 404 for one that cannot exist. */
  private static String slugOf(RoutingContext rc) {
    String slug = rc.pathParam("slug");
    if (!Slugs.valid(slug)) {
      rc.fail(DomainException.notFound("No such organization"));
      return null;
    }
    return slug;
  }

  static JsonObject strict(RoutingContext rc, Set<String> fields) {
    JsonObject body = SessionRoutes.jsonBody(rc.body().asString());
    for (String field : body.fieldNames()) {
      if (!fields.contains(field)) {
        throw DomainException.badRequest("Unknown field '" + field + "'");
      }
    }
    return body;
  }

  /** A string field, {@code fallback} when absent; bad_request when of another type (or absent without fallback). */
  static String text(JsonObject body, String field, String fallback) {
    Object value = body.getValue(field, fallback);
    if (!(value instanceof String s)) {
      throw DomainException.badRequest("'" + field + "' is required and must be a string");
    }
    return s;
  }
}

package townhall.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import townhall.domain.DomainException;
import townhall.domain.Language;
import townhall.domain.org.Slugs;
import townhall.domain.record.TrackedSession;
import townhall.domain.record.TrackerFigures;
import townhall.record.TrackerCsv;
import townhall.service.FollowUpTracker;

/**
 * The public follow-up tracker's data: {@code GET /api/orgs/{slug}/follow-up} (JSON, or CSV of the open items with
 * {@code ?format=csv}, in {@code ?lang=vi|en}, else the organization's language), narrowed by {@code session},
 * {@code series} ({@code <organization>/<series>}), {@code agency} and {@code topic}. Public, no account.
 */
final class TrackerRoutes {
  private static final int FILTER_LENGTH = 200;

  private final FollowUpTracker tracker;

  TrackerRoutes(FollowUpTracker tracker) {
    this.tracker = tracker;
  }

  void mount(Router router) {
    router.get("/api/orgs/:slug/follow-up").handler(this::tracker);
  }

  private void tracker(RoutingContext rc) {
    String slug = rc.pathParam("slug");
    String format = rc.queryParams().get("format");
    String lang = rc.queryParams().get("lang");
    TrackerFigures.Filter filter;
    try {
      if (!Slugs.valid(slug)) {
        throw DomainException.notFound("No such organization");
      }
      if (format != null && !format.equals("json") && !format.equals("csv")) {
        throw DomainException.badRequest("'format' is json or csv");
      }
      if (lang != null && !lang.equals("vi") && !lang.equals("en")) {
        throw DomainException.badRequest("'lang' is vi or en");
      }
      filter = new TrackerFigures.Filter(param(rc, "session"), param(rc, "series"), param(rc, "agency"),
          param(rc, "topic"));
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    tracker.of(slug, filter).onSuccess(t -> {
      if ("csv".equals(format)) {
        Language language = Language.fromWireName(lang != null ? lang
            : "en".equals(t.organization().language()) ? "en" : "vi");
        rc.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"follow-up-" + slug + ".csv\"")
            .putHeader("Cache-Control", "no-cache")
            .end(TrackerCsv.encode(t.figures().open(), language, s -> t.names().getOrDefault(s, s)));
        return;
      }
      rc.response().putHeader("Cache-Control", "no-cache");
      SessionRoutes.json(rc, 200, json(t));
    }).onFailure(rc::fail);
  }

  /** A filter's value, {@code null} when absent or empty. */
  private static String param(RoutingContext rc, String name) {
    String value = rc.queryParams().get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > FILTER_LENGTH) {
      throw DomainException.badRequest("'" + name + "' is too long");
    }
    return value;
  }

  static JsonObject json(FollowUpTracker.Tracker t) {
    TrackerFigures.Figures f = t.figures();
    JsonArray open = new JsonArray();
    for (TrackerFigures.OpenItem o : f.open()) {
      TrackedSession.Item item = o.item();
      open.add(new JsonObject().put("session", session(o.session(), t))
          .put("questionId", item.questionId()).put("followCode", item.followCode()).put("text", item.text())
          .put("topic", item.topic()).put("step", o.step()).put("agency", agency(o.agency(), t))
          .put("due", o.due()).put("daysOverdue", o.daysOverdue()));
    }
    JsonArray agencies = new JsonArray();
    f.agencies().forEach(c -> agencies.add(counts(c).put("agency", agency(c.agency(), t))));
    JsonArray sessions = new JsonArray();
    for (TrackedSession s : t.sessions()) {
      if (f.choices().sessions().containsKey(s.sessionId())) {
        sessions.add(session(s, t));
      }
    }
    JsonArray series = new JsonArray();
    f.choices().series().forEach((key, title) -> series.add(new JsonObject().put("key", key).put("title", title)));
    JsonArray agencyChoices = new JsonArray();
    f.choices().agencies().forEach(a -> agencyChoices.add(agency(a, t)));
    TrackerFigures.Filter filter = t.filter();
    return new JsonObject().put("organization", OrgRoutes.json(t.organization()))
        .put("today", t.today().toString()).put("timeZone", t.zone().getId())
        .put("filters", new JsonObject().put("session", filter.session()).put("series", filter.series())
            .put("agency", filter.agency()).put("topic", filter.topic()))
        .put("choices", new JsonObject().put("sessions", sessions).put("series", series)
            .put("agencies", agencyChoices).put("topics", new JsonArray(f.choices().topics())))
        .put("totals", counts(f.totals())).put("agencies", agencies).put("open", open);
  }

  private static JsonObject session(TrackedSession s, FollowUpTracker.Tracker t) {
    return new JsonObject().put("id", s.sessionId()).put("title", s.title())
        .put("organization", agency(s.organization(), t)).put("series", s.seriesKey())
        .put("record", "/r/" + s.sessionId());
  }

  private static JsonObject agency(String slug, FollowUpTracker.Tracker t) {
    return new JsonObject().put("slug", slug).put("name", t.names().getOrDefault(slug, slug));
  }

  private static JsonObject counts(TrackerFigures.Counts c) {
    return new JsonObject().put("answeredOnTime", c.answeredOnTime()).put("answeredLate", c.answeredLate())
        .put("open", c.open()).put("overdue", c.overdue()).put("closed", c.closed())
        .put("satisfied", c.satisfied()).put("notSatisfied", c.notSatisfied())
        .put("satisfactionRate", c.satisfactionRate());
  }
}

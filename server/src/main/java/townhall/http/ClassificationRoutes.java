package townhall.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.RateLimit;
import townhall.domain.TextRules;
import townhall.domain.org.Slugs;
import townhall.domain.topic.Area;
import townhall.domain.topic.Topic;
import townhall.service.Classifications;
import townhall.service.ClassifyAfterSession;
import townhall.service.SessionService;
import townhall.similar.TopicSuggester;
import townhall.store.RateLimiter;

/**
 * Topics and areas (issue 17): the public reads {@code GET /api/orgs/{slug}/topics}, {@code GET /api/orgs/{slug}/areas}
 * and {@code GET /api/sessions/{id}/classification} (also of a session whose record is archived, from its catalog
 * entry); {@code PUT /api/orgs/{slug}/topics} and
 * {@code PUT /api/orgs/{slug}/areas} for those who may manage the organization's sessions (the sign-in cookie with
 * its CSRF token, or the admin bearer); and {@code GET /api/sessions/{id}/classification/suggest?text=...} (anyone,
 * {@code rateLimits.similar} per client address, as the similar questions): the topic and area the question's words
 * suggest; and {@code PUT /api/sessions/{id}/questions/{questionId}/classification} {@code {"topic","area"}} (each a
 * key of the session's lists or {@code null} for none, and optionally a {@code ref} that makes a retry apply once):
 * a question classified after the session, also once it is archived, by the admin bearer or a signed-in organizer or
 * moderator of the session's organization ({@link ClassifyAfterSession}).
 */
public final class ClassificationRoutes {
  private static final Set<String> TOPICS_FIELDS = Set.of("topics");
  private static final Set<String> AREAS_FIELDS = Set.of("areas");
  private static final Set<String> CLASSIFY_FIELDS = Set.of("topic", "area", "ref");
  private static final int REF_LENGTH = 64;
  private static final int QUESTION_ID_LENGTH = 64;

  private final Classifications classifications;
  private final ClassifyAfterSession afterSession;
  private final SessionService sessions;
  private final TopicSuggester suggester;
  /** Null on a node without PostgreSQL (no organization's lists can be changed there). */
  private final Callers callers;
  private final RateLimiter limiter;
  private final RateLimit perAddress;
  private final ClientAddresses addresses;
  private final int maxLength;

  public ClassificationRoutes(Classifications classifications, SessionService sessions, TopicSuggester suggester,
      HomeServices home, Bearers bearers, String publicUrl, RateLimiter limiter, RateLimit perAddress,
      ClientAddresses addresses, int maxLength, ClassifyAfterSession afterSession) {
    this.classifications = classifications;
    this.afterSession = afterSession;
    this.sessions = sessions;
    this.suggester = suggester;
    this.callers = home == null ? null : new Callers(home.signIns(), bearers, publicUrl);
    this.limiter = limiter;
    this.perAddress = perAddress;
    this.addresses = addresses;
    this.maxLength = maxLength;
  }

  public void mount(Router router) {
    router.get("/api/sessions/:id/classification").handler(this::session);
    router.get("/api/sessions/:id/classification/suggest").handler(this::suggest);
    if (callers == null) {
      return; // /api/orgs/* answers 503 on a node without PostgreSQL (HomeRoutes)
    }
    router.get("/api/orgs/:slug/topics").handler(this::topics);
    router.get("/api/orgs/:slug/areas").handler(this::areas);
    router.put("/api/orgs/:slug/topics").handler(this::replaceTopics);
    router.put("/api/orgs/:slug/areas").handler(this::replaceAreas);
    router.put("/api/sessions/:id/questions/:questionId/classification").handler(this::classify);
  }

  /** A question classified after the session: {@code {"topic","area","ref"?}}, topic and area both given. */
  private void classify(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id == null) {
      return;
    }
    String questionId = rc.pathParam("questionId");
    String topic;
    String area;
    String ref;
    try {
      if (questionId == null || questionId.isEmpty() || questionId.length() > QUESTION_ID_LENGTH) {
        throw DomainException.notFound("No such question");
      }
      JsonObject body = OrgRoutes.strict(rc, CLASSIFY_FIELDS);
      topic = keyOrNone(body, "topic");
      area = keyOrNone(body, "area");
      ref = body.getValue("ref") == null ? null : OrgRoutes.text(body, "ref", null);
      if (ref != null && (ref.isEmpty() || ref.length() > REF_LENGTH)) {
        throw DomainException.badRequest("'ref' holds 1 to " + REF_LENGTH + " characters");
      }
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    callers.actor(rc)
        .compose(actor -> afterSession.classify(actor, id, questionId, ref, topic, area))
        .onSuccess(result -> {
          rc.response().putHeader("Cache-Control", "no-store");
          SessionRoutes.json(rc, 200, new JsonObject().put("questionId", questionId).put("topic", topic)
              .put("area", area).put("duplicate", result.duplicate()));
        })
        .onFailure(rc::fail);
  }

  /** A field that must be given: a key, or {@code null} for none. */
  private static String keyOrNone(JsonObject body, String field) {
    if (!body.containsKey(field)) {
      throw DomainException.badRequest("'" + field + "' is required (a key, or null for none)");
    }
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw DomainException.badRequest("'" + field + "' is a key or null");
    }
    return (String) value;
  }

  private void session(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id == null) {
      return;
    }
    sessions.find(id).compose(found -> classifications.ofSession(id))
        // a session Redis let go: its record is archived and may still be classified (the record page's editor)
        .recover(e -> e instanceof DomainException d && d.code() == townhall.domain.ErrorCode.NOT_FOUND
            ? classifications.ofCatalogued(id) : io.vertx.core.Future.failedFuture(e))
        .onSuccess(lists -> SessionRoutes.json(rc, 200, new JsonObject().put("topics", topics(lists.topics()))
            .put("areas", areas(lists.areas()))))
        .onFailure(rc::fail);
  }

  private void suggest(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id == null) {
      return;
    }
    String text;
    try {
      List<String> given = rc.queryParam("text");
      if (given.size() != 1) {
        throw DomainException.badRequest("Give the text once: ?text=...");
      }
      text = TextRules.questionText(given.get(0), maxLength);
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    limiter.take(RateLimiter.Bucket.SIMILAR, addresses.of(rc.request().remoteAddress(), rc.request().headers()),
            perAddress)
        .compose(ok -> sessions.find(id))
        .compose(session -> classifications.ofSession(id))
        .compose(lists -> rc.vertx().executeBlocking(() -> suggester.suggest(lists, text), false))
        .onSuccess(s -> SessionRoutes.json(rc, 200, new JsonObject().put("topic", s.topic()).put("area", s.area())
            .put("score", s.score())))
        .onFailure(rc::fail);
  }

  private void topics(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug != null) {
      classifications.ofOrganization(slug)
          .onSuccess(lists -> SessionRoutes.json(rc, 200, new JsonObject().put("topics", topics(lists.topics()))))
          .onFailure(rc::fail);
    }
  }

  private void areas(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug != null) {
      classifications.ofOrganization(slug)
          .onSuccess(lists -> SessionRoutes.json(rc, 200, new JsonObject().put("areas", areas(lists.areas()))))
          .onFailure(rc::fail);
    }
  }

  private void replaceTopics(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug == null) {
      return;
    }
    List<Topic> given;
    try {
      given = new ArrayList<>();
      for (JsonObject t : objects(OrgRoutes.strict(rc, TOPICS_FIELDS), "topics")) {
        only(t, Set.of("key", "name_vi", "name_en", "keywords"));
        List<String> keywords = new ArrayList<>();
        Object list = t.getValue("keywords");
        if (list != null && !(list instanceof JsonArray)) {
          throw DomainException.badRequest("'keywords' is a list of texts");
        }
        if (list instanceof JsonArray array) {
          for (Object k : array) {
            keywords.add(string(k, "keyword"));
          }
        }
        given.add(new Topic(optional(t, "key"), string(t.getValue("name_vi"), "name_vi"),
            string(t.getValue("name_en"), "name_en"), keywords));
      }
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    callers.actor(rc).compose(actor -> classifications.replaceTopics(actor, slug, given))
        .onSuccess(kept -> SessionRoutes.json(rc, 200, new JsonObject().put("topics", topics(kept))))
        .onFailure(rc::fail);
  }

  private void replaceAreas(RoutingContext rc) {
    String slug = slugOf(rc);
    if (slug == null) {
      return;
    }
    List<Area> given;
    try {
      given = new ArrayList<>();
      for (JsonObject a : objects(OrgRoutes.strict(rc, AREAS_FIELDS), "areas")) {
        only(a, Set.of("key", "name"));
        given.add(new Area(optional(a, "key"), string(a.getValue("name"), "name")));
      }
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    callers.actor(rc).compose(actor -> classifications.replaceAreas(actor, slug, given))
        .onSuccess(kept -> SessionRoutes.json(rc, 200, new JsonObject().put("areas", areas(kept))))
        .onFailure(rc::fail);
  }

  /** The topics as the API shows them (the names of the contract: {@code key}, {@code name_vi}, {@code name_en}). */
  static JsonArray topics(List<Topic> topics) {
    JsonArray array = new JsonArray();
    topics.forEach(t -> array.add(new JsonObject().put("key", t.key()).put("name_vi", t.nameVi())
        .put("name_en", t.nameEn()).put("keywords", new JsonArray(new ArrayList<>(t.keywords())))));
    return array;
  }

  static JsonArray areas(List<Area> areas) {
    JsonArray array = new JsonArray();
    areas.forEach(a -> array.add(new JsonObject().put("key", a.key()).put("name", a.name())));
    return array;
  }

  private static List<JsonObject> objects(JsonObject body, String field) {
    if (!(body.getValue(field) instanceof JsonArray array)) {
      throw DomainException.badRequest("'" + field + "' is a list");
    }
    List<JsonObject> objects = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject o)) {
        throw DomainException.badRequest("Each of '" + field + "' is an object");
      }
      objects.add(o);
    }
    return objects;
  }

  private static void only(JsonObject o, Set<String> fields) {
    for (String name : o.fieldNames()) {
      if (!fields.contains(name)) {
        throw DomainException.badRequest("Unknown field '" + name + "'");
      }
    }
  }

  private static String optional(JsonObject o, String field) {
    Object value = o.getValue(field);
    return value == null ? null : string(value, field);
  }

  private static String string(Object value, String what) {
    if (!(value instanceof String s)) {
      throw DomainException.badRequest("'" + what + "' is required and must be a string");
    }
    return s;
  }

  private static String slugOf(RoutingContext rc) {
    String slug = rc.pathParam("slug");
    if (!Slugs.valid(slug)) {
      rc.fail(DomainException.notFound("No such organization"));
      return null;
    }
    return slug;
  }
}

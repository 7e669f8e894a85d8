package townhall.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.FollowedQuestion;
import townhall.service.FollowQuestion;
import townhall.service.FollowSubscriptions;
import townhall.service.RateAnswer;

/**
 * The public follow-up of one question: {@code GET /api/follow/{code}} answers
 * {@code {"question":{"id","text","status"},"steps":[{"step","agency","due","at","note"}],"answer":{"text","at"}|null,
 * "satisfaction":{"satisfied","notSatisfied"},"sessionId"}} (absent {@code agency}, {@code due}, {@code note} are
 * null), or {@code 404} for a code that names nothing the public may see. The asker's side, by code: subscribe to
 * the follow-up by email, confirm, unsubscribe ({@link FollowSubscriptions}), and rate the answer ({@link RateAnswer});
 * no answer ever holds an email address.
 */
final class FollowRoutes {
  private static final Set<String> SUBSCRIBE_FIELDS = Set.of("email", "language");
  private static final Set<String> TOKEN_FIELDS = Set.of("token");
  private static final Set<String> RATE_FIELDS = Set.of("rating", "reason", "ref", "token");
  private static final int REF_LENGTH = 64;

  private final FollowQuestion follow;
  private final ClientAddresses addresses;
  /** Null on a node that keeps no addresses (the routes answer unavailable). */
  private final FollowSubscriptions subscriptions;
  /** Null on a node wired without ratings. */
  private final RateAnswer rating;

  FollowRoutes(FollowQuestion follow, ClientAddresses addresses, FollowSubscriptions subscriptions,
      RateAnswer rating) {
    this.follow = follow;
    this.addresses = addresses;
    this.subscriptions = subscriptions;
    this.rating = rating;
  }

  void mount(Router router) {
    router.get("/api/follow/:code").handler(this::find);
    router.post("/api/follow/:code/subscribe").handler(this::subscribe);
    router.post("/api/follow/:code/confirm").handler(this::confirm);
    router.post("/api/follow/:code/unsubscribe").handler(this::unsubscribe);
    router.post("/api/follow/:code/rate").handler(this::rate);
  }

  private void find(RoutingContext rc) {
    follow.locate(rc.pathParam("code"), address(rc))
        .onSuccess(found -> {
          rc.response().putHeader("Cache-Control", "no-cache");
          SessionRoutes.json(rc, 200, json(found.question()).put("sessionId", found.sessionId()));
        })
        .onFailure(rc::fail);
  }

  /** {@code {"email", "language"?}} → 202 {@code {"accepted":true}}, whether or not the address was known. */
  private void subscribe(RoutingContext rc) {
    if (subscriptions == null) {
      rc.fail(unavailable());
      return;
    }
    String email;
    String language;
    try {
      JsonObject body = OrgRoutes.strict(rc, SUBSCRIBE_FIELDS);
      email = OrgRoutes.text(body, "email", null);
      language = body.getValue("language") == null ? "vi" : OrgRoutes.text(body, "language", null);
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    subscriptions.subscribe(rc.pathParam("code"), email, language, address(rc))
        .onSuccess(ok -> SessionRoutes.json(rc, 202, new JsonObject().put("accepted", true)))
        .onFailure(rc::fail);
  }

  /** {@code {"token"}} (from the link's {@code #confirm=}) → 200 {@code {"confirmed":true}}, or 404. */
  private void confirm(RoutingContext rc) {
    withToken(rc, token -> subscriptions.confirm(rc.pathParam("code"), token), "confirmed");
  }

  /** {@code {"token"}} (from {@code #unsubscribe=}) → 200 {@code {"unsubscribed":true}} (again: the same), or 404. */
  private void unsubscribe(RoutingContext rc) {
    withToken(rc, subscriptions == null ? null : subscriptions::unsubscribe, "unsubscribed");
  }

  /** A link's token from the body given to {@code action}; answers {@code {"<done>":true}} once it succeeded. */
  private void withToken(RoutingContext rc, java.util.function.Function<String, io.vertx.core.Future<?>> action,
      String done) {
    if (subscriptions == null) {
      rc.fail(unavailable());
      return;
    }
    String token;
    try {
      token = OrgRoutes.text(OrgRoutes.strict(rc, TOKEN_FIELDS), "token", null);
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    action.apply(token)
        .onSuccess(ok -> SessionRoutes.json(rc, 200, new JsonObject().put(done, true)))
        .onFailure(rc::fail);
  }

  /**
   * {@code {"rating":"satisfied"|"notSatisfied","reason"?,"ref"?,"token"?}} with the asker's participant token as
   * {@code Authorization: Bearer}, or the rating link's {@code token} → 200 {@code {"questionId","duplicate"}}.
   */
  private void rate(RoutingContext rc) {
    if (rating == null) {
      rc.fail(unavailable());
      return;
    }
    String value;
    String reason;
    String ref;
    String token;
    try {
      JsonObject body = OrgRoutes.strict(rc, RATE_FIELDS);
      value = OrgRoutes.text(body, "rating", null);
      reason = optional(body, "reason");
      ref = optional(body, "ref");
      token = optional(body, "token");
      if (ref != null && (ref.isEmpty() || ref.length() > REF_LENGTH)) {
        throw DomainException.badRequest("'ref' holds 1 to " + REF_LENGTH + " characters");
      }
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String bearer = Bearers.bearer(rc.request().getHeader("Authorization"));
    rating.rate(rc.pathParam("code"), address(rc), value, reason, ref, bearer, token)
        .onSuccess(result -> SessionRoutes.json(rc, 200, new JsonObject().put("questionId", result.questionId())
            .put("duplicate", result.duplicate())))
        .onFailure(rc::fail);
  }

  private String address(RoutingContext rc) {
    return addresses.of(rc.request().remoteAddress(), rc.request().headers());
  }

  private static String optional(JsonObject body, String field) {
    return body.getValue(field) == null ? null : OrgRoutes.text(body, field, null);
  }

  private static DomainException unavailable() {
    return new DomainException(ErrorCode.UNAVAILABLE, "This node keeps no follow-up subscriptions");
  }

  static JsonObject json(FollowedQuestion q) {
    JsonArray steps = new JsonArray();
    JsonArray attachments = new JsonArray();
    q.steps().forEach(s -> {
      JsonObject step = new JsonObject().put("step", s.step()).put("agency", s.agency())
          .put("due", s.due()).put("at", s.at()).put("note", s.note());
      if (!s.files().isEmpty()) {
        JsonArray files = files(s.files());
        step.put("files", files);
        if ("answered".equals(s.step())) {
          // the answer's files are those of its latest written answer
          attachments.clear();
          attachments.addAll(files);
        }
      } else if ("answered".equals(s.step())) {
        attachments.clear();
      }
      steps.add(step);
    });
    return new JsonObject()
        .put("question", new JsonObject().put("id", q.id()).put("text", q.text()).put("status", q.status()))
        .put("steps", steps)
        .put("answer", q.answer() == null ? null
            : new JsonObject().put("text", q.answer().text()).put("at", q.answer().at())
                .put("attachments", attachments))
        .put("satisfaction", new JsonObject().put("satisfied", q.satisfaction().satisfied())
            .put("notSatisfied", q.satisfaction().notSatisfied()));
  }

  /** An answer's files with the public URL of each (named by the SHA-256 the chain commits to). */
  private static JsonArray files(java.util.List<townhall.domain.Attachment> files) {
    JsonArray array = new JsonArray();
    files.forEach(f -> array.add(new JsonObject().put("name", f.name()).put("type", f.type()).put("size", f.size())
        .put("sha256", f.sha256()).put("url", AttachmentResponses.publicUrl(f.sha256()))));
    return array;
  }
}

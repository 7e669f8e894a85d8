package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.service.FollowUps;

/**
 * Follow-up after the session: {@code POST /api/sessions/{id}/questions/{questionId}/follow-up} with the body of
 * the WebSocket {@code followUp} ({@code step}, {@code agency}, {@code due}, {@code note}, and optionally a
 * {@code ref} that makes a retry apply once); the admin bearer or a signed-in organizer or moderator of the session's
 * organization ({@link townhall.service.Access} decides); and the written answer after the session,
 * {@code POST /api/sessions/{id}/questions/{questionId}/answer} {@code {"text"}}, by an organizer or a responder of
 * the agency the question stands referred to.
 */
final class FollowUpRoutes {
  private static final Set<String> STEP_FIELDS = Set.of("step", "agency", "due", "note", "ref");
  private static final int REF_LENGTH = 64;

  private final FollowUps followUps;
  private final Callers callers;
  private final Bearers bearers;

  FollowUpRoutes(FollowUps followUps, Callers callers, Bearers bearers) {
    this.followUps = followUps;
    this.callers = callers;
    this.bearers = bearers;
  }

  void mount(Router router) {
    router.post("/api/sessions/:id/questions/:questionId/follow-up").handler(this::followUp);
    router.post("/api/sessions/:id/questions/:questionId/answer").handler(this::answer);
    router.get("/api/sessions/:id/agencies").handler(this::agencies);
  }

  /**
   * {@code GET /api/sessions/{id}/agencies}: the agencies the session may refer a question to, for the console's
   * picker: a moderator's bearer of the session (or the admin bearer), or the sign-in of an account that may moderate
   * in its organization ({@link townhall.service.Access}). {@code {"agencies":[{"slug","name"}],
   * "above":[{"slug","name","organization":{"slug","name"}}]}}.
   */
  private void agencies(RoutingContext rc) {
    String sessionId = SessionRoutes.sessionIdOf(rc);
    if (sessionId == null) {
      return;
    }
    Future<FollowUps.Agencies> found = rc.request().getHeader("Authorization") != null
        ? bearers.moderatorOrAdminOf(rc).compose(moderator -> followUps.agencies(sessionId))
        : callers.actor(rc).compose(actor -> followUps.agenciesFor(actor, sessionId));
    found.onSuccess(agencies -> {
      JsonArray own = new JsonArray();
      agencies.own().forEach(a -> own.add(new JsonObject().put("slug", a.agency().slug())
          .put("name", a.agency().name())));
      JsonArray above = new JsonArray();
      agencies.above().forEach(a -> above.add(new JsonObject().put("slug", a.agency().slug())
          .put("name", a.agency().name())
          .put("organization", new JsonObject().put("slug", a.of().slug()).put("name", a.of().name()))));
      rc.response().putHeader("Cache-Control", "no-store");
      SessionRoutes.json(rc, 200, new JsonObject().put("agencies", own).put("above", above));
    }).onFailure(rc::fail);
  }

  private static final Set<String> ANSWER_FIELDS = Set.of("text", "ref");

  /** A written answer after the session: {@code {"text", "ref"?}}. */
  private void answer(RoutingContext rc) {
    String text;
    String ref;
    try {
      JsonObject body = OrgRoutes.strict(rc, ANSWER_FIELDS);
      text = OrgRoutes.text(body, "text", null);
      ref = ref(body);
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String sessionId = rc.pathParam("id");
    String questionId = rc.pathParam("questionId");
    callers.actor(rc)
        .compose(actor -> followUps.answerInWriting(actor, sessionId, questionId, ref, text))
        .onSuccess(result -> SessionRoutes.json(rc, 200, new JsonObject().put("questionId", questionId)
            .put("duplicate", result.duplicate())))
        .onFailure(rc::fail);
  }

  private void followUp(RoutingContext rc) {
    String step;
    String agency;
    String due;
    String note;
    String ref;
    try {
      JsonObject body = OrgRoutes.strict(rc, STEP_FIELDS);
      step = OrgRoutes.text(body, "step", null);
      agency = optional(body, "agency");
      due = optional(body, "due");
      note = optional(body, "note");
      ref = ref(body);
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String sessionId = rc.pathParam("id");
    String questionId = rc.pathParam("questionId");
    callers.actor(rc)
        .compose(actor -> followUps.afterSession(actor, sessionId, questionId, ref, step, agency, due, note))
        .onSuccess(result -> SessionRoutes.json(rc, 200, new JsonObject().put("questionId", questionId)
            .put("duplicate", result.duplicate())))
        .onFailure(rc::fail);
  }

  /** The optional {@code ref} that makes a call idempotent. */
  private static String ref(JsonObject body) {
    String ref = optional(body, "ref");
    if (ref != null && (ref.isEmpty() || ref.length() > REF_LENGTH)) {
      throw DomainException.badRequest("'ref' holds 1 to " + REF_LENGTH + " characters");
    }
    return ref;
  }

  private static String optional(JsonObject body, String field) {
    return body.getValue(field) == null ? null : OrgRoutes.text(body, field, null);
  }
}

package townhall.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.FollowCodes;
import townhall.service.CarryOver;
import townhall.store.CarryOverStore;

/**
 * Series carry-over: {@code GET /api/sessions/{id}/carried-over} (anyone: public items only) and
 * {@code POST /api/sessions/{id}/carried-over/{code}} {@code {"action":"stage"|"unstage"|"answered","text"?,"ref"?}}
 * (a moderator's bearer of the session, or the admin bearer): put an earlier session's open question on stage, take
 * it off, or mark it answered on stage with what was answered ({@code text}).
 */
final class CarryOverRoutes {
  private static final Set<String> FIELDS = Set.of("action", "text", "ref");
  private static final int REF_LENGTH = 64;

  private final CarryOver carryOver;
  private final Bearers bearers;

  CarryOverRoutes(CarryOver carryOver, Bearers bearers) {
    this.carryOver = carryOver;
    this.bearers = bearers;
  }

  void mount(Router router) {
    router.get("/api/sessions/:id/carried-over").handler(this::list);
    router.post("/api/sessions/:id/carried-over/:code").handler(this::act);
  }

  private void list(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id == null) {
      return;
    }
    carryOver.of(id).onSuccess(found -> {
      JsonArray items = new JsonArray();
      found.items().forEach(item -> {
        JsonObject step = new JsonObject().put("step", item.latest().step()).put("at", item.latest().at());
        if (item.latest().agency() != null) {
          step.put("agency", item.latest().agency());
        }
        if (item.latest().due() != null) {
          step.put("due", item.latest().due());
        }
        items.add(new JsonObject().put("followCode", item.followCode()).put("text", item.text())
            .put("session", new JsonObject().put("id", item.sessionId()).put("title", item.sessionTitle()))
            .put("latest", step).put("overdue", item.overdue()));
      });
      rc.response().putHeader("Cache-Control", "no-store");
      SessionRoutes.json(rc, 200, new JsonObject().put("series", found.series()).put("onStage", found.onStage())
          .put("items", items));
    }).onFailure(rc::fail);
  }

  private void act(RoutingContext rc) {
    String code = FollowCodes.normalize(rc.pathParam("code"));
    CarryOverStore.Action action;
    String text;
    String ref;
    try {
      if (code == null) {
        throw DomainException.notFound("No such follow-up code");
      }
      JsonObject body = OrgRoutes.strict(rc, FIELDS);
      String name = OrgRoutes.text(body, "action", null);
      action = switch (name) {
        case "stage" -> CarryOverStore.Action.STAGE;
        case "unstage" -> CarryOverStore.Action.UNSTAGE;
        case "answered" -> CarryOverStore.Action.ANSWERED;
        default -> throw DomainException.badRequest("'action' is one of stage, unstage, answered");
      };
      text = body.getValue("text") == null ? null : OrgRoutes.text(body, "text", null);
      if ((text != null) != (action == CarryOverStore.Action.ANSWERED)) {
        throw DomainException.badRequest("'text' (what was answered on stage) goes with answered, and only there");
      }
      ref = body.getValue("ref") == null ? null : OrgRoutes.text(body, "ref", null);
      if (ref != null && (ref.isEmpty() || ref.length() > REF_LENGTH)) {
        throw DomainException.badRequest("'ref' holds 1 to " + REF_LENGTH + " characters");
      }
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String safeRef = ref == null ? java.util.UUID.randomUUID().toString() : ref;
    bearers.moderatorOrAdminOf(rc)
        .compose(moderator -> carryOver.act(moderator, safeRef, action, code, text))
        .onSuccess(result -> SessionRoutes.json(rc, 200, new JsonObject().put("followCode", code)
            .put("duplicate", result.duplicate())))
        .onFailure(rc::fail);
  }
}

package townhall.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import townhall.domain.AnswerDraft;
import townhall.domain.DomainException;
import townhall.service.AgencyInbox;

/**
 * An agency's desk over HTTP (signed-in responders of the agency, organizers of its organization or above, the
 * admin bearer; {@link townhall.service.Access#requireDesk} decides):
 * <ul>
 *   <li>{@code GET /api/agencies/{slug}/inbox}: the questions waiting for its written answer, earliest due first;</li>
 *   <li>{@code GET|PUT /api/sessions/{id}/questions/{questionId}/draft} {@code {"text"}}: the private draft;</li>
 *   <li>{@code POST /api/sessions/{id}/questions/{questionId}/draft/publish} {@code {"ref"?}}: publishes the draft
 *       through the written answer's path (chained);</li>
 *   <li>{@code GET|PUT /api/orgs/{slug}/answer-settings} {@code {"respondersPublish"}}: its organizers decide whether
 *       the responders of its agencies publish themselves;</li>
 *   <li>{@code POST /api/sessions/{id}/inbox/rebuild}: the session's lines rebuilt from its record.</li>
 * </ul>
 */
final class InboxRoutes {
  private static final Set<String> DRAFT_FIELDS = Set.of("text");
  private static final Set<String> PUBLISH_FIELDS = Set.of("ref");
  private static final Set<String> SETTING_FIELDS = Set.of("respondersPublish");
  private static final int REF_LENGTH = 64;

  private final AgencyInbox inbox;
  private final Callers callers;

  InboxRoutes(AgencyInbox inbox, Callers callers) {
    this.inbox = inbox;
    this.callers = callers;
  }

  void mount(Router router) {
    router.get("/api/agencies/:slug/inbox").handler(this::list);
    router.get("/api/sessions/:id/questions/:questionId/draft").handler(this::readDraft);
    router.put("/api/sessions/:id/questions/:questionId/draft").handler(this::saveDraft);
    router.post("/api/sessions/:id/questions/:questionId/draft/publish").handler(this::publish);
    router.get("/api/orgs/:slug/answer-settings").handler(this::readSetting);
    router.put("/api/orgs/:slug/answer-settings").handler(this::saveSetting);
    router.post("/api/sessions/:id/inbox/rebuild").handler(this::rebuild);
    router.post("/api/sessions/:id/questions/:questionId/attachments").handler(this::upload);
    router.get("/api/sessions/:id/questions/:questionId/attachments").handler(this::listFiles);
    router.get("/api/sessions/:id/questions/:questionId/attachments/:attachmentId").handler(this::draftFile);
    router.delete("/api/sessions/:id/questions/:questionId/attachments/:attachmentId").handler(this::removeFile);
    router.get("/api/attachments/:sha256").handler(this::publicFile);
  }

  /** The file is the raw body; its name is {@code ?name=}; its type is told by its bytes, never by a header. */
  private void upload(RoutingContext rc) {
    String sessionId = rc.pathParam("id");
    String questionId = rc.pathParam("questionId");
    String name = rc.queryParams().get("name");
    byte[] bytes = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    callers.actor(rc).compose(actor -> inbox.addAttachment(actor, sessionId, questionId, name, bytes))
        .onSuccess(stored -> SessionRoutes.json(rc, 201, attachment(stored, sessionId, questionId)))
        .onFailure(rc::fail);
  }

  private void listFiles(RoutingContext rc) {
    String sessionId = rc.pathParam("id");
    String questionId = rc.pathParam("questionId");
    callers.actor(rc).compose(actor -> inbox.attachments(actor, sessionId, questionId)).onSuccess(list -> {
      JsonArray files = new JsonArray();
      list.forEach(stored -> files.add(attachment(stored, sessionId, questionId)));
      SessionRoutes.json(rc, 200, new JsonObject().put("attachments", files));
    }).onFailure(rc::fail);
  }

  private void draftFile(RoutingContext rc) {
    long id = attachmentId(rc);
    if (id < 0) {
      return;
    }
    callers.actor(rc).compose(actor -> inbox.attachmentFile(actor, rc.pathParam("id"), rc.pathParam("questionId"),
        id)).onSuccess(file -> AttachmentResponses.send(rc, file, false)).onFailure(rc::fail);
  }

  private void removeFile(RoutingContext rc) {
    long id = attachmentId(rc);
    if (id < 0) {
      return;
    }
    callers.actor(rc).compose(actor -> inbox.removeAttachment(actor, rc.pathParam("id"), rc.pathParam("questionId"),
        id)).onSuccess(done -> rc.response().setStatusCode(204).end()).onFailure(rc::fail);
  }

  private void publicFile(RoutingContext rc) {
    inbox.publishedFile(rc.pathParam("sha256")).onSuccess(file -> AttachmentResponses.send(rc, file, true))
        .onFailure(rc::fail);
  }

  private static long attachmentId(RoutingContext rc) {
    try {
      return Long.parseLong(rc.pathParam("attachmentId"));
    } catch (NumberFormatException e) {
      rc.fail(DomainException.notFound("No such attachment"));
      return -1;
    }
  }

  private static JsonObject attachment(townhall.store.InboxStore.StoredAttachment stored, String sessionId,
      String questionId) {
    return new JsonObject().put("id", stored.id()).put("name", stored.file().name())
        .put("type", stored.file().type()).put("size", stored.file().size()).put("sha256", stored.file().sha256())
        .put("published", stored.published())
        .put("url", stored.published() ? AttachmentResponses.publicUrl(stored.file().sha256())
            : "/api/sessions/" + sessionId + "/questions/" + questionId + "/attachments/" + stored.id());
  }

  private void list(RoutingContext rc) {
    String slug = rc.pathParam("slug");
    callers.actor(rc).compose(actor -> inbox.inbox(actor, slug)).onSuccess(view -> {
      JsonArray items = new JsonArray();
      view.lines().forEach(line -> items.add(new JsonObject()
          .put("sessionId", line.item().sessionId()).put("questionId", line.item().questionId())
          .put("followCode", line.item().followCode()).put("text", line.item().text())
          .put("agency", line.item().agency()).put("due", line.item().due().toString())
          .put("referredAt", line.item().referredAt()).put("daysOverdue", line.daysOverdue())
          .put("overdue", line.daysOverdue() > 0)
          .put("draft", line.draft() == null ? null : draft(line.draft()))));
      SessionRoutes.json(rc, 200, new JsonObject().put("agency", new JsonObject()
              .put("slug", view.agency().slug()).put("name", view.agency().name()))
          .put("today", view.today().toString()).put("organizer", view.organizer())
          .put("mayPublish", view.mayPublish()).put("items", items));
    }).onFailure(rc::fail);
  }

  private void readDraft(RoutingContext rc) {
    String sessionId = rc.pathParam("id");
    String questionId = rc.pathParam("questionId");
    callers.actor(rc).compose(actor -> inbox.draft(actor, sessionId, questionId))
        .onSuccess(d -> SessionRoutes.json(rc, 200, draft(d))).onFailure(rc::fail);
  }

  private void saveDraft(RoutingContext rc) {
    String text;
    try {
      text = OrgRoutes.text(OrgRoutes.strict(rc, DRAFT_FIELDS), "text", null);
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String sessionId = rc.pathParam("id");
    String questionId = rc.pathParam("questionId");
    callers.actor(rc).compose(actor -> inbox.saveDraft(actor, sessionId, questionId, text))
        .onSuccess(d -> SessionRoutes.json(rc, 200, draft(d))).onFailure(rc::fail);
  }

  private void publish(RoutingContext rc) {
    String ref;
    try {
      JsonObject body = OrgRoutes.strict(rc, PUBLISH_FIELDS);
      ref = body.getValue("ref") == null ? null : OrgRoutes.text(body, "ref", null);
      if (ref != null && (ref.isEmpty() || ref.length() > REF_LENGTH)) {
        throw DomainException.badRequest("'ref' holds 1 to " + REF_LENGTH + " characters");
      }
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String sessionId = rc.pathParam("id");
    String questionId = rc.pathParam("questionId");
    callers.actor(rc).compose(actor -> inbox.publishDraft(actor, sessionId, questionId, ref))
        .onSuccess(result -> SessionRoutes.json(rc, 200, new JsonObject().put("questionId", questionId)
            .put("duplicate", result.duplicate())))
        .onFailure(rc::fail);
  }

  private void readSetting(RoutingContext rc) {
    String slug = rc.pathParam("slug");
    callers.actor(rc).compose(actor -> inbox.respondersPublish(actor, slug))
        .onSuccess(allowed -> SessionRoutes.json(rc, 200, new JsonObject().put("respondersPublish", allowed)))
        .onFailure(rc::fail);
  }

  private void saveSetting(RoutingContext rc) {
    boolean allowed;
    try {
      Object value = OrgRoutes.strict(rc, SETTING_FIELDS).getValue("respondersPublish");
      if (!(value instanceof Boolean b)) {
        throw DomainException.badRequest("'respondersPublish' is true or false");
      }
      allowed = b;
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String slug = rc.pathParam("slug");
    callers.actor(rc).compose(actor -> inbox.setRespondersPublish(actor, slug, allowed))
        .onSuccess(saved -> SessionRoutes.json(rc, 200, new JsonObject().put("respondersPublish", saved)))
        .onFailure(rc::fail);
  }

  private void rebuild(RoutingContext rc) {
    String sessionId = rc.pathParam("id");
    callers.actor(rc).compose(actor -> inbox.rebuild(actor, sessionId))
        .onSuccess(open -> SessionRoutes.json(rc, 200, new JsonObject().put("open", open)))
        .onFailure(rc::fail);
  }

  private static JsonObject draft(AnswerDraft d) {
    return new JsonObject().put("text", d.text()).put("updatedAt", d.updatedAt());
  }
}

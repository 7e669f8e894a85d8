package townhall.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.record.RecordJson;
import townhall.service.SlipPhotos;
import townhall.store.SlipStore;

/**
 * The photo of a paper slip over HTTP (issue 17). The bearer is a token of the session (the clerk's, a moderator's,
 * or the admin token): never in the URL.
 * <ul>
 *   <li>{@code POST /api/sessions/{id}/questions/{questionId}/slip}: the body is the photo (JPEG, PNG or WebP, told
 *       by its bytes, at most {@code clerk.slipMaxBytes}); the clerk who entered the question or a moderator; 201
 *       {@code {"questionId","sha256","width","height","size","url"}};</li>
 *   <li>{@code GET /api/sessions/{id}/questions/{questionId}/slip/{sha256}}: the kept JPEG, for the session's clerks
 *       and moderators (never cached);</li>
 *   <li>{@code POST /api/sessions/{id}/questions/{questionId}/slip/publish} {@code {"sha256"}}: a moderator
 *       publishes the photo they looked at; 200 {@code {"sha256","url"}};</li>
 *   <li>{@code GET /api/slips/{sha256}}: a published photo, for anyone (cached: its name is its content).</li>
 * </ul>
 */
final class SlipRoutes {
  /** The upload's path: its own body limit ({@code clerk.slipMaxBytes}) is set before the API's. */
  static final String UPLOADS = "/api/sessions/:id/questions/:questionId/slip";
  private static final Set<String> PUBLISH_FIELDS = Set.of("sha256");

  private final SlipPhotos slips;
  private final Bearers bearers;

  SlipRoutes(SlipPhotos slips, Bearers bearers) {
    this.slips = slips;
    this.bearers = bearers;
  }

  void mount(Router router) {
    router.post(UPLOADS).handler(this::upload);
    router.post(UPLOADS + "/publish").handler(this::publish);
    router.get(UPLOADS + "/:sha256").handler(this::privatePhoto);
    router.get("/api/slips/:sha256").handler(this::publicPhoto);
  }

  private void upload(RoutingContext rc) {
    String questionId = rc.pathParam("questionId");
    byte[] bytes = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    bearers.participantOf(rc).compose(by -> slips.attach(by, questionId, bytes))
        .onSuccess(kept -> SessionRoutes.json(rc, 201, new JsonObject().put("questionId", kept.questionId())
            .put("sha256", kept.sha256()).put("width", kept.width()).put("height", kept.height())
            .put("size", kept.size()).put("url", privateUrl(rc.pathParam("id"), questionId, kept.sha256()))))
        .onFailure(rc::fail);
  }

  private void publish(RoutingContext rc) {
    String questionId = rc.pathParam("questionId");
    JsonObject body;
    try {
      body = SessionRoutes.jsonBody(rc.body().asString());
      if (!PUBLISH_FIELDS.containsAll(body.fieldNames()) || !(body.getValue("sha256") instanceof String)) {
        throw DomainException.badRequest("The body is {\"sha256\": \"<the photo's SHA-256>\"}");
      }
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    String sha256 = body.getString("sha256");
    bearers.participantOf(rc).compose(by -> slips.publish(by, questionId, sha256))
        .onSuccess(done -> SessionRoutes.json(rc, 200, new JsonObject().put("sha256", sha256)
            .put("url", RecordJson.slipUrl(sha256))))
        .onFailure(rc::fail);
  }

  private void privatePhoto(RoutingContext rc) {
    bearers.participantOf(rc)
        .compose(by -> slips.photo(by, rc.pathParam("questionId"), rc.pathParam("sha256")))
        .onSuccess(photo -> send(rc, photo, false)).onFailure(rc::fail);
  }

  private void publicPhoto(RoutingContext rc) {
    slips.published(rc.pathParam("sha256")).onSuccess(photo -> send(rc, photo, true)).onFailure(rc::fail);
  }

  static String privateUrl(String sessionId, String questionId, String sha256) {
    return "/api/sessions/" + sessionId + "/questions/" + questionId + "/slip/" + sha256;
  }

  /** As an answer's file: its exact type, never sniffed, inline, in a sandbox with nothing allowed. */
  private static void send(RoutingContext rc, SlipStore.SlipPhoto photo, boolean published) {
    rc.response().setStatusCode(200)
        .putHeader("Content-Type", "image/jpeg")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", AttachmentResponses.POLICY)
        .putHeader("Content-Disposition", "inline; filename=\"slip-" + photo.questionId().replaceAll("[^A-Za-z0-9_-]",
            "_") + ".jpg\"")
        .putHeader("Cache-Control", published ? "public, max-age=31536000, immutable" : "private, no-store")
        .end(Buffer.buffer(photo.jpeg()));
  }
}

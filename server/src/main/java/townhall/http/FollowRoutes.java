package townhall.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import townhall.domain.FollowedQuestion;
import townhall.service.FollowQuestion;

/**
 * The public follow-up of one question: {@code GET /api/follow/{code}} answers
 * {@code {"question":{"id","text","status"},"steps":[{"step","agency","due","at","note"}],"answer":{"text","at"}|null}}
 * (absent {@code agency}, {@code due}, {@code note} are null), or {@code 404} for a code that names nothing the
 * public may see.
 */
final class FollowRoutes {
  private final FollowQuestion follow;
  private final ClientAddresses addresses;

  FollowRoutes(FollowQuestion follow, ClientAddresses addresses) {
    this.follow = follow;
    this.addresses = addresses;
  }

  void mount(Router router) {
    router.get("/api/follow/:code").handler(this::find);
  }

  private void find(RoutingContext rc) {
    follow.find(rc.pathParam("code"), addresses.of(rc.request().remoteAddress(), rc.request().headers()))
        .onSuccess(q -> {
          rc.response().putHeader("Cache-Control", "no-cache");
          SessionRoutes.json(rc, 200, json(q));
        })
        .onFailure(rc::fail);
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
                .put("attachments", attachments));
  }

  /** An answer's files with the public URL of each (named by the SHA-256 the chain commits to). */
  private static JsonArray files(java.util.List<townhall.domain.Attachment> files) {
    JsonArray array = new JsonArray();
    files.forEach(f -> array.add(new JsonObject().put("name", f.name()).put("type", f.type()).put("size", f.size())
        .put("sha256", f.sha256()).put("url", AttachmentResponses.publicUrl(f.sha256()))));
    return array;
  }
}

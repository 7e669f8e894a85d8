package townhall.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.record.SessionRecord;
import townhall.record.RecordCsv;
import townhall.record.RecordJson;
import townhall.record.RecordKeys;
import townhall.service.PublishRecord;
import townhall.service.ReadRecord;

/**
 * A session's record: {@code GET /api/sessions/{id}/record} (JSON, or CSV with {@code ?format=csv}): the full
 * record for the organizer and moderators at any time, the public record for anyone once published;
 * {@code GET /api/sessions/{id}/record/preview} (organizer or moderator): the public record as it will be published,
 * with counts of what it leaves out; {@code POST /api/sessions/{id}/publish} and {@code POST
 * /api/sessions/{id}/unpublish} (body {@code {"reason"}}): the organizer only (the admin bearer; a moderator's link
 * cannot). Record answers carry the chain's final hash in {@value #HASH_HEADER}.
 */
public final class RecordRoutes {
  static final String HASH_HEADER = "X-Townhall-Record-Hash";
  /** Where the deployment's record keys are published, for anyone checking a record's signature. */
  public static final String KEYS_PATH = "/.well-known/townhall-record-keys";

  private final ReadRecord readRecord;
  private final PublishRecord publishRecord;
  private final Bearers bearers;
  private final String publicUrl;
  private final Buffer recordKeys;

  public RecordRoutes(ReadRecord readRecord, PublishRecord publishRecord, Bearers bearers, String publicUrl,
      List<RecordKeys.PublishedKey> recordKeys) {
    this.recordKeys = keysDocument(recordKeys);
    this.readRecord = readRecord;
    this.publishRecord = publishRecord;
    this.bearers = bearers;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    router.get("/api/sessions/:id/record").handler(this::record);
    router.get("/api/sessions/:id/record/preview").handler(this::preview);
    router.get(KEYS_PATH).handler(rc -> rc.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=300").putHeader("Access-Control-Allow-Origin", "*")
        .end(recordKeys));
    router.post("/api/sessions/:id/publish").handler(this::publish);
    router.post("/api/sessions/:id/unpublish").handler(this::unpublish);
  }

  private void preview(RoutingContext rc) {
    bearers.moderatorOrAdminOf(rc).compose(actor -> readRecord.preview(actor.sessionId())).onSuccess(preview -> {
      JsonObject withheld = new JsonObject();
      preview.withheldByCategory().forEach(withheld::put);
      var response = rc.response().setStatusCode(200).putHeader("Cache-Control", "no-store")
          .putHeader("Content-Type", "application/json; charset=utf-8");
      if (preview.record().finalHash() != null) {
        response.putHeader(HASH_HEADER, preview.record().finalHash());
      }
      response.end(new JsonObject().put("published", preview.record().publishedAt() != null)
          .put("withheld", withheld).put("textsNotShown", preview.textsNotShown())
          .put("privateReasons", preview.privateReasons()).put("record", RecordJson.encode(preview.record()))
          .toBuffer());
    }).onFailure(rc::fail);
  }

  private void unpublish(RoutingContext rc) {
    bearers.sessionForAdmin(rc).compose(id -> {
      JsonObject body = SessionRoutes.jsonBody(rc.body().asString());
      if (body.size() != 1 || !(body.getValue("reason") instanceof String reason)) {
        return Future.failedFuture(
            DomainException.badRequest("The body must be {\"reason\": \"why the record is withdrawn\"}"));
      }
      return publishRecord.unpublish(new Participant(id, Bearers.ORGANIZER, Role.MODERATOR), reason);
    }).onSuccess(at -> SessionRoutes.json(rc, 200, new JsonObject().put("published", false).put("withdrawnAt", at)))
        .onFailure(rc::fail);
  }

  private void record(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id == null) {
      return;
    }
    String format = rc.queryParams().get("format");
    if (format != null && !format.equals("json") && !format.equals("csv")) {
      rc.fail(DomainException.badRequest("'format' is json or csv"));
      return;
    }
    readerOf(rc, id).compose(reader -> readRecord.read(id, reader)).onSuccess(record -> {
      var response = rc.response().setStatusCode(200).putHeader("Cache-Control", "no-store");
      if (record.finalHash() != null) {
        response.putHeader(HASH_HEADER, record.finalHash());
      }
      if ("csv".equals(format)) {
        response.putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"" + fileName(record) + ".csv\"")
            .end(RecordCsv.encode(record));
      } else {
        response.putHeader("Content-Type", "application/json; charset=utf-8")
            .end(RecordJson.encode(record).toBuffer());
      }
    }).onFailure(rc::fail);
  }

  private Future<ReadRecord.Reader> readerOf(RoutingContext rc, String sessionId) {
    if (rc.request().getHeader("Authorization") == null) {
      return Future.succeededFuture(ReadRecord.Reader.ANYONE);
    }
    return bearers.moderatorOrAdmin(rc, sessionId).map(actor -> actor != null ? ReadRecord.Reader.MODERATOR
        : ReadRecord.Reader.NOT_A_MODERATOR);
  }

  private void publish(RoutingContext rc) {
    bearers.sessionForAdmin(rc).compose(id -> publishRecord.publish(new Participant(id, Bearers.ORGANIZER,
            Role.MODERATOR))
        .onSuccess(at -> SessionRoutes.json(rc, 200, new JsonObject().put("published", true).put("publishedAt", at)
            .put("links", new JsonObject().put("record", SessionRoutes.baseUrl(rc, publicUrl) + "/r/" + id)))))
        .onFailure(rc::fail);
  }

  /** {@code {"keys":[{"kid","alg":"Ed25519","publicKey"}]}}: every key the deployment signed with, oldest first. */
  private static Buffer keysDocument(List<RecordKeys.PublishedKey> keys) {
    JsonArray array = new JsonArray();
    keys.forEach(k -> array.add(new JsonObject().put("kid", k.kid()).put("alg", RecordKeys.ALGORITHM)
        .put("publicKey", k.publicKey())));
    return new JsonObject().put("keys", array).toBuffer();
  }

  private static String fileName(SessionRecord record) {
    return "townhall-record-" + record.sessionId();
  }
}

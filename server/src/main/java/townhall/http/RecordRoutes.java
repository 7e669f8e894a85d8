package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import townhall.domain.DomainException;
import townhall.domain.record.SessionRecord;
import townhall.record.RecordCsv;
import townhall.record.RecordJson;
import townhall.service.PublishRecord;
import townhall.service.ReadRecord;

/**
 * A session's public record: {@code GET /api/sessions/{id}/record} (JSON, or CSV with {@code ?format=csv}) for the
 * organizer and moderators at any time and for anyone once published, and {@code POST /api/sessions/{id}/publish}
 * (organizer or moderator). Both answers carry the chain's final hash in {@value #HASH_HEADER}.
 */
public final class RecordRoutes {
  static final String HASH_HEADER = "X-Townhall-Record-Hash";

  private final ReadRecord readRecord;
  private final PublishRecord publishRecord;
  private final Bearers bearers;
  private final String publicUrl;

  public RecordRoutes(ReadRecord readRecord, PublishRecord publishRecord, Bearers bearers, String publicUrl) {
    this.readRecord = readRecord;
    this.publishRecord = publishRecord;
    this.bearers = bearers;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    router.get("/api/sessions/:id/record").handler(this::record);
    router.post("/api/sessions/:id/publish").handler(this::publish);
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
    bearers.moderatorOrAdminOf(rc).compose(actor -> publishRecord.publish(actor)
        .onSuccess(at -> SessionRoutes.json(rc, 200, new JsonObject().put("published", true).put("publishedAt", at)
            .put("links", new JsonObject().put("record",
                SessionRoutes.baseUrl(rc, publicUrl) + "/r/" + actor.sessionId())))))
        .onFailure(rc::fail);
  }

  private static String fileName(SessionRecord record) {
    return "townhall-record-" + record.sessionId();
  }
}

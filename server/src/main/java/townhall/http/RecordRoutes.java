package townhall.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.Future;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.export.RecordExports;
import townhall.export.RecordFiles;
import townhall.record.RecordKeys;
import townhall.service.PublishRecord;
import townhall.service.ReadRecord;

/**
 * A session's record: {@code GET /api/sessions/{id}/record} (JSON, or CSV with {@code ?format=csv}): the full
 * record for the organizer and moderators at any time, the public record for anyone once published, each served
 * from files built once per chain head ({@link RecordExports}) with an {@code ETag}, limited per client address;
 * {@code GET /api/sessions/{id}/record/preview} (organizer or moderator, by bearer or sign-in cookie): the public
 * record as it will be published, with counts of what it leaves out (from the archive once Redis no longer holds
 * the session); {@code POST /api/sessions/{id}/publish} and {@code POST
 * /api/sessions/{id}/unpublish} (body {@code {"reason"}}): the organizer only (the admin bearer, or a signed-in
 * organizer of the session's organization, {@link SessionOrganizers}; a moderator's link cannot); once Redis no
 * longer holds the session, publishing makes its archived record public again. The full record is also read with
 * the sign-in cookie of an account that may moderate in the session's organization, from the archive too. Record
 * answers carry the chain's final hash in {@value #HASH_HEADER}.
 */
public final class RecordRoutes {
  static final String HASH_HEADER = "X-Townhall-Record-Hash";
  /** Where the deployment's record keys are published, for anyone checking a record's signature. */
  public static final String KEYS_PATH = "/.well-known/townhall-record-keys";

  private final RecordExports exports;
  private final PublishRecord publishRecord;
  private final ClientAddresses addresses;
  private final Bearers bearers;
  private final String publicUrl;
  private final Buffer recordKeys;
  private final SessionOrganizers organizers;

  public RecordRoutes(RecordExports exports, PublishRecord publishRecord, Bearers bearers, String publicUrl,
      ClientAddresses addresses, List<RecordKeys.PublishedKey> recordKeys, SessionOrganizers organizers) {
    this.organizers = organizers;
    this.recordKeys = keysDocument(recordKeys);
    this.exports = exports;
    this.publishRecord = publishRecord;
    this.addresses = addresses;
    this.bearers = bearers;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    router.get("/api/sessions/:id/record").handler(this::record);
    router.get("/api/sessions/:id/record/preview").handler(this::preview);
    router.get("/api/sessions/:id/record/status").handler(this::status);
    router.get(KEYS_PATH).handler(rc -> rc.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=300").putHeader("Access-Control-Allow-Origin", "*")
        .end(recordKeys));
    router.post("/api/sessions/:id/publish").handler(this::publish);
    router.post("/api/sessions/:id/unpublish").handler(this::unpublish);
  }

  /**
   * The public record as it will be published, inside {@code {"published", "withheld", "textsNotShown",
   * "privateReasons", "record"}}: the record is streamed from its file.
   */
  private void preview(RoutingContext rc) {
    previewer(rc).compose(exports::preview).onSuccess(files -> {
      JsonObject withheld = new JsonObject();
      files.preview().withheldByCategory().forEach(withheld::put);
      String head = new JsonObject().put("published", files.published()).put("withheld", withheld)
          .put("textsNotShown", files.preview().textsNotShown())
          .put("privateReasons", files.preview().privateReasons()).encode();
      HttpServerResponse response = rc.response().setStatusCode(200).setChunked(true)
          .putHeader("Cache-Control", "no-store").putHeader("Content-Type", "application/json; charset=utf-8");
      if (files.finalHash() != null) {
        response.putHeader(HASH_HEADER, files.finalHash());
      }
      response.write(head.substring(0, head.length() - 1) + ",\"record\":");
      rc.vertx().fileSystem().open(files.json(false).toString(), new OpenOptions().setRead(true))
          .compose(file -> file.pipe().endOnSuccess(false).to(response))
          .compose(piped -> response.end("}"))
          .onFailure(e -> response.reset());
    }).onFailure(rc::fail);
  }

  /**
   * The session of the path when a moderator or the organizer asks for its preview: a bearer of its moderators or
   * the admin token, or the sign-in cookie of an account that may moderate in its organization. Fails
   * {@code unauthorized} without either, {@code forbidden} for another signed-in account.
   */
  private Future<String> previewer(RoutingContext rc) {
    if (rc.request().getHeader("Authorization") != null) {
      return bearers.moderatorOrAdminOf(rc).map(Participant::sessionId);
    }
    String id = rc.pathParam("id");
    if (id == null || !id.matches("[A-Za-z0-9]{1,64}")) {
      return Future.failedFuture(DomainException.notFound("No such session"));
    }
    return organizers.recordReader(rc, id).compose(reader -> switch (reader) {
      case MODERATOR -> Future.succeededFuture(id);
      case NOT_A_MODERATOR -> Future.failedFuture(
          DomainException.forbidden("Only the session's moderators and organizers preview its record"));
      case ANYONE -> Future.failedFuture(
          new DomainException(ErrorCode.UNAUTHORIZED, "The organizer's or a moderator's token is required"));
    });
  }

  /** Whether the record is public (for anyone: a closed session's resident page links to it once it is). */
  private void status(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id == null) {
      return;
    }
    exports.publishedAt(id).onSuccess(at -> {
      SessionRoutes.json(rc, 200, new JsonObject().put("published", at != null).put("publishedAt", at));
    }).onFailure(rc::fail);
  }

  private void unpublish(RoutingContext rc) {
    organizers.of(rc).compose(call -> {
      JsonObject body = SessionRoutes.jsonBody(rc.body().asString());
      if (body.size() != 1 || !(body.getValue("reason") instanceof String reason)) {
        return Future.failedFuture(
            DomainException.badRequest("The body must be {\"reason\": \"why the record is withdrawn\"}"));
      }
      return publishRecord.unpublish(call.participant(), reason)
          .compose(at -> organizers.note(call, "session.unpublish").map(at));
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
    exports.admit(addresses.of(rc.request().remoteAddress(), rc.request().headers()))
        .compose(admitted -> readerOf(rc, id))
        .compose(reader -> exports.files(id, reader))
        .onSuccess(files -> send(rc, files, "csv".equals(format)))
        .onFailure(rc::fail);
  }

  /**
   * Sends the record's file: {@code 304} when the client holds this version ({@code If-None-Match}), else the
   * file, gzip-compressed when the client accepts it. A public record may be kept by shared caches (revalidating
   * every time); what a request with credentials (a bearer or the sign-in cookie) reads only by the reader's own.
   */
  private static void send(RoutingContext rc, RecordFiles files, boolean csv) {
    boolean personal = rc.request().getHeader("Authorization") != null
        || rc.request().getCookie(Callers.COOKIE) != null;
    HttpServerResponse response = rc.response()
        .putHeader("Cache-Control", personal ? "private, no-cache" : "no-cache")
        .putHeader("ETag", files.etag())
        .putHeader("Vary", "Accept-Encoding, Authorization, Cookie");
    if (files.finalHash() != null) {
      response.putHeader(HASH_HEADER, files.finalHash());
    }
    if (matches(rc.request().getHeader("If-None-Match"), files.etag())) {
      response.setStatusCode(304).end();
      return;
    }
    boolean gzip = acceptsGzip(rc.request().getHeader("Accept-Encoding"));
    if (gzip) {
      response.putHeader("Content-Encoding", "gzip");
    }
    if (csv) {
      response.putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"" + fileName(files) + ".csv\"");
    } else {
      response.putHeader("Content-Type", "application/json; charset=utf-8");
    }
    response.setStatusCode(200).sendFile((csv ? files.csv(gzip) : files.json(gzip)).toString())
        .onFailure(rc::fail);
  }

  /** Whether an {@code If-None-Match} names {@code etag} (weak comparison, as RFC 9110 asks for it). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
    for (String tag : ifNoneMatch.split(",")) {
      String candidate = tag.trim();
      if (candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an {@code Accept-Encoding} accepts gzip (not with {@code q=0}). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.split(",")) {
      String[] parts = coding.trim().split(";");
      String name = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
      boolean refused = parts.length > 1 && parts[1].trim().replace(" ", "").matches("q=0(\\.0*)?");
      if ((name.equals("gzip") || name.equals("*")) && !refused) {
        return true;
      }
    }
    return false;
  }

  /**
   * Who reads: a bearer of the session's moderators or the organizer, or a signed-in account that may moderate in the
   * session's organization ({@link SessionOrganizers#recordReader}; it reads the full copy, also from the archive once
   * Redis no longer holds the session), else anyone (a refused credential, or a link of a session Redis no longer
   * holds: {@code NOT_A_MODERATOR}).
   */
  private Future<ReadRecord.Reader> readerOf(RoutingContext rc, String sessionId) {
    if (rc.request().getHeader("Authorization") == null) {
      return organizers.recordReader(rc, sessionId);
    }
    return bearers.moderatorOrAdmin(rc, sessionId).map(actor -> actor != null ? ReadRecord.Reader.MODERATOR
        : ReadRecord.Reader.NOT_A_MODERATOR)
        // a session's link outlives the session in Redis, but its rights do not (revocation can no longer be checked):
        // after that it reads what anyone may, from the archive
        .recover(e -> e instanceof DomainException d && d.code() == ErrorCode.NOT_FOUND
            ? Future.succeededFuture(ReadRecord.Reader.NOT_A_MODERATOR) : Future.failedFuture(e));
  }

  private void publish(RoutingContext rc) {
    organizers.of(rc).compose(call -> publishRecord.publish(call.participant())
            .compose(at -> organizers.note(call, "session.publish").map(at))
            .map(at -> new JsonObject().put("published", true).put("publishedAt", at).put("links",
                new JsonObject().put("record", SessionRoutes.baseUrl(rc, publicUrl) + "/r/" + call.sessionId()))))
        .onSuccess(answer -> SessionRoutes.json(rc, 200, answer))
        .onFailure(rc::fail);
  }

  /** {@code {"keys":[{"kid","alg":"Ed25519","publicKey"}]}}: every key the deployment signed with, oldest first. */
  private static Buffer keysDocument(List<RecordKeys.PublishedKey> keys) {
    JsonArray array = new JsonArray();
    keys.forEach(k -> array.add(new JsonObject().put("kid", k.kid()).put("alg", RecordKeys.ALGORITHM)
        .put("publicKey", k.publicKey())));
    return new JsonObject().put("keys", array).toBuffer();
  }

  private static String fileName(RecordFiles files) {
    return "townhall-record-" + files.sessionId();
  }
}

package townhall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Moderation.act;
import static townhall.testing.Moderation.ask;
import static townhall.testing.Moderation.assertError;
import static townhall.testing.Moderation.next;
import static townhall.testing.Moderation.sessionEvent;
import static townhall.testing.Moderation.token;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.NodeTestBase;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/** {@code POST /api/sessions/{id}/status}, the join QR code and the pages of a session. */
class SessionStatusApiTest extends NodeTestBase {

  // ---------------------------------------------------------------- helpers

  private static String status(String status) {
    return new JsonObject().put("status", status).encode();
  }

  private Api.Reply postStatus(String sessionId, String body, String bearer) {
    return api.post("/api/sessions/" + sessionId + "/status", body, bearer);
  }

  private String currentStatus(String sessionId) {
    Api.Reply reply = api.get("/api/sessions/" + sessionId);
    assertEquals(200, reply.status(), reply::body);
    return reply.json().getString("status");
  }

  private WsClient join(Vertx vertx, String sessionId, String token) {
    WsClient ws = Moderation.join(vertx, node.port(), sessionId, token);
    ws.next("welcome");
    return ws;
  }

  private static void assertErrorReply(int status, String code, Api.Reply reply) {
    assertEquals(status, reply.status(), () -> "body: " + reply.body());
    assertNotNull(reply.json(), () -> "an error is JSON: " + reply.body());
    assertEquals(code, reply.json().getString("error"), reply::body);
    assertNotNull(reply.json().getString("message"));
  }

  private static String contentType(Api.Reply reply) {
    return reply.raw().headers().firstValue("Content-Type").orElse("");
  }

  // ---------------------------------------------------------------- changing the status

  @Test
  void organizerPausesWithTheAdminTokenAndConnectedClientsAreTold(Vertx vertx) {
    JsonObject created = api.createSession("Phiên của ban tổ chức", "post", true);
    String id = created.getString("id");
    try (WsClient resident = join(vertx, id, null);
         WsClient moderator = join(vertx, id, created.getString("moderatorToken"))) {
      Api.Reply reply = postStatus(id, status("paused"), TestNodes.ADMIN_TOKEN);
      assertEquals(200, reply.status(), reply::body);
      assertTrue(contentType(reply).startsWith("application/json"), () -> contentType(reply));
      assertEquals("paused", reply.json().getString("status"));
      assertEquals(id, reply.json().getString("id"));
      assertEquals(created.getString("code"), reply.json().getString("code"));
      assertEquals(api.get("/api/sessions/" + id).json(), reply.json(), "the answer is the session as GET shows it");

      for (WsClient ws : List.of(resident, moderator)) {
        JsonObject event = next(ws, sessionEvent("paused"));
        assertEquals(id, event.getJsonObject("session").getString("id"));
      }
      assertError("closed", act(resident, ask("Câu hỏi khi tạm dừng")));
    }
  }

  @Test
  void moderatorClosesWithTheSessionsModeratorTokenAndResidentsAreTold(Vertx vertx) {
    JsonObject created = api.createSession("Phiên của người kiểm duyệt", "post", true);
    String id = created.getString("id");
    try (WsClient resident = join(vertx, id, null)) {
      Api.Reply reply = postStatus(id, status("closed"), created.getString("moderatorToken"));
      assertEquals(200, reply.status(), reply::body);
      assertEquals("closed", reply.json().getString("status"));
      next(resident, sessionEvent("closed"));
      assertEquals("closed", currentStatus(id));

      Api.Reply reopened = postStatus(id, status("open"), created.getString("moderatorToken"));
      assertEquals(200, reopened.status(), reopened::body);
      assertEquals("open", reopened.json().getString("status"));
      next(resident, sessionEvent("open"));
    }
  }

  @Test
  void residentTokenOrNoTokenIsUnauthorizedAndChangesNothing(Vertx vertx) {
    JsonObject created = api.createSession("Phiên được bảo vệ", "post", true);
    String id = created.getString("id");
    String other = api.createSession("Phiên khác", "post", true).getString("moderatorToken");
    try (WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      String residentToken = token(resident.next("welcome"));
      String forged = Moderation.withRoleMark(residentToken, "m");
      for (String bearer : new String[] {residentToken, null, "", "wrong-token", forged, other,
          TestNodes.ADMIN_TOKEN + "x"}) {
        assertErrorReply(401, "unauthorized", postStatus(id, status("closed"), bearer));
      }
      assertEquals("open", currentStatus(id));
      // a status change would have reached the resident before the pong
      assertTrue(resident.framesBeforePong().stream().noneMatch(f -> "session".equals(f.getString("type"))));
      Moderation.ok(resident, ask("Vẫn hỏi được"));
    }
  }

  @Test
  void badBodyIsABadRequestAndChangesNothing() {
    String id = api.createSession("Phiên với yêu cầu sai", "post", true).getString("id");
    for (String body : new String[] {"", "not json", "[]", "{}", "{\"status\": 1}", "{\"status\": null}",
        status("pause"), status("bogus"), status("OPEN"), "{\"status\": \"paused\", \"extra\": true}"}) {
      assertErrorReply(400, "bad_request", postStatus(id, body, TestNodes.ADMIN_TOKEN));
    }
    assertEquals("open", currentStatus(id));
  }

  @Test
  void sameStatusAgainIsAConflict() {
    JsonObject created = api.createSession("Phiên trùng trạng thái", "post", true);
    String id = created.getString("id");
    assertErrorReply(409, "conflict", postStatus(id, status("open"), TestNodes.ADMIN_TOKEN));
    assertEquals(200, postStatus(id, status("paused"), TestNodes.ADMIN_TOKEN).status());
    assertErrorReply(409, "conflict", postStatus(id, status("paused"), TestNodes.ADMIN_TOKEN));
    assertErrorReply(409, "conflict", postStatus(id, status("paused"), created.getString("moderatorToken")));
    assertEquals("paused", currentStatus(id));
  }

  @Test
  void statusOfAnUnknownSessionIsNotFound() {
    assertErrorReply(404, "not_found", postStatus("khongCoPhienNay", status("closed"), TestNodes.ADMIN_TOKEN));
    assertErrorReply(404, "not_found", api.get("/api/sessions/khongCoPhienNay/qr.svg"));
  }

  // ---------------------------------------------------------------- QR code and pages

  @Test
  void qrCodeIsAnSvgOfTheAudienceLink() throws Exception {
    JsonObject created = api.createSession("Phiên có mã QR", "post", true);
    Api.Reply reply = api.get("/api/sessions/" + created.getString("id") + "/qr.svg");
    assertEquals(200, reply.status(), reply::body);
    assertTrue(contentType(reply).startsWith("image/svg+xml"), () -> "content type: " + contentType(reply));
    assertTrue(reply.body().startsWith("<svg"), () -> "body: " + reply.body().substring(0, 80));

    String link = decodeQr(reply.body());
    assertTrue(link.endsWith("/j/" + created.getString("code")), () -> "the QR code holds " + link);
    assertEquals(created.getJsonObject("links").getString("audience"), link);
  }

  @Test
  void sessionPagesAreServedAsHtml() {
    String id = api.createSession("Phiên có trang", "post", true).getString("id");
    for (String path : List.of("/m/" + id, "/stage/" + id, "/speaker/" + id, "/organize")) {
      Api.Reply reply = api.get(path);
      assertEquals(200, reply.status(), () -> path + " answered " + reply.body());
      assertTrue(contentType(reply).startsWith("text/html"), () -> path + " content type: " + contentType(reply));
      assertTrue(reply.body().stripLeading().toLowerCase(Locale.ROOT).startsWith("<!doctype html"),
          () -> path + " is an HTML page");
      assertTrue(reply.raw().headers().firstValue("Content-Security-Policy").isPresent(), path);
    }
  }

  /** Reads the SVG's unit squares back into pixels and decodes them as a QR code. */
  private static String decodeQr(String svg) throws NotFoundException, ChecksumException, FormatException {
    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
    assertTrue(box.find(), "the SVG has a viewBox");
    int width = Integer.parseInt(box.group(1));
    int height = Integer.parseInt(box.group(2));
    int scale = 4;
    int[] pixels = new int[width * scale * height * scale];
    java.util.Arrays.fill(pixels, 0xFFFFFFFF);
    Matcher square = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
    int dark = 0;
    while (square.find()) {
      dark++;
      int x = Integer.parseInt(square.group(1));
      int y = Integer.parseInt(square.group(2));
      for (int dy = 0; dy < scale; dy++) {
        for (int dx = 0; dx < scale; dx++) {
          pixels[(y * scale + dy) * width * scale + x * scale + dx] = 0xFF000000;
        }
      }
    }
    assertTrue(dark > 0, "the SVG draws modules");
    RGBLuminanceSource source = new RGBLuminanceSource(width * scale, height * scale, pixels);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
  }
}

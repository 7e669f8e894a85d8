package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.record.RecordVerifier;
import townhall.testing.HomeTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * An answer's attachments: PDF and PNG/JPEG/WebP only, told by their bytes (a PDF named .png, a text named .pdf,
 * an empty or oversized file are refused with a JSON error and nothing kept), for the agency's people only while a
 * draft, public once the answer is published — by the SHA-256 the chain commits to — with safe headers; shown in
 * the record (which verifies) and on the follow-up page.
 */
class AnswerAttachmentTest extends HomeTestBase {
  private static final String PASSWORD = "attach password 12";
  /** Above the 16 KiB every other API body is limited to: the upload route has its own limit. */
  private static final int MAX = 40_000;
  /** A PDF of 30,000 bytes and more: larger than any JSON body the API takes. */
  private static final byte[] PDF = concat(bytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
      new byte[30_000]);
  private static final byte[] PNG = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
      bytes("rest of a png"));
  private static final byte[] WEBP = bytes("RIFF\u0010\u0000\u0000\u0000WEBPVP8 rest");
  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  protected Map<String, ?> nodeSettings() {
    return Map.of("inbox.attachmentMaxBytes", MAX);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Uploads as a signed-in account (cookie and CSRF), or with no account when {@code who} is null. */
  private HttpResponse<String> upload(SignedInClient who, String path, String name, byte[] body, String type)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path
            + (name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", type);
    if (who != null) {
      request.header("Cookie", who.cookie()).header("X-CSRF-Token", who.csrf());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> fetch(SignedInClient who, String path) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path));
    if (who != null) {
      request.header("Cookie", who.cookie());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void filesAreCheckedKeptPrivateThenPublishedCommittedAndServedSafely(Vertx vertx) throws Exception {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    organization("xd-a", "agency", "ward-a");
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@main.vn").put("password", PASSWORD)
        .encode(), null));
    SignedInClient responder = invited(admin, "responder", "tnmt-a", PASSWORD);
    SignedInClient other = invited(admin, "responder", "xd-a", PASSWORD);
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    String code;
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      resident.act(Msg.ask("Xin cho xem quyết định thu hồi đất"));
      code = moderator.next(f -> "question".equals(f.getString("type")), "question 1").getJsonObject("question")
          .getString("followCode");
      Moderation.ok(moderator, new JsonObject().put("type", "moderate").put("questionId", "1")
          .put("action", "followUp").put("step", "referred").put("agency", "tnmt-a")
          .put("due", LocalDate.now().plusDays(7).toString()));
    }
    String files = "/api/sessions/" + id + "/questions/1/attachments";

    // refused, each with a JSON error, and nothing kept
    List<Object[]> refused = List.of(
        new Object[] {responder, "quyet-dinh.png", PDF, "a PDF named .png"},
        new Object[] {responder, "ghi-chu.pdf", bytes("just some text, not a PDF"), "text named .pdf"},
        new Object[] {responder, "trang.pdf", new byte[0], "empty"},
        new Object[] {responder, "lon.pdf", concat(PDF, new byte[MAX]), "over the limit"},
        new Object[] {responder, "khong-ten", PDF, "no extension"},
        new Object[] {responder, null, PDF, "no name"},
        new Object[] {responder, "script.html", bytes("<script>alert(1)</script>"), "html"});
    for (Object[] bad : refused) {
      HttpResponse<String> reply = upload((SignedInClient) bad[0], files, (String) bad[1], (byte[]) bad[2],
          "application/pdf");
      assertTrue(reply.statusCode() == 400 || reply.statusCode() == 413, bad[3] + ": " + reply.statusCode());
      assertTrue(new JsonObject(reply.body()).getString("error") != null, bad[3] + ": " + reply.body());
    }
    assertEquals(403, upload(other, files, "x.pdf", PDF, "application/pdf").statusCode(), "another agency");
    assertEquals(401, upload(null, files, "x.pdf", PDF, "application/pdf").statusCode(), "a resident");
    assertEquals(0, responder.get(files).json().getJsonArray("attachments").size(), "nothing was kept");

    HttpResponse<String> pdf = upload(responder, files, "Công văn \"số 12\".pdf", PDF, "image/png");
    assertEquals(201, pdf.statusCode(), pdf.body());
    assertEquals("application/pdf", new JsonObject(pdf.body()).getString("type"), "told by its bytes");
    assertEquals(201, upload(responder, files, "ảnh hiện trường.PNG", PNG, "text/html").statusCode());
    HttpResponse<String> webp = upload(responder, files, "bo.webp", WEBP, "application/octet-stream");
    assertEquals(201, webp.statusCode(), webp.body());
    long webpId = new JsonObject(webp.body()).getLong("id");
    assertEquals(204, responder.delete(files + "/" + webpId, true).status(), "removed from the draft");
    JsonArray kept = responder.get(files).json().getJsonArray("attachments");
    assertEquals(2, kept.size());
    String draftUrl = kept.getJsonObject(0).getString("url");
    assertEquals(200, fetch(responder, draftUrl).statusCode(), "the agency's people read the draft's files");
    assertEquals(403, fetch(other, draftUrl).statusCode());
    assertEquals(401, fetch(null, draftUrl).statusCode());
    assertEquals(404, fetch(null, "/api/attachments/" + sha256(PDF)).statusCode(), "never public before");

    assertEquals(200, responder.send("PUT", "/api/sessions/" + id + "/questions/1/draft",
        new JsonObject().put("text", "Quyết định đính kèm.").encode()).status());
    assertEquals(200, api.post("/api/sessions/" + id + "/questions/1/draft/publish", "{}", TestNodes.ADMIN_TOKEN)
        .status());

    HttpResponse<byte[]> served = fetch(null, "/api/attachments/" + sha256(PDF));
    assertEquals(200, served.statusCode());
    assertArrayEquals(PDF, served.body());
    assertEquals("application/pdf", served.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertEquals("sandbox; default-src 'none'", served.headers().firstValue("Content-Security-Policy").orElseThrow());
    String disposition = served.headers().firstValue("Content-Disposition").orElseThrow();
    assertTrue(disposition.startsWith("attachment; filename=\"C_ng v_n _s_ 12_.pdf\""), disposition);
    HttpResponse<byte[]> image = fetch(null, "/api/attachments/" + sha256(PNG));
    assertEquals("image/png", image.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(image.headers().firstValue("Content-Disposition").orElseThrow().startsWith("inline; "));
    assertEquals(404, fetch(null, "/api/attachments/" + sha256(WEBP)).statusCode(), "removed: never published");

    JsonObject record = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    JsonArray steps = record.getJsonArray("questions").getJsonObject(0).getJsonArray("followUp");
    JsonArray committed = steps.getJsonObject(steps.size() - 1).getJsonArray("files");
    assertEquals(List.of(sha256(PDF), sha256(PNG)), committed.stream().map(JsonObject.class::cast)
        .map(f -> f.getString("sha256")).toList(), "the chain commits to each file");
    assertTrue(RecordVerifier.verify(record).intact(), RecordVerifier.verify(record).problems()::toString);
    String pdfHash = sha256(PDF);
    String entry = record.getJsonObject("chain").getJsonArray("links").stream().map(JsonObject.class::cast)
        .map(l -> l.getString("entry")).filter(e -> e.contains(pdfHash)).findFirst().orElseThrow();
    assertTrue(entry.contains("\"answered\""), entry);

    JsonObject followed = api.get("/api/follow/" + code).json();
    JsonArray shown = followed.getJsonObject("answer").getJsonArray("attachments");
    assertEquals("/api/attachments/" + sha256(PDF), shown.getJsonObject(0).getString("url"));
    assertEquals(2, shown.size());
  }

  @Test
  void onceRedisLetTheSessionGoTheArchivedChainCommitsToTheFilesToo(Vertx vertx) throws Exception {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@main.vn").put("password", PASSWORD)
        .encode(), null));
    SignedInClient responder = invited(admin, "responder", "tnmt-a", PASSWORD);
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    String code;
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      resident.act(Msg.ask("Hồ sơ cấp phép xây dựng ở đâu?"));
      code = moderator.next(f -> "question".equals(f.getString("type")), "question 1").getJsonObject("question")
          .getString("followCode");
      Moderation.ok(moderator, new JsonObject().put("type", "moderate").put("questionId", "1")
          .put("action", "followUp").put("step", "referred").put("agency", "tnmt-a")
          .put("due", LocalDate.now().plusDays(3).toString()));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    assertEquals(List.of("1"), responder.get("/api/agencies/tnmt-a/inbox").json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).map(i -> i.getString("questionId")).toList(), "still waiting");
    String base = "/api/sessions/" + id + "/questions/1";
    assertEquals(201, upload(responder, base + "/attachments", "ho-so.jpg", concat(new byte[] {(byte) 0xFF,
        (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, bytes("jfif")), "image/jpeg").statusCode());
    assertEquals(200, responder.send("PUT", base + "/draft", new JsonObject().put("text", "Nộp tại bộ phận một cửa.")
        .encode()).status());
    assertEquals(200, api.post(base + "/draft/publish", "{}", TestNodes.ADMIN_TOKEN).status());

    JsonObject record = api.get("/api/sessions/" + id + "/record").json();
    JsonArray steps = record.getJsonArray("questions").getJsonObject(0).getJsonArray("followUp");
    JsonObject answered = steps.getJsonObject(steps.size() - 1);
    assertEquals("answered", answered.getString("step"));
    assertEquals("ho-so.jpg", answered.getJsonArray("files").getJsonObject(0).getString("name"));
    assertTrue(RecordVerifier.verify(record).intact(), RecordVerifier.verify(record).problems()::toString);
    String sha = answered.getJsonArray("files").getJsonObject(0).getString("sha256");
    HttpResponse<byte[]> served = fetch(null, "/api/attachments/" + sha);
    assertEquals(200, served.statusCode());
    assertEquals(sha, sha256(served.body()));
    assertEquals("image/jpeg", served.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(sha, api.get("/api/follow/" + code).json().getJsonObject("answer").getJsonArray("attachments")
        .getJsonObject(0).getString("sha256"));
    assertEquals(0, responder.get("/api/agencies/tnmt-a/inbox").json().getJsonArray("items").size());
  }
}

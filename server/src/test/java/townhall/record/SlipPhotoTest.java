package townhall.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Moderation.ask;
import static townhall.testing.Moderation.ok;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import townhall.testing.HomeTestBase;
import townhall.testing.Moderation;
import townhall.testing.SlipFixtures;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The photo of a paper slip (issue 17): who may attach, see and publish it, the limits checked before anything is
 * decoded, the kept JPEG without EXIF, GPS or comment (checked in its bytes), and the record committing to it once a
 * moderator published it.
 */
class SlipPhotoTest extends HomeTestBase {
  private final HttpClient http = HttpClient.newHttpClient();

  private record Reply(int status, byte[] body, HttpResponse<byte[]> raw) {
    JsonObject json() {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    }

    String error() {
      return json().getString("error");
    }
  }

  private Reply send(String method, String path, byte[] body, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/octet-stream");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(response.statusCode(), response.body(), response);
  }

  private static String slip(String id, String questionId) {
    return "/api/sessions/" + id + "/questions/" + questionId + "/slip";
  }

  private static byte[] publishBody(String sha256) {
    return new JsonObject().put("sha256", sha256).encode().getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static JsonObject onBehalf(String text, String channel) {
    return ask(text).put("onBehalf", new JsonObject().put("channel", channel).put("name", "Bác Hùng")
        .put("area", "Tổ 5"));
  }

  private String clerkToken(String id, String bearer) {
    return api.post("/api/sessions/" + id + "/clerk-token", "", bearer).json().getString("clerkToken");
  }

  @Test
  void aClerksPhotoIsKeptWithoutMetadataSeenByModeratorsOnlyAndPublicOnceAModeratorPublishesIt(Vertx vertx)
      throws Exception {
    JsonObject created = api.createSession("Tiếp xúc cử tri", "pre", true);
    String id = created.getString("id");
    String moderatorToken = created.getString("moderatorToken");
    String stageToken = created.getString("stageToken");
    String clerkToken = clerkToken(id, moderatorToken);
    String secondClerk = clerkToken(id, TestNodes.ADMIN_TOKEN);
    String otherSession = api.createSession("Phiên khác", "pre", true).getString("id");
    String otherClerk = clerkToken(otherSession, TestNodes.ADMIN_TOKEN);

    String paper;
    String unshown;
    String own;
    String residentToken;
    try (WsClient mod = Moderation.join(vertx, node.port(), id, moderatorToken);
         WsClient clerk = Moderation.join(vertx, node.port(), id, clerkToken);
         WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      clerk.next("welcome");
      residentToken = Moderation.token(resident.next("welcome"));
      paper = ok(clerk, onBehalf("Xin cấp lại sổ đỏ", "paper")).getString("questionId");
      own = ok(resident, ask("Khi nào sửa đường Lê Lợi?")).getString("questionId");
      unshown = ok(clerk, onBehalf("Số điện thoại nhà tôi là 0903 123 456", "paper")).getString("questionId");
      ok(mod, Moderation.approve(paper));
    }

    byte[] upload = SlipFixtures.jpegWithExif(400, 300, 6);
    assertTrue(SlipFixtures.markers(upload).containsAll(List.of(0xE1, 0xFE)), "the fixture carries EXIF and a comment");
    String path = slip(id, paper);

    // nobody but the clerk who entered it (or a moderator) attaches a photo, and a refusal keeps nothing
    assertEquals(401, send("POST", path, upload, null).status(), "no token");
    assertEquals("forbidden", send("POST", path, upload, residentToken).error(), "a resident");
    assertEquals("forbidden", send("POST", path, upload, stageToken).error(), "the stage");
    assertEquals(401, send("POST", path, upload, otherClerk).status(), "another session's clerk");
    assertEquals("forbidden", send("POST", path, upload, secondClerk).error(), "another clerk of the session");
    assertEquals("conflict", send("POST", slip(id, own), upload, clerkToken).error(), "a resident's own question");
    assertEquals("not_found", send("POST", slip(id, "999"), upload, clerkToken).error());
    assertEquals("bad_request", send("POST", path, "Bác Hùng, tổ 5".getBytes(StandardCharsets.UTF_8), clerkToken)
        .error(), "not an image");
    assertEquals("bad_request", send("POST", path, "%PDF-1.4\n%%EOF".getBytes(StandardCharsets.US_ASCII),
        clerkToken).error(), "a PDF is not a photo");
    JsonObject seen = Moderation.question(Moderation.freshWelcome(vertx, node.port(), id, moderatorToken), paper);
    assertNull(seen.getValue("slip"), () -> "refused uploads named no photo: " + seen);

    Reply attached = send("POST", path, upload, clerkToken);
    assertEquals(201, attached.status(), () -> new String(attached.body(), StandardCharsets.UTF_8));
    String sha = attached.json().getString("sha256");
    assertEquals(300, attached.json().getInteger("width"), "turned upright by its EXIF orientation (6)");
    assertEquals(400, attached.json().getInteger("height"));

    // the kept JPEG holds pixels only: no APP1 (EXIF, GPS, XMP), no comment, no other application segment
    Reply kept = send("GET", path + "/" + sha, null, moderatorToken);
    assertEquals(200, kept.status());
    assertEquals("image/jpeg", kept.raw().headers().firstValue("Content-Type").orElseThrow());
    assertEquals("nosniff", kept.raw().headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertTrue(kept.raw().headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("sandbox"));
    assertEquals("private, no-store", kept.raw().headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(sha, sha256(kept.body()), "the SHA-256 names the bytes served");
    List<Integer> markers = SlipFixtures.markers(kept.body());
    assertTrue(markers.stream().noneMatch(m -> m >= 0xE1 && m <= 0xEF || m == 0xFE),
        () -> "no APPn but JFIF, no comment: " + markers);
    String text = new String(kept.body(), StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("Exif") || text.contains(SlipFixtures.COMMENT), "no EXIF or comment bytes left");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(kept.body()));
    assertEquals(300, image.getWidth());
    assertTrue(isRed(image.getRGB(150, 50)) && !isRed(image.getRGB(150, 350)),
        "the left half (red) of a photo stored turned a quarter is on top once upright");
    assertArrayEquals(kept.body(), send("GET", path + "/" + sha, null, clerkToken).body(), "the clerk sees it too");
    assertEquals("forbidden", send("GET", path + "/" + sha, null, residentToken).error());
    assertEquals("forbidden", send("GET", path + "/" + sha, null, stageToken).error());
    assertEquals(404, send("GET", "/api/slips/" + sha, null, null).status(), "not public until published");

    // moderators see that there is a photo; residents do not
    JsonObject forModerator = Moderation.question(Moderation.freshWelcome(vertx, node.port(), id, moderatorToken),
        paper);
    assertEquals(new JsonObject().put("sha256", sha).put("public", false), forModerator.getJsonObject("slip"));
    JsonObject forResident = Moderation.question(Moderation.freshWelcome(vertx, node.port(), id, null), paper);
    assertNull(forResident.getValue("slip"), () -> "a resident never learns of the photo: " + forResident);

    // a new photo replaces it while unpublished; the replaced one is gone
    Reply replaced = send("POST", path, SlipFixtures.plainJpeg(640, 480), clerkToken);
    assertEquals(201, replaced.status());
    String newSha = replaced.json().getString("sha256");
    assertNotEquals(sha, newSha);
    assertEquals(404, send("GET", path + "/" + sha, null, moderatorToken).status(), "the replaced photo is deleted");

    // only a moderator publishes, the photo they saw, and only over HTTP (it also makes the kept file public)
    try (WsClient mod = Moderation.join(vertx, node.port(), id, moderatorToken)) {
      mod.next("welcome");
      Moderation.assertError("bad_request", Moderation.act(mod, Moderation.moderate(paper, "publishSlip")));
    }
    assertEquals("forbidden", send("POST", path + "/publish", publishBody(newSha), clerkToken).error());
    assertEquals("forbidden", send("POST", path + "/publish", publishBody(newSha), residentToken).error());
    assertEquals("not_found", send("POST", path + "/publish", publishBody(sha), moderatorToken).error(),
        "the replaced photo");
    assertEquals("bad_request", send("POST", path + "/publish", "{\"sha256\":1}".getBytes(StandardCharsets.UTF_8),
        moderatorToken).error());
    assertEquals(404, send("GET", "/api/slips/" + newSha, null, null).status(), "refusals changed nothing");
    Reply published = send("POST", path + "/publish", publishBody(newSha), moderatorToken);
    assertEquals(200, published.status(), () -> new String(published.body(), StandardCharsets.UTF_8));
    assertEquals("/api/slips/" + newSha, published.json().getString("url"));
    assertEquals(200, send("POST", path + "/publish", publishBody(newSha), moderatorToken).status(),
        "publishing again changes nothing");
    Reply open = send("GET", "/api/slips/" + newSha, null, null);
    assertEquals(200, open.status());
    assertEquals(newSha, sha256(open.body()));
    assertTrue(open.raw().headers().firstValue("Cache-Control").orElseThrow().contains("immutable"));
    assertEquals("conflict", send("POST", path, upload, clerkToken).error(), "a public photo is not replaced");

    // a photo published for a question whose text is never shown stays out of the public copy of the record
    Reply other = send("POST", slip(id, unshown), SlipFixtures.plainJpeg(320, 200), clerkToken);
    assertEquals(201, other.status());
    String otherSha = other.json().getString("sha256");
    assertEquals(200, send("POST", slip(id, unshown) + "/publish", publishBody(otherSha), moderatorToken).status());

    // the record commits to the published photo by its SHA-256
    try (WsClient mod = Moderation.join(vertx, node.port(), id, moderatorToken)) {
      mod.next("welcome");
      ok(mod, Moderation.session("close"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    JsonObject record = api.get("/api/sessions/" + id + "/record").json();
    JsonObject question = record.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> paper.equals(q.getString("id"))).findFirst().orElseThrow();
    assertEquals(new JsonObject().put("sha256", newSha).put("url", "/api/slips/" + newSha),
        question.getJsonObject("clerkEntry").getJsonObject("slip"));
    assertTrue(question.getJsonArray("steps").stream().map(JsonObject.class::cast)
        .anyMatch(s -> "publishSlip".equals(s.getString("action"))));
    long chained = record.getJsonObject("chain").getJsonArray("links").stream().map(JsonObject.class::cast)
        .map(link -> new JsonObject(link.getString("entry")))
        .filter(e -> "publishSlip".equals(e.getString("action")) && newSha.equals(e.getString("sha256"))).count();
    assertEquals(1, chained, "one chain entry names the photo's SHA-256");
    assertTrue(RecordVerifier.verify(record).intact(), () -> RecordVerifier.verify(record).problems().toString());
    assertEquals(200, send("GET", "/api/slips/" + newSha, null, null).status(), "a published photo stays public");
    JsonObject unshownQuestion = record.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> unshown.equals(q.getString("id"))).findFirst().orElseThrow();
    assertNull(unshownQuestion.getValue("text"));
    assertNull(unshownQuestion.getJsonObject("clerkEntry").getValue("slip"),
        () -> "the public copy shows no photo of a text it does not show: " + unshownQuestion);
    JsonObject full = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    assertEquals(otherSha, full.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> unshown.equals(q.getString("id"))).findFirst().orElseThrow().getJsonObject("clerkEntry")
        .getJsonObject("slip").getString("sha256"), "the full record names it");
    assertTrue(RecordVerifier.verify(full).intact(), () -> RecordVerifier.verify(full).problems().toString());
  }

  @Test
  void photosOverTheLimitsAndDecompressionBombsAreRefusedAndUnpublishedOnesGoWithThePublishedRecord(Vertx vertx)
      throws Exception {
    JsonObject created = api.createSession("Tiếp xúc cử tri", "post", true);
    String id = created.getString("id");
    String moderatorToken = created.getString("moderatorToken");
    String clerkToken = clerkToken(id, moderatorToken);
    String paper;
    try (WsClient clerk = Moderation.join(vertx, node.port(), id, clerkToken)) {
      clerk.next("welcome");
      paper = ok(clerk, onBehalf("Rác tồn đọng ở kênh", "paper")).getString("questionId");
    }
    String path = slip(id, paper);

    byte[] tooLarge = new byte[8 * 1024 * 1024 + 1];
    System.arraycopy(SlipFixtures.plainJpeg(8, 8), 0, tooLarge, 0, 100);
    assertEquals("too_long", send("POST", path, tooLarge, clerkToken).error(), "over clerk.slipMaxBytes");
    Reply bomb = send("POST", path, SlipFixtures.pngBomb(20_000, 20_000), clerkToken);
    assertEquals("too_long", bomb.error(), "400 megapixels told by the header, never decoded");
    assertTrue(bomb.json().getString("message").contains("20000 x 20000"), bomb.json()::encode);
    assertNull(Moderation.question(Moderation.freshWelcome(vertx, node.port(), id, moderatorToken), paper)
        .getValue("slip"), "refused photos named nothing");

    Reply webp = send("POST", path, SlipFixtures.WEBP, clerkToken);
    assertEquals(201, webp.status(), () -> new String(webp.body(), StandardCharsets.UTF_8));
    assertEquals(1, webp.json().getInteger("width"), "WebP is read (TwelveMonkeys) and kept as a JPEG");
    String sha = webp.json().getString("sha256");
    byte[] jpeg = send("GET", path + "/" + sha, null, moderatorToken).body();
    assertEquals(List.of(0xFF, 0xD8), List.of(jpeg[0] & 0xFF, jpeg[1] & 0xFF));

    // nobody published it: publishing the record deletes it
    try (WsClient mod = Moderation.join(vertx, node.port(), id, moderatorToken)) {
      mod.next("welcome");
      ok(mod, Moderation.session("close"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    assertEquals(404, send("GET", path + "/" + sha, null, moderatorToken).status(),
        "an unpublished photo is deleted when the record is published");
    String record = api.get("/api/sessions/" + id + "/record").body();
    assertFalse(record.contains(sha), "an unpublished photo is in no record");
  }

  @Test
  void aDeletedSessionTakesItsUnpublishedPhotosAlong(Vertx vertx) throws Exception {
    JsonObject created = api.createSession("Tiếp xúc cử tri", "post", true);
    String id = created.getString("id");
    String clerkToken = clerkToken(id, TestNodes.ADMIN_TOKEN);
    String paper;
    try (WsClient clerk = Moderation.join(vertx, node.port(), id, clerkToken)) {
      clerk.next("welcome");
      paper = ok(clerk, onBehalf("Cây xanh đổ chưa được dọn", "paper")).getString("questionId");
    }
    Reply attached = send("POST", slip(id, paper), SlipFixtures.plainJpeg(64, 48), clerkToken);
    assertEquals(201, attached.status());
    String sha = attached.json().getString("sha256");
    assertEquals(200, send("GET", slip(id, paper) + "/" + sha, null, TestNodes.ADMIN_TOKEN).status());
    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    try (var db = postgres.connect(townhall.testing.TestPostgres.databaseOf(databaseUrl));
         var count = db.prepareStatement("SELECT count(*) FROM slip_photos WHERE session_id = ?")) {
      count.setString(1, id);
      try (var rows = count.executeQuery()) {
        rows.next();
        assertEquals(0, rows.getInt(1), "the deleted session's photo is deleted");
      }
    }
  }

  private static boolean isRed(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int b = rgb & 0xFF;
    return r > 180 && b < 90;
  }
}

package townhall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;

/** The HTTP side: creating and finding sessions, health, metrics, pages and their security headers. */
class SessionApiTest extends NodeTestBase {

  private Api.Reply create(String body) {
    return api.post("/api/sessions", body, TestNodes.ADMIN_TOKEN);
  }

  private static void assertJsonError(int status, String code, Api.Reply reply) {
    assertEquals(status, reply.status(), () -> "body: " + reply.body());
    assertNotNull(reply.json(), () -> "not JSON: " + reply.body());
    assertEquals(code, reply.json().getString("error"), () -> "body: " + reply.body());
    assertNotNull(reply.json().getString("message"), () -> "an error has a message: " + reply.body());
    assertTrue(header(reply, "Content-Type").startsWith("application/json"), () -> "type " + header(reply,
        "Content-Type"));
  }

  private static String header(Api.Reply reply, String name) {
    return reply.raw().headers().firstValue(name).orElse("");
  }

  // ---------------------------------------------------------------- POST /api/sessions

  @Test
  void createdSessionHasAnIdASixDigitCodeAModeratorTokenAndLinks() {
    String title = "Đối thoại với nhân dân phường Bến Nghé";
    Api.Reply reply = create(new JsonObject().put("title", "  " + Normalizer.normalize(title, Normalizer.Form.NFD)
        + "  ").put("moderation", "post").put("anonymous", false).put("locale", "en").encode());
    assertEquals(201, reply.status(), reply::body);
    assertTrue(header(reply, "Content-Type").startsWith("application/json"));
    JsonObject created = reply.json();
    String id = created.getString("id");
    String code = created.getString("code");
    assertTrue(id.matches("[A-Za-z0-9]{1,64}"), () -> "id " + id);
    assertTrue(code.matches("\\d{6}"), () -> "code " + code);
    assertEquals(title, created.getString("title"), "trimmed and NFC");
    String token = created.getString("moderatorToken");
    assertNotNull(token);
    assertFalse(token.isBlank());

    String base = "http://127.0.0.1:" + node.port();
    JsonObject links = created.getJsonObject("links");
    assertEquals(base + "/j/" + code, links.getString("audience"));
    assertEquals(base + "/m/" + id + "#token=" + token, links.getString("moderator"));
    String stageToken = created.getString("stageToken");
    assertNotNull(stageToken);
    assertNotEquals(token, stageToken);
    assertEquals(base + "/stage/" + id + "#token=" + stageToken, links.getString("stage"));
    assertEquals(base + "/speaker/" + id + "#token=" + stageToken, links.getString("speaker"));

    JsonObject facts = api.get("/api/sessions/" + id).json();
    assertEquals("post", facts.getString("moderation"));
    assertEquals(false, facts.getBoolean("anonymous"));
    assertEquals("en", facts.getString("locale"));
  }

  @Test
  void stageLinkTokenGreetsAsTheStageAndIsNotAModeratorBearer(Vertx vertx) {
    JsonObject created = api.createSession("Phiên có màn hình sân khấu", "pre", true);
    String id = created.getString("id");
    String stageToken = fragmentToken(created.getJsonObject("links").getString("stage"));
    assertEquals(stageToken, fragmentToken(created.getJsonObject("links").getString("speaker")));

    JsonObject welcome = Msg.freshWelcome(vertx, node.port(), id, Msg.hello(stageToken));
    assertEquals("stage", welcome.getString("role"));
    assertJsonError(401, "unauthorized", api.post("/api/sessions/" + id + "/status",
        new JsonObject().put("status", "closed").encode(), stageToken));
    assertJsonError(401, "unauthorized", api.post("/api/sessions/" + id + "/stage-token", "", stageToken));
    assertEquals("open", api.get("/api/sessions/" + id).json().getString("status"));
  }

  @Test
  void moderatorOrOrganizerGetsAFreshStageTokenWithItsLinks(Vertx vertx) {
    JsonObject created = api.createSession("Phiên xin liên kết sân khấu", "pre", true);
    String id = created.getString("id");
    String base = "http://127.0.0.1:" + node.port();
    List<String> issued = new ArrayList<>();
    for (String bearer : List.of(created.getString("moderatorToken"), TestNodes.ADMIN_TOKEN)) {
      Api.Reply reply = api.post("/api/sessions/" + id + "/stage-token", "", bearer);
      assertEquals(200, reply.status(), reply::body);
      String stageToken = reply.json().getString("stageToken");
      JsonObject links = reply.json().getJsonObject("links");
      assertEquals(base + "/stage/" + id + "#token=" + stageToken, links.getString("stage"));
      assertEquals(base + "/speaker/" + id + "#token=" + stageToken, links.getString("speaker"));
      assertEquals("stage", Msg.freshWelcome(vertx, node.port(), id, Msg.hello(stageToken)).getString("role"));
      issued.add(stageToken);
    }
    assertNotEquals(issued.get(0), issued.get(1), "each request gets a token of its own");
    assertNotEquals(created.getString("stageToken"), issued.get(0));
  }

  @Test
  void stageTokenIsRefusedWithoutAModeratorOrOrganizerBearerOfThatSession(Vertx vertx) {
    JsonObject created = api.createSession("Phiên được bảo vệ", "pre", true);
    String id = created.getString("id");
    JsonObject other = api.createSession("Phiên khác", "pre", true);
    String residentToken = Msg.token(Msg.freshWelcome(vertx, node.port(), id, Msg.hello()));
    String forged = Moderation.withRoleMark(residentToken, "m");
    for (String bearer : Arrays.asList(null, "", "wrong-token", residentToken, forged,
        other.getString("moderatorToken"), TestNodes.ADMIN_TOKEN + "x")) {
      assertJsonError(401, "unauthorized", api.post("/api/sessions/" + id + "/stage-token", "", bearer));
    }
    assertJsonError(404, "not_found",
        api.post("/api/sessions/NoSuchSession0000/stage-token", "", TestNodes.ADMIN_TOKEN));
  }

  @Test
  void onlyTheOrganizerGetsANewModeratorLink(Vertx vertx) {
    JsonObject created = api.createSession("Phiên cần liên kết điều phối mới", "pre", true);
    String id = created.getString("id");
    String path = "/api/sessions/" + id + "/moderator-token";

    Api.Reply reply = api.post(path, "", TestNodes.ADMIN_TOKEN);
    assertEquals(200, reply.status(), reply::body);
    String token = reply.json().getString("moderatorToken");
    assertNotEquals(created.getString("moderatorToken"), token);
    assertEquals("http://127.0.0.1:" + node.port() + "/m/" + id + "#token=" + token,
        reply.json().getJsonObject("links").getString("moderator"));
    JsonObject welcome = Msg.freshWelcome(vertx, node.port(), id, Msg.hello(token));
    assertEquals("moderator", welcome.getString("role"));
    assertNotEquals(Msg.participantId(Msg.freshWelcome(vertx, node.port(), id,
        Msg.hello(created.getString("moderatorToken")))), Msg.participantId(welcome), "a moderator of its own");

    for (String bearer : Arrays.asList(null, created.getString("moderatorToken"), created.getString("stageToken"),
        TestNodes.ADMIN_TOKEN + "x")) {
      assertJsonError(401, "unauthorized", api.post(path, "", bearer));
    }
    assertJsonError(404, "not_found",
        api.post("/api/sessions/NoSuchSession0000/moderator-token", "", TestNodes.ADMIN_TOKEN));
  }

  private static String fragmentToken(String link) {
    int at = link.indexOf("#token=");
    assertTrue(at > 0, () -> "no token in the fragment of " + link);
    return link.substring(at + "#token=".length());
  }

  @Test
  void createdSessionTakesTheDocumentedDefaults() {
    Api.Reply reply = create(new JsonObject().put("title", "Phiên mặc định").encode());
    assertEquals(201, reply.status(), reply::body);
    Api.Reply facts = api.get("/api/sessions/" + reply.json().getString("id"));
    assertEquals(200, facts.status());
    assertEquals("pre", facts.json().getString("moderation"));
    assertEquals(true, facts.json().getBoolean("anonymous"));
    assertEquals("vi", facts.json().getString("locale"));
    assertEquals("open", facts.json().getString("status"));
    assertEquals(500, facts.json().getInteger("maxLength"));
  }

  @Test
  void twoSessionsGetDifferentIdsCodesAndTokens() {
    JsonObject one = api.createSession("Phiên một", "pre", true);
    JsonObject two = api.createSession("Phiên hai", "pre", true);
    assertNotEquals(one.getString("id"), two.getString("id"));
    assertNotEquals(one.getString("code"), two.getString("code"));
    assertNotEquals(one.getString("moderatorToken"), two.getString("moderatorToken"));
  }

  @Test
  void createWithoutTheAdminBearerTokenIsUnauthorized() {
    String body = new JsonObject().put("title", "Phiên không được phép").encode();
    String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + TestNodes.ADMIN_TOKEN)
        .getBytes(StandardCharsets.UTF_8));
    List<String> refused = List.of("Bearer wrong-token", "Bearer " + TestNodes.ADMIN_TOKEN + "x",
        "Bearer " + TestNodes.ADMIN_TOKEN.substring(1), "Bearer ", basic, TestNodes.ADMIN_TOKEN);
    assertJsonError(401, "unauthorized", api.postWithAuthorization("/api/sessions", body, null));
    for (String authorization : refused) {
      assertJsonError(401, "unauthorized", api.postWithAuthorization("/api/sessions", body, authorization));
    }
    assertEquals(201, api.postWithAuthorization("/api/sessions", body, "Bearer " + TestNodes.ADMIN_TOKEN).status(),
        "the right token is accepted");
  }

  @Test
  void malformedOrInvalidBodiesAreBadRequests() {
    List<String> bodies = List.of(
        "{\"title\": ",
        "not json",
        "",
        "[]",
        "null",
        "{}",
        new JsonObject().put("title", 5).encode(),
        new JsonObject().put("title", "").encode(),
        new JsonObject().put("title", "   \n ").encode(),
        new JsonObject().put("title", "Phiên").put("extra", 1).encode(),
        new JsonObject().put("title", "Phiên").put("moderation", "none").encode(),
        new JsonObject().put("title", "Phiên").put("moderation", 1).encode(),
        new JsonObject().put("title", "Phiên").put("anonymous", "yes").encode(),
        new JsonObject().put("title", "Phiên").put("locale", "fr").encode(),
        new JsonObject().put("title", "Phiên\u0007").encode());
    for (String body : bodies) {
      Api.Reply reply = create(body);
      assertEquals(400, reply.status(), () -> "body " + body + " answered " + reply.status() + " " + reply.body());
      assertJsonError(400, "bad_request", reply);
    }
  }

  @Test
  void titleOfAtMost200CharactersIsAcceptedAndLongerIsRefused() {
    assertEquals(201, create(new JsonObject().put("title", "ệ".repeat(200)).encode()).status());
    Api.Reply tooLong = create(new JsonObject().put("title", "ệ".repeat(201)).encode());
    assertEquals(400, tooLong.status(), tooLong::body);
    assertTrue(List.of("bad_request", "too_long").contains(tooLong.json().getString("error")), tooLong::body);
  }

  // ---------------------------------------------------------------- look-ups

  @Test
  void joinCodeResolvesToThePublicFactsOfTheSession() {
    JsonObject created = api.createSession("Phiên tìm theo mã", "pre", true);
    Api.Reply reply = api.get("/api/sessions/by-code/" + created.getString("code"));
    assertEquals(200, reply.status(), reply::body);
    JsonObject found = reply.json();
    assertEquals(created.getString("id"), found.getString("id"));
    assertEquals(created.getString("code"), found.getString("code"));
    assertEquals("Phiên tìm theo mã", found.getString("title"));
    assertEquals("open", found.getString("status"));
    assertFalse(found.containsKey("moderatorToken"), "the join code gives away no secret");
  }

  @Test
  void unknownJoinCodeIsNotFound() {
    JsonObject created = api.createSession("Phiên có mã", "pre", true);
    int code = Integer.parseInt(created.getString("code"));
    String other = String.format(Locale.ROOT, "%06d", (code + 1) % 1_000_000);
    assertJsonError(404, "not_found", api.get("/api/sessions/by-code/" + other));
    assertJsonError(404, "not_found", api.get("/api/sessions/by-code/abc"));
    assertJsonError(404, "not_found", api.get("/api/sessions/by-code/1234567"));
  }

  @Test
  void unknownSessionIdIsNotFound() {
    String id = api.createSession("Phiên có thật", "pre", true).getString("id");
    assertJsonError(404, "not_found", api.get("/api/sessions/" + id + "x"));
  }

  // ---------------------------------------------------------------- operations

  @Test
  void healthIsUpWhileTheNodeAndItsRedisWork() {
    Api.Reply reply = api.get("/health");
    assertEquals(200, reply.status(), reply::body);
    assertEquals("UP", reply.json().getString("status"));
    assertEquals("UP", reply.json().getString("redis"));
    assertEquals(node.nodeId(), reply.json().getString("node"));
  }

  @Test
  void metricsAreServedInPrometheusTextFormatOnTheirOwnPortOnly() {
    for (String path : List.of("/metrics", "/metrics/", "/metrics/.", "/Metrics", "/metrics?x=1")) {
      Api.Reply reply = api.get(path);
      assertEquals(404, reply.status(), () -> path + " on the public port: " + reply.body());
      assertFalse(reply.body().contains("townhall_connections"), path);
    }
    assertNotEquals(node.port(), node.metricsPort());
    Api.Reply reply = api.scrape();
    assertEquals(200, reply.status());
    assertEquals("no-store", header(reply, "Cache-Control"));
    assertTrue(header(reply, "Content-Type").startsWith("text/plain"), () -> header(reply, "Content-Type"));
    assertTrue(reply.body().contains("townhall_connections"), "Townhall's own metrics");
    assertTrue(reply.body().contains("vertx_"), "Vert.x metrics");
  }

  // ---------------------------------------------------------------- pages

  @Test
  void pagesAreHtmlWithAStrictContentSecurityPolicy() {
    for (String path : List.of("/", "/j/123456")) {
      Api.Reply reply = api.get(path);
      assertEquals(200, reply.status(), () -> path + ": " + reply.body());
      assertTrue(header(reply, "Content-Type").startsWith("text/html"), () -> path + " " + header(reply,
          "Content-Type"));
      assertTrue(reply.body().toLowerCase(Locale.ROOT).contains("<html"), () -> path + " is a page");
      String csp = header(reply, "Content-Security-Policy");
      assertTrue(csp.contains("script-src 'self'"), () -> path + " CSP: " + csp);
      String scriptSrc = Arrays.stream(csp.split(";")).map(String::trim).filter(d -> d.startsWith("script-src"))
          .findFirst().orElse("");
      assertFalse(scriptSrc.contains("unsafe-inline"), () -> path + " allows inline script: " + csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), () -> path + " CSP: " + csp);
      assertEquals("nosniff", header(reply, "X-Content-Type-Options"), path);
      assertEquals("no-referrer", header(reply, "Referrer-Policy"), path);
    }
  }

  @Test
  void unknownPathIsAJsonNotFound() {
    Api.Reply reply = api.get("/no/such/page");
    assertJsonError(404, "not_found", reply);
    assertJsonError(404, "not_found", api.get("/api/nothing-here"));
  }
}

package townhall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;

/**
 * Issue 18 item 4: the session's livestream settings ({@code /api/sessions/{id}/stream}) and the framing rule — the
 * resident widget {@code /embed/{code}} may be framed by its session's origins only; every other page keeps
 * {@code frame-ancestors 'none'}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddingApiTest {
  private static TestRedis redis;
  private TownhallNode node;
  private Api api;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startNode() {
    node = TestNodes.start(redis, TestNodes.freshPrefix(), Map.of());
    api = Api.of(node);
  }

  @AfterEach
  void stopNode() {
    TestNodes.stop(node);
  }

  private static String header(Api.Reply reply, String name) {
    return reply.raw().headers().firstValue(name).orElse(null);
  }

  private Api.Reply put(String id, JsonObject body, String bearer) {
    return api.request("PUT", "/api/sessions/" + id + "/stream", body.encode(), "Content-Type", "application/json",
        "Authorization", "Bearer " + bearer);
  }

  @Test
  void theWidgetIsFramableByItsSessionsOriginsOnly() {
    JsonObject session = api.createSession("Đối thoại phường 1", "post", true);
    String id = session.getString("id");
    String code = session.getString("code");
    String other = api.createSession("Phiên khác", "post", true).getString("code");

    Api.Reply before = api.get("/embed/" + code);
    assertEquals(200, before.status(), before::body);
    assertTrue(header(before, "Content-Security-Policy").contains("frame-ancestors 'none'"),
        "no origins set yet: nobody may frame the widget");

    Api.Reply saved = put(id, new JsonObject().put("streamUrl", "https://www.youtube.com/live/abc")
        .put("embedOrigins", new JsonArray().add("https://Phuong1.example.vn").add("https://tv.example.vn:8443")),
        TestNodes.ADMIN_TOKEN);
    assertEquals(200, saved.status(), saved::body);
    assertEquals(List.of("https://phuong1.example.vn", "https://tv.example.vn:8443"),
        saved.json().getJsonArray("embedOrigins").getList(), "origins are normalised");

    Api.Reply widget = api.get("/embed/" + code);
    assertEquals(200, widget.status());
    assertTrue(header(widget, "Content-Type").startsWith("text/html"));
    String csp = header(widget, "Content-Security-Policy");
    assertTrue(csp.contains("frame-ancestors https://phuong1.example.vn https://tv.example.vn:8443;"), csp);
    assertNull(header(widget, "X-Frame-Options"), "X-Frame-Options: DENY would override the allowed origins");
    assertTrue(widget.body().contains("townhall-embed"), "the compact layout's marker");

    for (String path : List.of("/", "/j/" + code, "/stage/" + id, "/overlay/" + id, "/m/" + id, "/r/" + id,
        "/embed/" + other, "/embed/000000", "/embed/not-a-code")) {
      Api.Reply page = api.get(path);
      String pageCsp = header(page, "Content-Security-Policy");
      assertTrue(pageCsp != null && pageCsp.contains("frame-ancestors 'none'"), () -> path + " CSP: " + pageCsp);
      assertFalse(pageCsp.contains("phuong1"), () -> path + " leaks the allowed origins: " + pageCsp);
      assertEquals("DENY", header(page, "X-Frame-Options"), path);
    }

    JsonObject read = api.get("/api/sessions/" + id + "/stream").json();
    assertEquals("https://www.youtube.com/live/abc", read.getString("streamUrl"), "anyone reads the stream link");
  }

  @Test
  void badOriginsAndLinksAreRefusedAndChangeNothing() {
    JsonObject session = api.createSession("Đối thoại", "post", true);
    String id = session.getString("id");
    assertEquals(200, put(id, new JsonObject().put("embedOrigins", new JsonArray().add("https://ok.example.vn")),
        TestNodes.ADMIN_TOKEN).status());
    for (Object bad : List.of("http://plain.example.vn", "https://a.example.vn/path", "https://*.example.vn",
        "https://a.example.vn 'unsafe-inline'", "https://a.example.vn;script-src *", "javascript:alert(1)",
        "https://user@a.example.vn", "*", "'self'", 42)) {
      Api.Reply refused = put(id, new JsonObject().put("embedOrigins", new JsonArray().add(bad)),
          TestNodes.ADMIN_TOKEN);
      assertEquals(400, refused.status(), () -> bad + ": " + refused.body());
      assertEquals("bad_request", refused.json().getString("error"));
    }
    for (String bad : List.of("http://www.youtube.com/live/abc", "javascript:alert(1)", "ftp://x.vn/a")) {
      Api.Reply refused = put(id, new JsonObject().put("streamUrl", bad), TestNodes.ADMIN_TOKEN);
      assertEquals(400, refused.status(), () -> bad + ": " + refused.body());
    }
    assertEquals(400, put(id, new JsonObject().put("other", 1), TestNodes.ADMIN_TOKEN).status());
    assertEquals(401, put(id, new JsonObject().put("embedOrigins", new JsonArray().add("https://evil.example")),
        "not-a-token").status(), "only the organizer sets them");
    assertEquals(404, put("nosuchsession", new JsonObject(), TestNodes.ADMIN_TOKEN).status());

    String csp = header(api.get("/embed/" + session.getString("code")), "Content-Security-Policy");
    assertTrue(csp.contains("frame-ancestors https://ok.example.vn;"), () -> "unchanged by the refusals: " + csp);
    assertNull(api.get("/api/sessions/" + id + "/stream").json().getString("streamUrl"));
  }
}

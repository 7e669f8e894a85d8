package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;

/**
 * Issue 18 item 4, per organization: {@code GET|PUT /api/orgs/{slug}/stream} — the sites that may embed the widget
 * of every session of an organization, set by its organizers and administrators (there or above) or the admin
 * bearer, checked as a session's origins are, refusals changing nothing — and a session's {@code /embed/{code}}
 * framable by its own origins plus its organization's, no other organization's.
 */
class OrgEmbeddingApiTest extends HomeTestBase {
  private static final String PASSWORD = "embedding password 1";

  private static JsonObject origins(Object... origins) {
    return new JsonObject().put("embedOrigins", new JsonArray(List.of(origins)));
  }

  private List<Object> originsOf(String slug) {
    Api.Reply reply = api.get("/api/orgs/" + slug + "/stream");
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonArray("embedOrigins").getList();
  }

  private Api.Reply putAsAdmin(String slug, JsonObject body) {
    return api.request("PUT", "/api/orgs/" + slug + "/stream", body.encode(), "Content-Type", "application/json",
        "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN);
  }

  private String csp(String code) {
    Api.Reply widget = api.get("/embed/" + code);
    assertEquals(200, widget.status());
    return widget.raw().headers().firstValue("Content-Security-Policy").orElseThrow();
  }

  private JsonObject session(String org) {
    Api.Reply created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại " + org)
        .put("organization", org).put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  @Test
  void organizersOfTheOrganizationOrAboveSetItsOriginsAndNobodyElse() {
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "administrator@main.vn").put("password", PASSWORD)
        .encode(), null));
    organization("quan-1", "district", "main");
    organization("ward-a", "ward", "quan-1");
    organization("ward-b", "ward", "main");
    SignedInClient organizer = invited(admin, "organizer", "ward-a", PASSWORD);
    SignedInClient districtOrganizer = invited(admin, "organizer", "quan-1", PASSWORD);
    SignedInClient moderator = invited(admin, "moderator", "ward-a", PASSWORD);
    SignedInClient otherOrganizer = invited(admin, "organizer", "ward-b", PASSWORD);

    assertEquals(List.of(), originsOf("ward-a"), "none until set");
    Api.Reply saved = organizer.send("PUT", "/api/orgs/ward-a/stream",
        origins("https://Phuong-A.example.vn", "https://tv.example.vn:8443", "https://phuong-a.example.vn:443").encode());
    assertEquals(200, saved.status(), saved.body());
    List<Object> kept = List.of("https://phuong-a.example.vn", "https://tv.example.vn:8443");
    assertEquals(kept, saved.json().getJsonArray("embedOrigins").getList(), "normalised, each once");
    assertEquals(kept, originsOf("ward-a"), "anyone reads them");

    for (SignedInClient refused : List.of(moderator, otherOrganizer)) {
      Api.Reply reply = refused.send("PUT", "/api/orgs/ward-a/stream", origins("https://evil.example").encode());
      assertEquals(403, reply.status(), reply.body());
      assertEquals("forbidden", reply.json().getString("error"));
    }
    assertEquals(403, organizer.send("PUT", "/api/orgs/ward-b/stream", origins("https://evil.example").encode())
        .status(), "an organizer of ward-a does not reach ward-b");
    Api.Reply anonymous = api.request("PUT", "/api/orgs/ward-a/stream", origins("https://evil.example").encode(),
        "Content-Type", "application/json");
    assertEquals(401, anonymous.status(), anonymous.body());
    Api.Reply noCsrf = api.request("PUT", "/api/orgs/ward-a/stream", origins("https://evil.example").encode(),
        "Content-Type", "application/json", "Cookie", organizer.cookie());
    assertEquals(403, noCsrf.status(), "the cookie without its CSRF token: " + noCsrf.body());
    assertEquals(kept, originsOf("ward-a"), "no refusal changed anything");
    assertEquals(List.of(), originsOf("ward-b"));

    Api.Reply fromAbove = districtOrganizer.send("PUT", "/api/orgs/ward-a/stream",
        origins("https://quan1.example.vn", "https://phuong-a.example.vn").encode());
    assertEquals(200, fromAbove.status(), "an organizer of the district above: " + fromAbove.body());
    assertEquals(200, putAsAdmin("ward-b", origins("https://phuong-b.example.vn")).status());
    assertEquals(List.of("https://phuong-b.example.vn"), originsOf("ward-b"));
    assertTrue(admin.get("/api/orgs/ward-a/audit").body().contains("org.stream"), "noted in the audit log");
  }

  @Test
  void badOriginsAreRefusedWithAJsonErrorAndChangeNothing() {
    organization("ward-a", "ward", "main");
    assertEquals(200, putAsAdmin("ward-a", origins("https://ok.example.vn")).status());
    for (Object bad : List.of("http://plain.example.vn", "https://a.example.vn/path", "https://*.example.vn",
        "https://a.example.vn 'unsafe-inline'", "https://a.example.vn;script-src *", "javascript:alert(1)",
        "https://user@a.example.vn", "*", "'self'", 42)) {
      Api.Reply refused = putAsAdmin("ward-a", origins(bad));
      assertEquals(400, refused.status(), () -> bad + ": " + refused.body());
      assertEquals("bad_request", refused.json().getString("error"));
    }
    JsonArray eleven = new JsonArray();
    for (int i = 0; i < 11; i++) {
      eleven.add("https://s" + i + ".example.vn");
    }
    for (JsonObject bad : List.of(new JsonObject().put("embedOrigins", eleven),
        new JsonObject().put("embedOrigins", "https://ok.example.vn"), new JsonObject().put("streamUrl", "https://x.vn"),
        new JsonObject(), origins("https://ok.example.vn").put("other", 1))) {
      Api.Reply refused = putAsAdmin("ward-a", bad);
      assertEquals(400, refused.status(), () -> bad + ": " + refused.body());
      assertEquals("bad_request", refused.json().getString("error"));
    }
    Api.Reply notJson = api.request("PUT", "/api/orgs/ward-a/stream", "{not json", "Content-Type",
        "application/json", "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN);
    assertEquals(400, notJson.status());
    assertEquals(404, putAsAdmin("no-such-ward", origins("https://ok.example.vn")).status());
    assertEquals(404, api.get("/api/orgs/no-such-ward/stream").status());
    assertEquals(List.of("https://ok.example.vn"), originsOf("ward-a"), "unchanged by the refusals");
  }

  @Test
  void aSessionsWidgetAllowsItsOwnOriginsPlusItsOrganizationsOnly() {
    organization("ward-a", "ward", "main");
    organization("ward-b", "ward", "main");
    JsonObject a = session("ward-a");
    JsonObject b = session("ward-b");
    assertTrue(csp(a.getString("code")).contains("frame-ancestors 'none'"));

    assertEquals(200, putAsAdmin("ward-a", origins("https://phuong-a.example.vn")).status());
    assertTrue(csp(a.getString("code")).contains("frame-ancestors https://phuong-a.example.vn;"),
        () -> csp(a.getString("code")));
    assertTrue(csp(b.getString("code")).contains("frame-ancestors 'none'"), "another organization's session");

    Api.Reply own = api.request("PUT", "/api/sessions/" + a.getString("id") + "/stream",
        origins("https://tv.example.vn", "https://phuong-a.example.vn").encode(), "Content-Type", "application/json",
        "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN);
    assertEquals(200, own.status(), own.body());
    String both = csp(a.getString("code"));
    assertTrue(both.contains("frame-ancestors https://tv.example.vn https://phuong-a.example.vn;"), both);
    assertFalse(csp(b.getString("code")).contains("example.vn"), "ward-b's widget allows none of them");
    for (String path : List.of("/", "/j/" + a.getString("code"), "/o/ward-a", "/home")) {
      String page = api.get(path).raw().headers().firstValue("Content-Security-Policy").orElseThrow();
      assertTrue(page.contains("frame-ancestors 'none'") && !page.contains("phuong-a"), () -> path + ": " + page);
    }
  }
}

package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.TestNodes;

class OrganizationApiTest extends HomeTestBase {

  @Test
  void healthReportsPostgres() {
    Api.Reply health = api.get("/health");
    assertEquals(200, health.status());
    assertEquals("UP", health.json().getString("postgres"));
  }

  @Test
  void theRootExistsFromTheFirstStart() {
    Api.Reply root = api.get("/api/orgs/main");
    assertEquals(200, root.status(), root.body());
    assertEquals("main", root.json().getString("slug"));
    assertNull(root.json().getValue("parent"));
    assertEquals("Asia/Ho_Chi_Minh", root.json().getString("timeZone"));
  }

  @Test
  void theAdminBearerBuildsTheTree() {
    Api.Reply district = api.post("/api/orgs", new JsonObject().put("slug", "quan-1").put("name", "Quận 1")
        .put("kind", "district").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, district.status(), district.body());
    assertEquals("main", district.json().getString("parent"));
    Api.Reply ward = api.post("/api/orgs", new JsonObject().put("slug", "ben-nghe").put("name", "Phường Bến Nghé")
        .put("kind", "ward").put("parent", "quan-1").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, ward.status(), ward.body());
    Api.Reply read = api.get("/api/orgs/ben-nghe");
    assertEquals("quan-1", read.json().getString("parent"));
    assertEquals("Phường Bến Nghé", read.json().getString("name"));
    assertEquals("ward", read.json().getString("kind"));
  }

  @Test
  void aTakenSlugIsAConflict() {
    String body = new JsonObject().put("slug", "quan-3").put("name", "Quận 3").put("kind", "district").encode();
    assertEquals(201, api.post("/api/orgs", body, TestNodes.ADMIN_TOKEN).status());
    Api.Reply again = api.post("/api/orgs", body, TestNodes.ADMIN_TOKEN);
    assertEquals(409, again.status());
    assertEquals("conflict", again.json().getString("error"));
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    String[] bodies = {
        "not json", "[]", "{}",
        new JsonObject().put("slug", "Bad Slug").put("name", "x").put("kind", "ward").encode(),
        new JsonObject().put("slug", "-x").put("name", "x").put("kind", "ward").encode(),
        new JsonObject().put("slug", "ok").put("name", "").put("kind", "ward").encode(),
        new JsonObject().put("slug", "ok").put("name", "x").put("kind", "kingdom").encode(),
        new JsonObject().put("slug", "ok").put("name", "x").put("kind", "ward").put("parent", "nowhere").encode(),
        new JsonObject().put("slug", "ok").put("name", "x").put("kind", "ward").put("extra", 1).encode(),
        new JsonObject().put("slug", "ok").put("name", 5).put("kind", "ward").encode(),
        new JsonObject().put("slug", "ok").put("name", "x").put("kind", "ward").put("timeZone", "Mars/Base").encode(),
        new JsonObject().put("slug", "ok").put("name", "x'); DROP TABLE organizations; --").put("kind", "ward")
            .put("parent", "main' OR '1'='1").encode(),
    };
    for (String body : bodies) {
      Api.Reply reply = api.post("/api/orgs", body, TestNodes.ADMIN_TOKEN);
      assertTrue(reply.status() == 400 || reply.status() == 404, body + " -> " + reply.status() + " " + reply.body());
      assertTrue(reply.json().containsKey("error") && reply.json().containsKey("message"), reply.body());
    }
    assertEquals(404, api.get("/api/orgs/ok").status());
    assertEquals(200, api.get("/api/orgs/main").status());
  }

  @Test
  void creatingNeedsACredential() {
    String body = new JsonObject().put("slug", "quan-5").put("name", "Quận 5").put("kind", "district").encode();
    assertEquals(401, api.post("/api/orgs", body, null).status());
    assertEquals(401, api.post("/api/orgs", body, "not-the-token").status());
    assertEquals(404, api.get("/api/orgs/quan-5").status());
  }

  @Test
  void anUnknownOrMalformedSlugIsNotFound() {
    assertEquals(404, api.get("/api/orgs/nowhere").status());
    assertEquals(404, api.get("/api/orgs/NOT%20A%20SLUG").status());
    assertEquals("not_found", api.get("/api/orgs/nowhere/sessions").json().getString("error"));
  }
}

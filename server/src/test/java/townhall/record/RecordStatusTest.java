package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;

/** {@code GET /api/sessions/{id}/record/status}: anyone may ask whether the record is public (the resident page). */
class RecordStatusTest extends NodeTestBase {

  @Test
  void saysWhetherTheRecordIsPublicWithoutAToken() {
    String id = api.createSession("Phiên có biên bản", "post", true).getString("id");
    String status = "/api/sessions/" + id + "/record/status";
    JsonObject before = api.get(status).json();
    assertEquals(false, before.getBoolean("published"), before::encode);

    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    Api.Reply after = api.get(status);
    assertEquals(200, after.status(), after::body);
    assertEquals(true, after.json().getBoolean("published"));
    assertTrue(after.json().getLong("publishedAt") > 0, after::body);

    assertEquals(200, api.post("/api/sessions/" + id + "/unpublish", "{\"reason\": \"Cần rà soát\"}",
        TestNodes.ADMIN_TOKEN).status());
    assertEquals(false, api.get(status).json().getBoolean("published"));
  }

  @Test
  void anUnknownSessionIsNotFound() {
    assertEquals(404, api.get("/api/sessions/NoSuchSession1234/record/status").status());
  }
}

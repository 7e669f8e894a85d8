package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.domain.RateLimit;
import townhall.export.RecordArchiver;
import townhall.export.RecordExports;
import townhall.record.RecordKeys;
import townhall.record.RecordSignatures;
import townhall.record.RecordVerifier;
import townhall.service.ReadRecord;
import townhall.service.SweepClosedSessions;
import townhall.store.StoreObserver;
import townhall.store.pg.PgBackend;
import townhall.store.redis.RedisBackend;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.HomeTestBase;
import townhall.testing.RecordScenario;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;

/**
 * The archive: a published record is stored in PostgreSQL, and its JSON (with the chain, so it verifies), CSV and
 * page are served from there once Redis no longer holds the session, whether the administrator deleted it or the
 * retention sweep did (which archives the record's final state first); withdrawing it takes it from the public and
 * from the catalog; the deletion is in the audit log.
 */
class RecordArchiveTest extends HomeTestBase {
  private static final String PASSWORD = "correct horse battery";

  private List<RecordKeys.PublishedKey> nodeKeys() {
    List<RecordKeys.PublishedKey> keys = new ArrayList<>();
    JsonArray listed = api.get("/.well-known/townhall-record-keys").json().getJsonArray("keys");
    for (int i = 0; i < listed.size(); i++) {
      keys.add(new RecordKeys.PublishedKey(listed.getJsonObject(i).getString("kid"),
          listed.getJsonObject(i).getString("publicKey")));
    }
    return keys;
  }

  private JsonObject catalogEntry(String sessionId) {
    JsonArray sessions = api.get("/api/orgs/main/sessions").json().getJsonArray("sessions");
    for (int i = 0; i < sessions.size(); i++) {
      if (sessions.getJsonObject(i).getString("id").equals(sessionId)) {
        return sessions.getJsonObject(i);
      }
    }
    throw new AssertionError("No " + sessionId + " in the catalog");
  }

  private void publish(String id) {
    Api.Reply published = api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN);
    assertEquals(200, published.status(), published.body());
  }

  @Test
  void aPublishedRecordIsServedFromTheArchiveAfterItsSessionIsDeleted(Vertx vertx) {
    RecordScenario.Result run = RecordScenario.run(vertx, api, node.port());
    String id = run.sessionId();
    publish(id);
    Api.Reply live = api.get("/api/sessions/" + id + "/record");
    assertEquals(200, live.status());
    String finalHash = live.json().getJsonObject("chain").getString("finalHash");

    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    assertEquals(404, api.get("/api/sessions/" + id).status(), "Redis no longer holds the session");

    Api.Reply archived = api.get("/api/sessions/" + id + "/record");
    assertEquals(200, archived.status(), archived.body());
    assertEquals(finalHash, archived.raw().headers().firstValue("X-Townhall-Record-Hash").orElse(null));
    JsonObject record = archived.json();
    assertEquals("public", record.getString("view"));
    assertEquals(RecordScenario.TITLE, record.getJsonObject("session").getString("title"));
    RecordVerifier.Result verified = RecordVerifier.verify(record, new RecordVerifier.Options(finalHash, nodeKeys()));
    assertTrue(verified.intact(), "the archived record verifies: " + verified.problems());
    assertTrue(verified.authenticated());
    assertEquals(live.body(), archived.body(), "the archived copy is the record as it was served");

    Api.Reply csv = api.get("/api/sessions/" + id + "/record?format=csv");
    assertEquals(200, csv.status());
    assertTrue(csv.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(csv.body().contains("Thời điểm hỏi"), "the CSV's Vietnamese header");
    assertEquals(200, api.get("/r/" + id).status());

    Api.Reply full = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN);
    assertEquals(200, full.status());
    assertEquals("full", full.json().getString("view"));
    assertTrue(RecordVerifier.verify(full.json(), new RecordVerifier.Options(finalHash, nodeKeys())).intact());
    assertTrue(full.body().contains(RecordScenario.Q4_REASON), "the full copy reveals a private rejection reason");
    assertFalse(archived.body().contains(RecordScenario.Q4_REASON), "the public copy does not");

    JsonArray audit = api.get("/api/orgs/main/audit", TestNodes.ADMIN_TOKEN).json().getJsonArray("entries");
    assertTrue(audit.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("action").equals("session.delete")
        && e.getString("subject").equals(id) && e.getString("actor").equals("admin-token")), audit.encode());

    assertTrue(catalogEntry(id).getString("record").endsWith("/r/" + id));
    Api.Reply withdrawn = api.post("/api/sessions/" + id + "/unpublish",
        new JsonObject().put("reason", "Có thông tin cá nhân").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(200, withdrawn.status(), withdrawn.body());
    assertEquals(401, api.get("/api/sessions/" + id + "/record").status(), "withdrawn from the public");
    assertEquals(200, api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).status(),
        "the organizer still reads the full copy");
    assertNull(catalogEntry(id).getValue("record"), "the catalog no longer links it");
  }

  @Test
  void theRetentionSweepArchivesTheFinalStateBeforeItDeletes(Vertx vertx, @TempDir Path files) {
    String published = api.createSession("Phiên lưu trữ", "post", true).getString("id");
    String unpublished = api.createSession("Phiên không công bố", "post", true).getString("id");
    publish(published); // while open: the archive holds the record as it stood then
    for (String id : new String[] {published, unpublished}) {
      assertEquals(200, api.post("/api/sessions/" + id + "/status", new JsonObject().put("status", "closed").encode(),
          TestNodes.ADMIN_TOKEN).status());
    }

    Clock twoDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
    TownhallConfig config = ConfigLoader.load(Map.of(), Map.of("redis.keyPrefix", keyPrefix));
    RedisBackend redisBackend = Await.result(RedisBackend.connect(vertx, redis.url(), config.redis(),
        StoreObserver.NONE));
    PgBackend pg = Await.result(PgBackend.connect(vertx, databaseUrl, config.database()));
    try {
      RecordExports exports = new RecordExports(vertx, new ReadRecord(redisBackend.records()),
          redisBackend.records(), redisBackend.rateLimiter(), RateLimit.unlimited(), config.record(), files,
          twoDaysLater, new RecordSignatures(RecordKeys.generate()), pg.archive());
      SweepClosedSessions sweep = new SweepClosedSessions(redisBackend.sessions(twoDaysLater),
          redisBackend.leases(), Duration.ofDays(1), Duration.ofMinutes(5), "sweeper", twoDaysLater,
          new RecordArchiver(exports, pg.archive()));
      assertEquals(2, Await.result(sweep.sweep()));
      Await.result(exports.close());
    } finally {
      Await.result(pg.close());
      Await.result(redisBackend.close());
    }

    assertEquals(404, api.get("/api/sessions/" + published).status());
    Api.Reply record = api.get("/api/sessions/" + published + "/record");
    assertEquals(200, record.status(), record.body());
    assertEquals("closed", record.json().getJsonObject("session").getString("status"),
        "the archive holds the final state, taken by the sweep");
    assertTrue(record.json().getBoolean("votesFinal"));
    assertTrue(RecordVerifier.verify(record.json()).intact(), RecordVerifier.verify(record.json()).problems()
        .toString());
    assertEquals(404, api.get("/api/sessions/" + unpublished + "/record").status(),
        "a record never published is not archived");
  }


  @Test
  void anAdministratorOfItsOrganizationDeletesASessionAndTheAuditLogSaysWho() {
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@example.vn").put("password", PASSWORD)
        .encode(), null));
    assertEquals(201, api.post("/api/orgs", new JsonObject().put("slug", "phuong-1").put("name", "Phường 1")
        .put("kind", "ward").encode(), TestNodes.ADMIN_TOKEN).status());
    String link = admin.post("/api/orgs/phuong-1/invitations", new JsonObject().put("email", "org@example.vn")
        .put("role", "organizer").encode()).json().getString("link");
    SignedInClient organizer = SignedInClient.from(api, node.port(), api.post("/api/invitations/accept",
        new JsonObject().put("token", link.substring(link.indexOf("#invite=") + 8)).put("password", PASSWORD)
            .encode(), null));
    String id = api.post("/api/sessions", new JsonObject().put("title", "Phiên của phường").put("organization",
        "phuong-1").encode(), TestNodes.ADMIN_TOKEN).json().getString("id");

    assertEquals(403, organizer.delete("/api/sessions/" + id, true).status(), "an organizer may not delete");
    assertEquals(403, admin.delete("/api/sessions/" + id, false).status(), "not without the CSRF token");
    assertEquals(401, api.delete("/api/sessions/" + id, null).status());
    assertEquals(200, api.get("/api/sessions/" + id).status(), "the refusals deleted nothing");

    assertEquals(204, admin.delete("/api/sessions/" + id, true).status());
    assertEquals(404, api.get("/api/sessions/" + id).status());
    JsonArray audit = api.get("/api/orgs/phuong-1/audit", TestNodes.ADMIN_TOKEN).json().getJsonArray("entries");
    long adminId = admin.get("/api/me").json().getJsonObject("account").getLong("id");
    assertTrue(audit.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("action").equals("session.delete")
        && e.getString("subject").equals(id) && e.getString("actor").equals("account:" + adminId)), audit.encode());
  }
}

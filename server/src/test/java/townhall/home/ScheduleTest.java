package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import io.vertx.core.json.JsonArray;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.HomeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.TestPostgres;

/** Sessions open for questions and close by their schedule, exactly once whatever the number of nodes. */
class ScheduleTest extends HomeTestBase {
  private static final Map<String, Object> FAST = Map.of("database.scheduleIntervalMs", 200);

  private String status(Api on, String id) {
    return on.get("/api/sessions/" + id).json().getString("status");
  }

  @Test
  void aSessionOpensAndClosesByItselfOnceWithTwoNodes() throws Exception {
    String url = postgres.freshDatabase();
    // two nodes of one deployment: one PostgreSQL, one Redis and the same key prefix
    Map<String, Object> shared = new java.util.HashMap<>(FAST);
    shared.put("redis.keyPrefix", TestNodes.freshPrefix());
    TownhallNode a = startNode(url, shared);
    TownhallNode b = startNode(url, shared);
    try {
      Api api = new Api(a.port());
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      String id = api.post("/api/sessions", new JsonObject().put("title", "Theo lịch")
          .put("questionsOpenFrom", now.plusSeconds(2).toString()).put("scheduledStart", now.plusSeconds(3).toString())
          .put("scheduledEnd", now.plusSeconds(5).toString()).encode(), TestNodes.ADMIN_TOKEN).json().getString("id");
      assertEquals("paused", status(api, id), "no questions before they open");
      Await.until(() -> "open".equals(status(api, id)), 15, "the session opens by its schedule");
      Await.until(() -> "closed".equals(status(api, id)), 15, "the session closes by its schedule");
      try (var c = postgres.connect(TestPostgres.databaseOf(url));
           ResultSet rows = c.createStatement().executeQuery("SELECT action, count(*) FROM audit_log"
               + " WHERE actor = 'schedule' GROUP BY action ORDER BY action")) {
        rows.next();
        assertEquals("session.close", rows.getString(1));
        assertEquals(1, rows.getInt(2));
        rows.next();
        assertEquals("session.open", rows.getString(1));
        assertEquals(1, rows.getInt(2));
      }
    } finally {
      TestNodes.stop(a);
      TestNodes.stop(b);
    }
  }

  private int auditCount(String url, String action, String sessionId) throws Exception {
    try (var c = postgres.connect(TestPostgres.databaseOf(url));
         var statement = c.prepareStatement("SELECT count(*) FROM audit_log a JOIN catalog_sessions s"
             + " ON s.session_id = a.subject AND s.organization_id = a.organization_id"
             + " WHERE a.actor = 'schedule' AND a.action = ? AND a.subject = ?")) {
      statement.setString(1, action);
      statement.setString(2, sessionId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  @Test
  void anEditedScheduleIsFollowedOnceByThreeNodesAndNotedInTheOrganization() throws Exception {
    String url = postgres.freshDatabase();
    Map<String, Object> shared = new java.util.HashMap<>(FAST);
    shared.put("redis.keyPrefix", TestNodes.freshPrefix());
    List<TownhallNode> nodes = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(startNode(url, shared));
      }
      Api api = new Api(nodes.get(0).port());
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      JsonObject body = new JsonObject().put("title", "Dời lịch").put("place", "Hội trường")
          .put("questionsOpenFrom", now.plusDays(1).toString()).put("scheduledStart", now.plusDays(2).toString())
          .put("scheduledEnd", now.plusDays(2).plusHours(2).toString());
      String id = api.post("/api/sessions", body.encode(), TestNodes.ADMIN_TOKEN).json().getString("id");
      assertEquals("paused", status(api, id));

      // moved to now: the schedule opens it, then closes it at its new end
      Api.Reply edited = api.request("PUT", "/api/sessions/" + id + "/catalog", body.copy()
          .put("questionsOpenFrom", now.minusMinutes(1).toString()).put("scheduledStart", now.toString())
          .put("scheduledEnd", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(4).toString()).encode(),
          "Content-Type", "application/json", "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN);
      assertEquals(200, edited.status(), edited.body());
      Await.until(() -> "open".equals(status(api, id)), 15, "the session opens by its edited schedule");
      Await.until(() -> "closed".equals(status(api, id)), 15, "the session closes at its edited end");
      assertEquals(1, auditCount(url, "session.open", id), "opened once, noted in its organization");
      assertEquals(1, auditCount(url, "session.close", id), "closed once, noted in its organization");
      JsonArray entries = api.get("/api/orgs/main/audit", TestNodes.ADMIN_TOKEN).json().getJsonArray("entries");
      assertTrue(entries.stream().anyMatch(e -> ((JsonObject) e).getString("actor").equals("schedule")),
          entries.encode());
    } finally {
      nodes.forEach(TestNodes::stop);
    }
  }

  @Test
  void aWaitingSessionWhoseTimesAreRemovedOpens() {
    TownhallNode fast = startNode(postgres.freshDatabase(), FAST);
    try {
      Api api = new Api(fast.port());
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      String id = api.post("/api/sessions", new JsonObject().put("title", "Chờ")
          .put("questionsOpenFrom", now.plusDays(1).toString()).encode(), TestNodes.ADMIN_TOKEN).json()
          .getString("id");
      assertEquals("paused", status(api, id));
      assertEquals(200, api.request("PUT", "/api/sessions/" + id + "/catalog", "{\"title\":\"Chờ\"}",
          "Content-Type", "application/json", "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN).status());
      Await.until(() -> "open".equals(status(api, id)), 15, "nothing left to wait for: it opens");
    } finally {
      TestNodes.stop(fast);
    }
  }

  @Test
  void aSessionWhoseQuestionsAreOpenAlreadyIsNotPaused() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String id = api.post("/api/sessions", new JsonObject().put("title", "Đang mở")
        .put("questionsOpenFrom", now.minusDays(1).toString()).put("scheduledStart", now.plusDays(1).toString())
        .encode(), TestNodes.ADMIN_TOKEN).json().getString("id");
    assertEquals("open", status(api, id));
    assertEquals("scheduled", api.get("/api/orgs/main/sessions").json().getJsonArray("sessions").getJsonObject(0)
        .getString("status"));
  }

  @Test
  void aDatabaseAtVersion1IsMigratedWithItsSessions() throws Exception {
    String url = postgres.freshDatabase();
    String database = TestPostgres.databaseOf(url);
    Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database, "postgres", "")
        .locations("classpath:db/migration").target("1").load().migrate();
    postgres.execute(database, "INSERT INTO organizations (slug, name, kind) VALUES ('main', 'main', 'city')");
    postgres.execute(database, "INSERT INTO catalog_sessions (session_id, organization_id, title, created_by)"
        + " SELECT 'OLDSESSION', id, 'Before V2', 'admin-token' FROM organizations");
    TownhallNode upgraded = startNode(url, Map.of());
    try {
      try (var c = postgres.connect(database);
           ResultSet rows = c.createStatement().executeQuery(
               "SELECT opened_at FROM catalog_sessions WHERE session_id = 'OLDSESSION'")) {
        rows.next();
        assertNotNull(rows.getObject(1), "an earlier session is not opened again by the scheduler");
      }
      assertEquals("closed", new Api(upgraded.port()).get("/api/orgs/main/sessions").json()
          .getJsonArray("sessions").getJsonObject(0).getString("status"), "Redis does not hold it: closed");
    } finally {
      TestNodes.stop(upgraded);
    }
  }
}

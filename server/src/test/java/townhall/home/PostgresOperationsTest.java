package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.TestPostgres;

/** Migrations, several nodes on one database, a PostgreSQL that goes away, and the catalog's record links. */
class PostgresOperationsTest extends HomeTestBase {

  @Test
  void twoNodesStartingAtOnceOnAnEmptyDatabaseMigrateOnce() throws Exception {
    String url = postgres.freshDatabase();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<TownhallNode> start = () -> startNode(url, Map.of());
      var first = pool.submit(start);
      var second = pool.submit(start);
      TownhallNode a = first.get();
      TownhallNode b = second.get();
      try {
        try (var c = postgres.connect(TestPostgres.databaseOf(url));
             ResultSet rows = c.createStatement().executeQuery(
                 "SELECT count(*), count(DISTINCT version), bool_and(success) FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL")) {
          rows.next();
          assertEquals(migrationVersions().size(), rows.getInt(2), "every migration of db/migration");
          assertEquals(rows.getInt(2), rows.getInt(1), "each migration applied once");
          assertTrue(rows.getBoolean(3));
        }
        try (var c = postgres.connect(TestPostgres.databaseOf(url));
             ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM organizations")) {
          rows.next();
          assertEquals(1, rows.getInt(1), "one root");
        }
        assertEquals(200, new Api(b.port()).get("/api/orgs/main").status());
        assertEquals(200, new Api(a.port()).get("/api/orgs/main").status());
      } finally {
        TestNodes.stop(a);
        TestNodes.stop(b);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A database left at each earlier version (with an organization tree written then) is brought up to date by a
   * node's start, and what was there is still served.
   */
  @Test
  void aDatabaseAtEachEarlierVersionIsMigratedByANodesStartAndKeepsItsData() throws Exception {
    java.util.List<Integer> versions = migrationVersions();
    int latest = versions.get(versions.size() - 1);
    assertTrue(versions.size() >= 2, "there is an earlier version to start from");
    for (int version : versions.subList(0, versions.size() - 1)) {
      String url = postgres.freshDatabase();
      String database = TestPostgres.databaseOf(url);
      org.flywaydb.core.Flyway.configure()
          .dataSource("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database, "postgres", "")
          .locations("classpath:db/migration").target(String.valueOf(version)).load().migrate();
      postgres.execute(database, "INSERT INTO organizations (slug, name, kind) VALUES ('main', 'Thành phố', 'city')");
      postgres.execute(database, "INSERT INTO organizations (slug, name, kind, parent_id) VALUES ('phuong-" + version
          + "', 'Phường " + version + "', 'ward', (SELECT id FROM organizations WHERE slug = 'main'))");
      TownhallNode upgraded = startNode(url, Map.of());
      try {
        try (var c = postgres.connect(database);
             ResultSet rows = c.createStatement().executeQuery("SELECT max(version::int), bool_and(success)"
                 + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
          rows.next();
          assertEquals(latest, rows.getInt(1), "from V" + version + " up to the latest");
          assertTrue(rows.getBoolean(2), "every migration from V" + version + " succeeded");
        }
        var ward = new Api(upgraded.port()).get("/api/orgs/phuong-" + version);
        assertEquals(200, ward.status(), "the ward written at V" + version + " is still served");
        assertEquals("Phường " + version, ward.json().getString("name"));
      } finally {
        TestNodes.stop(upgraded);
      }
    }
  }

  @Test
  void aRestartKeepsTheCatalog() {
    String id = api.post("/api/sessions", new JsonObject().put("title", "Giữ lại").encode(), TestNodes.ADMIN_TOKEN)
        .json().getString("id");
    TestNodes.stop(node);
    node = startNode(databaseUrl, Map.of());
    api = new Api(node.port());
    assertEquals(id, api.get("/api/orgs/main/sessions").json().getJsonArray("sessions").getJsonObject(0)
        .getString("id"));
  }

  @Test
  void publishingLinksTheRecordFromTheCatalog() {
    String id = api.post("/api/sessions", new JsonObject().put("title", "Công khai").encode(), TestNodes.ADMIN_TOKEN)
        .json().getString("id");
    assertNull(api.get("/api/orgs/main/sessions").json().getJsonArray("sessions").getJsonObject(0)
        .getValue("record"));
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    String record = api.get("/api/orgs/main/sessions").json().getJsonArray("sessions").getJsonObject(0)
        .getString("record");
    assertTrue(record.endsWith("/r/" + id), record);
  }

  @Test
  void withoutPostgresLiveSessionsGoOnAndTheCatalogIsUnavailable() {
    TestPostgres own = TestPostgres.start();
    TownhallNode alone = startNode(own.freshDatabase(), Map.of());
    try {
      Api a = new Api(alone.port());
      JsonObject session = a.post("/api/sessions", new JsonObject().put("title", "Vẫn chạy").encode(),
          TestNodes.ADMIN_TOKEN).json();
      own.close();

      Api.Reply health = a.get("/health");
      assertEquals(200, health.status(), "Redis answers: the node serves");
      assertEquals("DOWN", health.json().getString("postgres"));
      assertEquals(200, a.get("/api/sessions/by-code/" + session.getString("code")).status());
      Api.Reply paused = a.post("/api/sessions/" + session.getString("id") + "/status",
          new JsonObject().put("status", "paused").encode(), TestNodes.ADMIN_TOKEN);
      assertEquals(200, paused.status(), paused.body());

      for (Api.Reply reply : List.of(a.get("/api/orgs/main"), a.get("/api/orgs/main/sessions"),
          a.post("/api/login", new JsonObject().put("email", "a@b.vn").put("password", "whatever it is").encode(),
              null))) {
        assertEquals(503, reply.status(), reply.body());
        assertEquals("unavailable", reply.json().getString("error"));
      }
    } finally {
      TestNodes.stop(alone);
      own.close();
    }
  }

  @Test
  void aNodeWithoutPostgresAnswersUnavailableForTheHome() {
    TownhallNode plain = TestNodes.start(redis, TestNodes.freshPrefix());
    try {
      Api a = new Api(plain.port());
      assertEquals(503, a.get("/api/orgs/main").status());
      assertEquals(201, a.post("/api/sessions", new JsonObject().put("title", "Cũ").encode(), TestNodes.ADMIN_TOKEN)
          .status(), "the live-session API works as before");
      assertEquals(503, a.post("/api/sessions", new JsonObject().put("title", "Mới").put("place", "Hội trường")
          .encode(), TestNodes.ADMIN_TOKEN).status());
    } finally {
      TestNodes.stop(plain);
    }
  }

  /** How many migrations the source tree holds (V1, V2, ...). */
  /** The versions of the migration files, in order (numbers may skip: V8 was never written). */
  private static java.util.List<Integer> migrationVersions() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
      return files.map(f -> f.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
          .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).sorted().toList();
    }
  }
}

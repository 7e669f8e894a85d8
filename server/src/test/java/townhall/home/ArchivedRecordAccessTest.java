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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
 * A record whose session Redis no longer holds: the organizer publishes it again from the archive after a
 * withdrawal (audited), the retention sweep keeps the final state of a record withdrawn while live (so publishing it
 * again shows that state), the preview comes from the archive with the counts it had live, and the full copy and the
 * preview are read by the accounts that may moderate in the session's organization, with their sign-in cookie:
 * role × organization × action, the expectations written out here.
 */
@Timeout(value = 300, unit = java.util.concurrent.TimeUnit.SECONDS)
class ArchivedRecordAccessTest extends HomeTestBase {
  private static final String PASSWORD = "archive password 1";
  private static final String REASON = "Có thông tin cá nhân";

  private Api.Reply publish(String id) {
    return api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN);
  }

  private Api.Reply withdraw(String id) {
    return api.post("/api/sessions/" + id + "/unpublish", new JsonObject().put("reason", REASON).encode(),
        TestNodes.ADMIN_TOKEN);
  }

  private JsonArray audit(String org) {
    return api.get("/api/orgs/" + org + "/audit", TestNodes.ADMIN_TOKEN).json().getJsonArray("entries");
  }

  private static long count(JsonArray audit, String action, String subject, String actor) {
    return audit.stream().map(JsonObject.class::cast).filter(e -> e.getString("action").equals(action)
        && e.getString("subject").equals(subject) && (actor == null || e.getString("actor").equals(actor))).count();
  }

  private JsonObject catalogEntry(String org, String sessionId) {
    JsonArray sessions = api.get("/api/orgs/" + org + "/sessions").json().getJsonArray("sessions");
    for (int i = 0; i < sessions.size(); i++) {
      if (sessions.getJsonObject(i).getString("id").equals(sessionId)) {
        return sessions.getJsonObject(i);
      }
    }
    throw new AssertionError("No " + sessionId + " in the catalog of " + org);
  }

  @Test
  void aRecordWithdrawnAfterItsSessionLeftRedisIsPublishedAgainFromTheArchiveAndAudited(Vertx vertx) {
    RecordScenario.Result run = RecordScenario.run(vertx, api, node.port());
    String id = run.sessionId();
    assertEquals(200, publish(id).status());
    Api.Reply live = api.get("/api/sessions/" + id + "/record");
    assertEquals(200, live.status());
    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    assertEquals(404, api.get("/api/sessions/" + id).status(), "Redis no longer holds the session");

    assertEquals(200, withdraw(id).status());
    assertEquals(401, api.get("/api/sessions/" + id + "/record").status(), "withdrawn from the public");
    assertNull(catalogEntry("main", id).getValue("record"));

    Api.Reply again = publish(id);
    assertEquals(200, again.status(), again.body());
    assertTrue(again.json().getBoolean("published"));
    assertTrue(again.json().getJsonObject("links").getString("record").endsWith("/r/" + id));
    long publishedAt = again.json().getLong("publishedAt");
    Api.Reply back = api.get("/api/sessions/" + id + "/record");
    assertEquals(200, back.status(), back.body());
    assertEquals(live.body(), back.body(), "the archived public copy, as it was served");
    assertTrue(RecordVerifier.verify(back.json()).intact());
    assertEquals(200, api.get("/api/sessions/" + id + "/record?format=csv").status());
    assertTrue(catalogEntry("main", id).getString("record").endsWith("/r/" + id), "the catalog links it again");

    Api.Reply twice = publish(id);
    assertEquals(200, twice.status());
    assertEquals(publishedAt, twice.json().getLong("publishedAt"), "publishing again changes nothing");

    JsonArray audit = audit("main");
    assertEquals(3, count(audit, "session.publish", id, "admin-token"), "published live, again, and once more: "
        + audit.encode());
    assertEquals(1, count(audit, "session.unpublish", id, "admin-token"), audit.encode());

    String never = api.createSession("Chưa từng công bố", "post", true).getString("id");
    assertEquals(204, api.delete("/api/sessions/" + never, TestNodes.ADMIN_TOKEN).status());
    Api.Reply nothing = publish(never);
    assertEquals(404, nothing.status(), "nothing of a record never published is archived: " + nothing.body());
    assertEquals("not_found", nothing.json().getString("error"));
    assertEquals(0, count(audit("main"), "session.publish", never, null));
  }

  @Test
  void theSweepKeepsTheFinalStateOfARecordWithdrawnWhileLiveSoPublishingItAgainShowsThatState(Vertx vertx,
      @TempDir Path files) {
    String id = api.createSession("Phiên rút lại", "post", true).getString("id");
    assertEquals(200, publish(id).status()); // archived while open
    assertEquals(200, withdraw(id).status()); // withdrawn while Redis holds it: the chain says so, with the reason
    assertEquals(200, api.post("/api/sessions/" + id + "/status", new JsonObject().put("status", "closed").encode(),
        TestNodes.ADMIN_TOKEN).status());
    sweepTwoDaysLater(vertx, files);
    assertEquals(404, api.get("/api/sessions/" + id).status(), "swept");

    Api.Reply full = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN);
    assertEquals(200, full.status(), full.body());
    assertEquals("full", full.json().getString("view"));
    assertEquals("closed", full.json().getJsonObject("session").getString("status"),
        "the organizer keeps the final state, not the one published while open");
    assertEquals(401, api.get("/api/sessions/" + id + "/record").status(), "still withdrawn");

    assertEquals(200, publish(id).status());
    Api.Reply record = api.get("/api/sessions/" + id + "/record");
    assertEquals(200, record.status(), record.body());
    JsonObject session = record.json().getJsonObject("session");
    assertEquals("closed", session.getString("status"));
    assertEquals(REASON, session.getJsonArray("withdrawals").getJsonObject(0).getString("reason"),
        "the chain keeps the withdrawal made while live");
    assertTrue(RecordVerifier.verify(record.json()).intact(), RecordVerifier.verify(record.json()).problems()
        .toString());
  }

  @Test
  void thePreviewComesFromTheArchiveWithTheCountsItHadLive(Vertx vertx) {
    RecordScenario.Result run = RecordScenario.run(vertx, api, node.port());
    String id = run.sessionId();
    assertEquals(200, publish(id).status());
    Api.Reply live = api.get("/api/sessions/" + id + "/record/preview", TestNodes.ADMIN_TOKEN);
    assertEquals(200, live.status(), live.body());
    assertTrue(live.json().getInteger("textsNotShown") > 0 && live.json().getInteger("privateReasons") > 0,
        "the scenario leaves texts and reasons out: " + live.json().copy().put("record", "…"));
    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());

    Api.Reply archived = api.get("/api/sessions/" + id + "/record/preview", TestNodes.ADMIN_TOKEN);
    assertEquals(200, archived.status(), archived.body());
    assertEquals(live.json(), archived.json(), "the same preview, counts and record, from the archive");

    assertEquals(200, withdraw(id).status());
    JsonObject withdrawn = api.get("/api/sessions/" + id + "/record/preview", TestNodes.ADMIN_TOKEN).json();
    assertFalse(withdrawn.getBoolean("published"), "the organizer previews a withdrawn record too");
    assertEquals(live.json().getJsonObject("withheld"), withdrawn.getJsonObject("withheld"));
    assertEquals(401, api.get("/api/sessions/" + id + "/record/preview").status());
  }

  /** Runs the retention sweep (retention one day) as it would run two days from now. */
  private void sweepTwoDaysLater(Vertx vertx, Path files) {
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
    TownhallConfig config = ConfigLoader.load(Map.of(), Map.of("redis.keyPrefix", keyPrefix));
    RedisBackend redisBackend = Await.result(RedisBackend.connect(vertx, redis.url(), config.redis(),
        StoreObserver.NONE));
    PgBackend pg = Await.result(PgBackend.connect(vertx, databaseUrl, config.database()));
    try {
      RecordExports exports = new RecordExports(vertx, new ReadRecord(redisBackend.records()),
          redisBackend.records(), redisBackend.rateLimiter(), RateLimit.unlimited(), config.record(), files, later,
          new RecordSignatures(RecordKeys.generate()), pg.archive());
      SweepClosedSessions sweep = new SweepClosedSessions(redisBackend.sessions(later), redisBackend.leases(),
          Duration.ofDays(1), Duration.ofMinutes(5), "sweeper", later, new RecordArchiver(exports, pg.archive()));
      assertEquals(1, Await.result(sweep.sweep()));
      Await.result(exports.close());
    } finally {
      Await.result(pg.close());
      Await.result(redisBackend.close());
    }
  }

  // --- role × organization × action on a record whose session Redis no longer holds ---

  private static final List<String> ACTIONS = List.of("readWithdrawn", "readPublished", "preview", "publishAgain",
      "withdraw");
  private static final Set<String> READ = Set.of("readWithdrawn", "readPublished", "preview");
  private static final Set<String> EVERY = Set.copyOf(ACTIONS);

  /** Who reads the full copy, or publishes and withdraws: actor -> the "action@ward" pairs allowed. */
  private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("administrator@main", both(EVERY));
    ALLOWED.put("organizer@quan-1", at("ward-a", EVERY));
    ALLOWED.put("organizer@ward-a", at("ward-a", EVERY));
    ALLOWED.put("organizer@ward-b", at("ward-b", EVERY));
    ALLOWED.put("moderator@ward-a", at("ward-a", READ)); // reads the full copy, never publishes
    ALLOWED.put("moderator@ward-b", at("ward-b", READ));
    ALLOWED.put("clerk@ward-a", Set.of());
    ALLOWED.put("responder@ward-a", Set.of());
    ALLOWED.put("anonymous", Set.of());
    // the deleted session's own moderator link: its rights went with the session
    ALLOWED.put("moderator-link", Set.of());
  }

  private static Set<String> at(String ward, Set<String> actions) {
    Set<String> pairs = new HashSet<>();
    actions.forEach(a -> pairs.add(a + "@" + ward));
    return pairs;
  }

  private static Set<String> both(Set<String> actions) {
    Set<String> pairs = new HashSet<>(at("ward-a", actions));
    pairs.addAll(at("ward-b", actions));
    return pairs;
  }

  @Test
  void onlyTheSessionsOrganizationReadsTheArchivedFullCopyAndPublishesOrWithdrawsIt() {
    Map<String, SignedInClient> actors = tree();
    Map<String, JsonObject> sessions = new LinkedHashMap<>();
    for (String ward : List.of("ward-a", "ward-b")) {
      JsonObject created = api.post("/api/sessions", new JsonObject().put("title", "Phiên của " + ward)
          .put("organization", ward).encode(), TestNodes.ADMIN_TOKEN).json();
      String id = created.getString("id");
      assertEquals(200, publish(id).status());
      assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
      sessions.put(ward, created);
    }

    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    for (String actor : ALLOWED.keySet()) {
      for (String ward : sessions.keySet()) {
        for (String action : ACTIONS) {
          cases++;
          String problem = tryCase(actor, actors.get(actor), ward, sessions.get(ward), action,
              ALLOWED.get(actor).contains(action + "@" + ward));
          if (problem != null) {
            mismatches.add(actor + " " + action + " " + ward + ": " + problem);
          }
        }
      }
    }
    assertEquals(10 * 2 * 5, cases);
    assertEquals(List.of(), mismatches);
  }

  /** One case; answers what went wrong, or null. */
  private String tryCase(String actor, SignedInClient client, String ward, JsonObject session, String action,
      boolean expected) {
    String id = session.getString("id");
    String path = "/api/sessions/" + id;
    String bearer = actor.equals("moderator-link") ? session.getString("moderatorToken") : null;
    boolean withdrawnBefore = action.equals("readWithdrawn") || action.equals("publishAgain");
    assertEquals(200, (withdrawnBefore ? withdraw(id) : publish(id)).status());
    String auditBefore = audit(ward).encode();

    Api.Reply reply = switch (action) {
      case "readWithdrawn", "readPublished" -> read(client, bearer, path + "/record");
      case "preview" -> read(client, bearer, path + "/record/preview");
      case "publishAgain" -> send(client, bearer, path + "/publish", "{}");
      case "withdraw" -> send(client, bearer, path + "/unpublish", new JsonObject().put("reason", REASON).encode());
      default -> throw new IllegalArgumentException(action);
    };
    boolean publicNow = api.get(path + "/record").status() == 200;

    if (action.equals("preview")) {
      if (expected) {
        return reply.status() == 200 && "public".equals(reply.json().getJsonObject("record").getString("view"))
            ? null : "expected the preview, got " + reply.status() + " " + reply.body();
      }
      // the deleted session's link: its session is unknown to Redis, so the token names nothing (404)
      int refusal = bearer != null ? 404 : client == null ? 401 : 403;
      return reply.status() == refusal ? null : "expected " + refusal + ", got " + reply.status() + " " + reply.body();
    }
    if (READ.contains(action)) {
      String view = reply.status() == 200 ? reply.json().getString("view") : null;
      if (expected) {
        return "full".equals(view) ? null : "expected the full copy, got " + reply.status() + " " + reply.body();
      }
      if (action.equals("readPublished")) {
        return "public".equals(view) ? null : "expected the public copy, got " + reply.status() + " " + reply.body();
      }
      int refusal = client == null && bearer == null ? 401 : 403;
      return reply.status() == refusal ? null : "expected " + refusal + ", got " + reply.status() + " " + reply.body();
    }

    String auditAction = action.equals("publishAgain") ? "session.publish" : "session.unpublish";
    if (expected) {
      if (reply.status() != 200) {
        return "expected 200, got " + reply.status() + " " + reply.body();
      }
      if (publicNow != action.equals("publishAgain")) {
        return "the public copy is " + (publicNow ? "served" : "not served") + " afterwards";
      }
      long before = count(new JsonArray(auditBefore), auditAction, id, null);
      return count(audit(ward), auditAction, id, null) == before + 1 ? null : "not in the audit log";
    }
    int refusal = client == null ? 401 : 403;
    if (reply.status() != refusal) {
      return "expected " + refusal + ", got " + reply.status() + " " + reply.body();
    }
    if (publicNow == withdrawnBefore) {
      return "refused, yet the record is " + (publicNow ? "public" : "withdrawn") + " now";
    }
    return audit(ward).encode().equals(auditBefore) ? null : "the audit log changed although refused";
  }

  private Api.Reply read(SignedInClient client, String bearer, String path) {
    if (bearer != null) {
      return api.get(path, bearer);
    }
    return client == null ? api.get(path) : client.get(path);
  }

  private Api.Reply send(SignedInClient client, String bearer, String path, String body) {
    if (bearer != null) {
      return api.request("POST", path, body, "Content-Type", "application/json", "Authorization",
          "Bearer " + bearer);
    }
    return client == null ? api.request("POST", path, body, "Content-Type", "application/json")
        : client.post(path, body);
  }

  /** The tree (main > quan-1 > ward-a, main > ward-b) and one signed-in account per role of the matrix. */
  private Map<String, SignedInClient> tree() {
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "administrator@main.vn").put("password", PASSWORD)
        .encode(), null));
    organization("quan-1", "district", "main");
    organization("ward-a", "ward", "quan-1");
    organization("ward-b", "ward", "main");
    Map<String, SignedInClient> actors = new LinkedHashMap<>();
    actors.put("administrator@main", admin);
    for (String actor : ALLOWED.keySet()) {
      if (actor.contains("@") && !actor.equals("administrator@main")) {
        actors.put(actor, invited(admin, actor));
      }
    }
    actors.put("anonymous", null);
    actors.put("moderator-link", null);
    return actors;
  }

  /** An account invited with the role of {@code "role@org"}, signed in. */
  private SignedInClient invited(SignedInClient admin, String roleAtOrg) {
    String[] parts = roleAtOrg.split("@");
    return invited(admin, parts[0], parts[1], PASSWORD);
  }
}

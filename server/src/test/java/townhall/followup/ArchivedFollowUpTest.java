package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import townhall.TownhallNode;
import townhall.record.RecordKeys;
import townhall.record.RecordVerifier;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * After Redis let a session go, follow-up steps are appended to the chain the archive holds: one chain, whatever
 * the number of nodes appending at once, that verifies from one file with the live part; any change to an entry
 * of either part, a removed entry or two entries swapped is caught.
 */
class ArchivedFollowUpTest extends HomeTestBase {

  /** A ward with an agency, a session of it with two questions and a live step, published, closed and deleted. */
  private String archivedSession(Vertx vertx) {
    for (String[] org : new String[][] {{"ward-a", "ward", "main"}, {"tnmt-a", "agency", "ward-a"}}) {
      assertEquals(201, api.post("/api/orgs", new JsonObject().put("slug", org[0]).put("name", org[0])
          .put("kind", org[1]).put("parent", org[2]).encode(), TestNodes.ADMIN_TOKEN).status());
    }
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      String q1 = resident.act(Msg.ask("Khi nào nạo vét kênh?")).getString("questionId");
      resident.act(Msg.ask("Đèn đường hẻm 12 bị hỏng"));
      Moderation.ok(moderator, new JsonObject().put("type", "moderate").put("questionId", q1)
          .put("action", "followUp").put("step", "promised").put("due", "2027-01-10"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/status", "{\"status\":\"closed\"}",
        TestNodes.ADMIN_TOKEN).status());
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    assertEquals(404, api.get("/api/sessions/" + id).status(), "Redis no longer holds the session");
    return id;
  }

  private static Api.Reply step(Api api, String id, String questionId, JsonObject body) {
    return api.post("/api/sessions/" + id + "/questions/" + questionId + "/follow-up", body.encode(),
        TestNodes.ADMIN_TOKEN);
  }

  private List<RecordKeys.PublishedKey> keys() {
    List<RecordKeys.PublishedKey> keys = new ArrayList<>();
    api.get("/.well-known/townhall-record-keys").json().getJsonArray("keys").forEach(k -> keys.add(
        new RecordKeys.PublishedKey(((JsonObject) k).getString("kid"), ((JsonObject) k).getString("publicKey"))));
    return keys;
  }

  private static JsonArray followUpOf(JsonObject record, String questionId) {
    return record.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("id").equals(questionId)).findFirst().orElseThrow().getJsonArray("followUp");
  }

  @Test
  void stepsAfterTheSessionLeftRedisAreAppendedToTheArchivedChainAndVerify(Vertx vertx) {
    String id = archivedSession(vertx);
    JsonObject before = api.get("/api/sessions/" + id + "/record").json();
    long length = before.getJsonObject("chain").getLong("length");

    JsonObject referred = new JsonObject().put("step", "referred").put("agency", "tnmt-a").put("due", "2027-02-01")
        .put("ref", "after-1");
    Api.Reply first = step(api, id, "1", referred);
    assertEquals(200, first.status(), first.body());
    assertFalse(first.json().getBoolean("duplicate"));
    assertTrue(step(api, id, "1", referred).json().getBoolean("duplicate"), "a retry is applied once");
    assertEquals(200, step(api, id, "2", new JsonObject().put("step", "outOfRemit")
        .put("note", "Thuộc Công ty Điện lực")).status());
    assertEquals(400, step(api, id, "1", new JsonObject().put("step", "referred").put("agency", "ward-a")
        .put("due", "2027-02-01")).status(), "a ward is not an agency");
    assertEquals(404, step(api, id, "9", new JsonObject().put("step", "noted")).status());

    Api.Reply after = api.get("/api/sessions/" + id + "/record");
    assertEquals(200, after.status());
    JsonObject record = after.json();
    assertEquals(length + 2, record.getJsonObject("chain").getLong("length"));
    assertEquals(record.getJsonObject("chain").getString("finalHash"),
        after.raw().headers().firstValue("X-Townhall-Record-Hash").orElse(null));
    assertEquals(List.of("promised", "referred"), followUpOf(record, "1").stream()
        .map(s -> ((JsonObject) s).getString("step")).toList(), "the live step, then the archived one");
    assertEquals("organizer", followUpOf(record, "1").getJsonObject(1).getString("role"));
    assertEquals("Thuộc Công ty Điện lực", followUpOf(record, "2").getJsonObject(0).getString("note"));
    RecordVerifier.Result verified = RecordVerifier.verify(record,
        new RecordVerifier.Options(record.getJsonObject("chain").getString("finalHash"), keys()));
    assertTrue(verified.intact() && verified.authenticated(), verified.problems()::toString);
    JsonObject full = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    assertEquals("full", full.getString("view"));
    assertTrue(RecordVerifier.verify(full, new RecordVerifier.Options(null, keys())).intact());

    String code = record.getJsonArray("questions").getJsonObject(0).getString("followCode");
    JsonObject followed = api.get("/api/follow/" + code).json();
    assertEquals(List.of("promised", "referred"), followed.getJsonArray("steps").stream()
        .map(s -> ((JsonObject) s).getString("step")).toList(), "the archive answers once Redis let it go");
    assertEquals("Khi nào nạo vét kênh?", followed.getJsonObject("question").getString("text"));
    assertEquals(200, api.post("/api/sessions/" + id + "/unpublish", new JsonObject().put("reason", "Rà soát")
        .encode(), TestNodes.ADMIN_TOKEN).status());
    assertEquals(404, api.get("/api/follow/" + code).status(), "a record withdrawn from the public shows nothing");

    assertTamperingIsCaught(record);
  }

  /** Every link, live part and follow-up part: a byte flipped, the link removed, it and the next swapped. */
  private static void assertTamperingIsCaught(JsonObject record) {
    int links = record.getJsonObject("chain").getJsonArray("links").size();
    for (int i = 0; i < links; i++) {
      JsonObject flipped = record.copy();
      JsonObject link = flipped.getJsonObject("chain").getJsonArray("links").getJsonObject(i);
      String entry = link.getString("entry");
      int at = entry.indexOf("\"at\":") + 6;
      char c = entry.charAt(at);
      link.put("entry", entry.substring(0, at) + (char) (c == '9' ? '8' : c + 1) + entry.substring(at + 1));
      assertFalse(RecordVerifier.verify(flipped).intact(), "a byte of entry " + (i + 1) + " changed");

      JsonObject removed = record.copy();
      removed.getJsonObject("chain").getJsonArray("links").remove(i);
      assertFalse(RecordVerifier.verify(removed).intact(), "entry " + (i + 1) + " removed");

      if (i + 1 < links) {
        JsonObject swapped = record.copy();
        JsonArray array = swapped.getJsonObject("chain").getJsonArray("links");
        Object a = array.getValue(i);
        array.set(i, array.getValue(i + 1));
        array.set(i + 1, a);
        assertFalse(RecordVerifier.verify(swapped).intact(), "entries " + (i + 1) + " and " + (i + 2) + " swapped");
      }
    }
    JsonObject forged = record.copy();
    followUpOf(forged, "1").getJsonObject(1).put("due", "2030-01-01");
    assertFalse(RecordVerifier.verify(forged).intact(), "a due date moved in the question but not in the chain");
  }

  @Test
  void twoNodesAppendingToOneArchivedChainAtOnceKeepOneChain(Vertx vertx) throws Exception {
    String id = archivedSession(vertx);
    long length = api.get("/api/sessions/" + id + "/record").json().getJsonObject("chain").getLong("length");
    TownhallNode other = startNode(databaseUrl, Map.of("redis.keyPrefix", keyPrefix));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Api otherApi = new Api(other.port());
      int each = 8;
      List<Future<Api.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        for (Api target : List.of(api, otherApi)) {
          JsonObject body = new JsonObject().put("step", "noted").put("note", "Bước " + replies.size());
          replies.add(pool.submit(() -> step(target, id, "1", body)));
        }
      }
      for (Future<Api.Reply> reply : replies) {
        Api.Reply answered = reply.get(60, TimeUnit.SECONDS);
        assertEquals(200, answered.status(), answered.body());
      }
      JsonObject record = api.get("/api/sessions/" + id + "/record").json();
      JsonArray links = record.getJsonObject("chain").getJsonArray("links");
      assertEquals(length + 2L * each, links.size(), "every step once, none lost");
      for (int i = 0; i < links.size(); i++) {
        assertEquals(i + 1, links.getJsonObject(i).getInteger("n"), "numbered without a gap or a twin");
      }
      assertEquals(1 + 2 * each, followUpOf(record, "1").size());
      RecordVerifier.Result verified = RecordVerifier.verify(record);
      assertTrue(verified.intact(), verified.problems()::toString);
      assertEquals(record.encode(), new Api(other.port()).get("/api/sessions/" + id + "/record").json().encode(),
          "both nodes serve the same chain");
    } finally {
      pool.shutdownNow();
      TestNodes.stop(other);
    }
  }
}

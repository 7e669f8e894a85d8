package townhall.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.Moderation;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * A record is private until the organizer publishes it: 401 without a token, 403 with one that is
 * not a moderator's, 200 for moderators and the organizer; publishing answers 200 once and for all, and from then
 * on anyone reads it, as JSON and as CSV.
 */
class RecordPublicationTest extends NodeTestBase {

  private static String record(String id) {
    return "/api/sessions/" + id + "/record";
  }

  @Test
  void theRecordIsPrivateUntilPublishedAndPublicAfter(Vertx vertx) {
    JsonObject created = api.createSession("Phiên thử công bố biên bản", "post", true);
    String id = created.getString("id");
    String moderator = created.getString("moderatorToken");
    String resident;
    try (WsClient alice = Moderation.join(vertx, node.port(), id, null)) {
      resident = Moderation.token(alice.next("welcome"));
      Moderation.asked(alice, "Bao giờ có biên bản?");
    }

    Api.Reply anonymous = api.get(record(id));
    assertEquals(401, anonymous.status(), anonymous.body());
    assertEquals("unauthorized", anonymous.json().getString("error"));
    assertEquals(401, api.get(record(id) + "?format=csv").status());
    Api.Reply asResident = api.get(record(id), resident);
    assertEquals(403, asResident.status(), asResident.body());
    assertEquals("forbidden", asResident.json().getString("error"));
    assertEquals(403, api.get(record(id), created.getString("stageToken")).status());
    assertEquals(403, api.get(record(id), "not-a-token").status());
    assertEquals(200, api.get(record(id), moderator).status(), "moderators preview it");
    assertEquals(200, api.get(record(id), TestNodes.ADMIN_TOKEN).status(), "the organizer previews it");
    assertEquals(200, api.get("/r/" + id).status(), "the page itself is served to anyone");

    assertEquals(401, api.post("/api/sessions/" + id + "/publish", "", null).status());
    assertEquals(401, api.post("/api/sessions/" + id + "/publish", "", resident).status());
    assertEquals(401, api.post("/api/sessions/" + id + "/publish", "", moderator).status(),
        "publishing is the organizer's act: a moderator's link cannot");
    assertEquals(401, api.get(record(id)).status(), "still not published");
    Api.Reply published = api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN);
    assertEquals(200, published.status(), published.body());
    assertTrue(published.json().getBoolean("published"));
    long publishedAt = published.json().getLong("publishedAt");
    assertTrue(published.json().getJsonObject("links").getString("record").endsWith("/r/" + id));

    Api.Reply open = api.get(record(id));
    assertEquals(200, open.status(), open.body());
    assertEquals(publishedAt, open.json().getJsonObject("session").getLong("publishedAt"));
    assertEquals("Bao giờ có biên bản?", open.json().getJsonArray("questions").getJsonObject(0).getString("text"));
    JsonArray links = open.json().getJsonObject("chain").getJsonArray("links");
    String last = links.getJsonObject(links.size() - 1).getString("entry");
    assertTrue(last.contains("\"k\":\"published\"") && last.contains("\"by\":0"), last);
    assertEquals(200, api.get(record(id) + "?format=csv").status());
    assertEquals(200, api.get(record(id), resident).status(), "a resident's token no longer matters");

    Api.Reply again = api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN);
    assertEquals(200, again.status());
    assertEquals(publishedAt, again.json().getLong("publishedAt"), "published once and for all");
    assertEquals(links.size(), api.get(record(id)).json().getJsonObject("chain").getInteger("length"),
        "publishing again adds nothing to the chain");
  }

  @Test
  void unknownSessionsAndFormatsAreRefused() {
    assertEquals(404, api.get(record("NoSuchSession1234"), TestNodes.ADMIN_TOKEN).status());
    assertEquals(404, api.post("/api/sessions/NoSuchSession1234/publish", "", TestNodes.ADMIN_TOKEN).status());
    String id = api.createSession("Phiên", "pre", true).getString("id");
    Api.Reply xml = api.get(record(id) + "?format=xml", TestNodes.ADMIN_TOKEN);
    assertEquals(400, xml.status());
    assertEquals("bad_request", xml.json().getString("error"));
  }
}

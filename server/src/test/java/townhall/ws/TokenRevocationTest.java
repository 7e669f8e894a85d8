package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.service.Tokens;
import townhall.testing.Api;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.TwoNodeTestBase;
import townhall.testing.WsClient;

/**
 * Moderator and stage links are not renewed by use and can be revoked: after {@code revoke-tokens} every earlier
 * token of the role is refused at hello (4403) and as a bearer, the sockets holding one are closed on every node,
 * and links issued afterwards work.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenRevocationTest extends TwoNodeTestBase {
  private static Tokens testTokens() {
    return new Tokens(TestNodes.TOKEN_SECRET, List.of(), Duration.ofDays(30), Clock.systemUTC());
  }

  /** A moderator token about to expire comes back from hello unchanged: using a link does not extend it. */
  @Test
  void moderatorAndStageTokensAreNotExtendedByHello(Vertx vertx) {
    String id = api.createSession("Không gia hạn", "pre", true).getString("id");
    Instant soon = Instant.now().plusSeconds(60);
    for (Role role : List.of(Role.MODERATOR, Role.STAGE)) {
      String shortLived = testTokens().sign(new Participant(id, "x-short", role), soon);

      JsonObject welcome = Moderation.freshWelcome(vertx, nodeA.port(), id, shortLived);

      assertEquals(role.wireName(), welcome.getString("role"));
      String handedBack = Moderation.token(welcome);
      assertEquals(shortLived, handedBack, role + ": the same token, not one valid for 30 days");
      assertEquals(soon.getEpochSecond(), testTokens().verify(handedBack, id).orElseThrow().expiresAt()
          .getEpochSecond());
    }
    // a resident's token still renews itself
    String resident = testTokens().sign(new Participant(id, "resident-1", Role.RESIDENT), soon);
    String renewed = Moderation.token(Moderation.freshWelcome(vertx, nodeA.port(), id, resident));
    assertTrue(testTokens().verify(renewed, id).orElseThrow().expiresAt().isAfter(soon.plus(Duration.ofDays(1))));
  }

  @Test
  void revokedModeratorTokenIsRefusedAtHelloAndItsSocketsAreClosedOnEveryNode(Vertx vertx) {
    JsonObject created = api.createSession("Thu hồi", "pre", true);
    String id = created.getString("id");
    String moderatorToken = created.getString("moderatorToken");
    String stageToken = created.getString("stageToken");
    try (WsClient moderatorOnA = Moderation.join(vertx, nodeA.port(), id, moderatorToken);
        WsClient moderatorOnB = Moderation.join(vertx, nodeB.port(), id, moderatorToken);
        WsClient stageOnB = Moderation.join(vertx, nodeB.port(), id, stageToken);
        WsClient resident = Moderation.join(vertx, nodeB.port(), id, null)) {
      for (WsClient client : List.of(moderatorOnA, moderatorOnB, stageOnB, resident)) {
        client.next("welcome");
      }
      assertEquals(200, api.get("/api/sessions/" + id + "/record", moderatorToken).status());

      Api.Reply revoked = api.post("/api/sessions/" + id + "/revoke-tokens",
          new JsonObject().put("roles", new JsonArray().add("moderator")).encode(), TestNodes.ADMIN_TOKEN);

      assertEquals(200, revoked.status(), revoked::body);
      assertEquals(new JsonArray().add("moderator"), revoked.json().getJsonArray("revoked"));
      assertEquals(CloseReason.TOKEN_REFUSED.code(), moderatorOnA.awaitClose(), "moderator on the revoking node");
      assertEquals(CloseReason.TOKEN_REFUSED.code(), moderatorOnB.awaitClose(), "moderator on the other node");
      stageOnB.assertAnswering();
      resident.assertAnswering();
      assertFalse(stageOnB.isClosed(), "stage tokens were not revoked");
    }

    for (TownhallNode node : List.of(nodeA, nodeB)) {
      try (WsClient again = Moderation.join(vertx, node.port(), id, moderatorToken)) {
        assertEquals(CloseReason.TOKEN_REFUSED.code(), again.awaitClose(), "a revoked token's hello");
      }
    }
    assertEquals(401, api.post("/api/sessions/" + id + "/status", new JsonObject().put("status", "paused").encode(),
        moderatorToken).status(), "nor is it a bearer any more");

    String fresh = api.post("/api/sessions/" + id + "/moderator-token", "", TestNodes.ADMIN_TOKEN).json()
        .getString("moderatorToken");
    JsonObject welcome = Moderation.freshWelcome(vertx, nodeB.port(), id, fresh);
    assertEquals("moderator", welcome.getString("role"), "a link issued after the revocation works");
    assertEquals(200, api.get("/api/sessions/" + id + "/record", fresh).status());
  }

  @Test
  void revokingStageTokensClosesStageScreensAndNewStageLinksWork(Vertx vertx) {
    JsonObject created = api.createSession("Màn hình", "post", true);
    String id = created.getString("id");
    String stageToken = created.getString("stageToken");
    try (WsClient stage = Moderation.join(vertx, nodeB.port(), id, stageToken)) {
      stage.next("welcome");

      assertEquals(200, api.post("/api/sessions/" + id + "/revoke-tokens",
          new JsonObject().put("roles", new JsonArray().add("stage").add("moderator")).encode(),
          TestNodes.ADMIN_TOKEN).status());

      assertEquals(CloseReason.TOKEN_REFUSED.code(), stage.awaitClose());
    }
    String fresh = api.post("/api/sessions/" + id + "/stage-token", "", TestNodes.ADMIN_TOKEN).json()
        .getString("stageToken");
    assertEquals("stage", Moderation.freshWelcome(vertx, nodeA.port(), id, fresh).getString("role"));
  }

  /** An organizer page that keeps no tokens fetches the links again: the same participants, current generation. */
  @Test
  void organizerFetchesTheLinksAgainAfterARevocation(Vertx vertx) {
    JsonObject created = api.createSession("Liên kết", "pre", true);
    String id = created.getString("id");
    String path = "/api/sessions/" + id + "/links";
    assertEquals(401, api.post(path, "", created.getString("moderatorToken")).status(), "the organizer only");
    assertEquals(404, api.post("/api/sessions/NoSuchSession0000/links", "", TestNodes.ADMIN_TOKEN).status());

    Api.Reply first = api.post(path, "", TestNodes.ADMIN_TOKEN);
    assertEquals(200, first.status(), first::body);
    assertEquals("no-store", first.raw().headers().firstValue("Cache-Control").orElse(null));
    assertEquals(created.getJsonObject("links").getString("audience"), first.json().getJsonObject("links")
        .getString("audience"));
    String moderatorLink = first.json().getJsonObject("links").getString("moderator");
    assertTrue(moderatorLink.endsWith("#token=" + first.json().getString("moderatorToken")), moderatorLink);
    JsonObject welcome = Moderation.freshWelcome(vertx, nodeA.port(), id, first.json().getString("moderatorToken"));
    String organizerModerator = Moderation.participantId(welcome);

    api.post("/api/sessions/" + id + "/revoke-tokens", new JsonObject().put("roles",
        new JsonArray().add("moderator").add("stage")).encode(), TestNodes.ADMIN_TOKEN);
    try (WsClient old = Moderation.join(vertx, nodeA.port(), id, first.json().getString("moderatorToken"))) {
      assertEquals(CloseReason.TOKEN_REFUSED.code(), old.awaitClose());
    }
    JsonObject again = api.post(path, "", TestNodes.ADMIN_TOKEN).json();
    JsonObject moderator = Moderation.freshWelcome(vertx, nodeB.port(), id, again.getString("moderatorToken"));
    assertEquals(organizerModerator, Moderation.participantId(moderator), "the same moderator, not a new one");
    assertEquals("stage", Moderation.freshWelcome(vertx, nodeB.port(), id, again.getString("stageToken"))
        .getString("role"));
  }

  @Test
  void onlyTheOrganizerRevokesAndOnlyModeratorAndStageRoles() {
    JsonObject created = api.createSession("Quyền", "pre", true);
    String path = "/api/sessions/" + created.getString("id") + "/revoke-tokens";
    String body = new JsonObject().put("roles", new JsonArray().add("moderator")).encode();

    assertEquals(401, api.post(path, body, created.getString("moderatorToken")).status(), "a moderator cannot");
    assertEquals(401, api.post(path, body, null).status());
    for (String bad : List.of("{}", "{\"roles\":[]}", "{\"roles\":[\"resident\"]}", "{\"roles\":\"moderator\"}",
        "{\"roles\":[\"moderator\"],\"x\":1}", "not json")) {
      Api.Reply reply = api.post(path, bad, TestNodes.ADMIN_TOKEN);
      assertEquals(400, reply.status(), () -> bad + ": " + reply.body());
    }
    assertEquals(404, api.post("/api/sessions/NoSuchSession0000/revoke-tokens", body, TestNodes.ADMIN_TOKEN)
        .status());
    assertEquals(200, api.get("/api/sessions/" + created.getString("id") + "/record",
        created.getString("moderatorToken")).status(), "nothing was revoked by the refused calls");
  }
}

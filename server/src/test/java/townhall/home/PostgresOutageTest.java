package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.FaultNodes;
import townhall.testing.HistoryChecker;
import townhall.testing.HomeTestBase;
import townhall.testing.Moderation;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;
import townhall.testing.TestPostgres;

/**
 * PostgreSQL goes down under a running node (docs/operations.md, "What happens when PostgreSQL is down"): the live
 * session goes on (questions, votes and moderation acknowledged, a new resident joins), while sign-in, the signed-in
 * account, the catalog and creating a session answer {@code 503 unavailable} as JSON; when the same server comes back, all of it answers again
 * without restarting the node, and nothing acknowledged during the outage is lost.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // two PostgreSQL starts of its own, on a machine that may be loaded
class PostgresOutageTest extends HomeTestBase {
  private static final String EMAIL = "admin@example.vn";
  private static final String PASSWORD = "outage password 1";

  @Test
  void whilePostgresIsDownTheLiveSessionGoesOnAndTheHomeAnswersUnavailableUntilItIsBack(Vertx vertx) {
    TestPostgres own = TestPostgres.start(); // this test's own server: stopping it disturbs no other test
    TownhallNode alone = startNode(own.freshDatabase(), Map.of());
    HistoryChecker checker = null;
    try {
      Api a = new Api(alone.port());
      SignedInClient admin = SignedInClient.from(a, alone.port(), a.post("/api/setup", new JsonObject()
          .put("token", alone.setupToken().orElseThrow()).put("email", EMAIL).put("password", PASSWORD).encode(),
          null));
      JsonObject session = a.post("/api/sessions", new JsonObject().put("title", "Vẫn chạy khi mất PostgreSQL")
          .put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
      String id = session.getString("id");
      checker = new HistoryChecker(vertx, id, session.getString("moderatorToken"));
      HistoryChecker.Client asker = checker.joinResident("asker", alone.port());
      HistoryChecker.Client voter = checker.joinResident("voter", alone.port());
      String before = questionId(asker.ask("Hỏi trước khi PostgreSQL dừng"));

      own.stop();

      Api.Reply health = a.get("/health");
      assertEquals(200, health.status(), "Redis answers: the node serves");
      assertEquals("DOWN", health.json().getString("postgres"));

      String during = questionId(asker.ask("Hỏi khi PostgreSQL dừng"));
      assertEquals("ack", voter.vote(during, 1).getString("type"), "a vote is acknowledged");
      assertEquals("ack", voter.vote(before, 1).getString("type"));
      asker.awaitVotes(during, 1);
      HistoryChecker.Client moderator = checker.joinModerator("moderator", alone.port());
      assertEquals("ack", moderator.act(Moderation.highlight(during)).getString("type"), "moderators go on too");
      HistoryChecker.Client late = checker.joinResident("late", alone.port());
      late.awaitQuestion(during);
      assertTrue(late.questionIds().containsAll(List.of(before, during)), "a resident who joins now sees both");
      assertEquals(200, a.get("/api/sessions/by-code/" + session.getString("code")).status());

      for (Api.Reply reply : List.of(
          a.post("/api/login", new JsonObject().put("email", EMAIL).put("password", PASSWORD).encode(), null),
          admin.get("/api/me"),
          a.get("/api/orgs/main"),
          a.get("/api/orgs/main/sessions"),
          a.post("/api/sessions", new JsonObject().put("title", "Phiên mới").encode(), TestNodes.ADMIN_TOKEN))) {
        assertEquals(503, reply.status(), reply.body());
        assertTrue(reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
            reply.body());
        assertEquals("unavailable", reply.json().getString("error"), reply.body());
      }

      own.restart();

      Await.until(() -> a.get("/api/orgs/main/sessions").status() == 200, FaultNodes.GIVE_UP_SECONDS,
          "the catalog answers again once PostgreSQL is back");
      assertEquals("UP", a.get("/health").json().getString("postgres"));
      assertTrue(a.get("/api/orgs/main/sessions").body().contains(id), "the catalog still lists the session");
      Api.Reply me = admin.get("/api/me");
      assertEquals(200, me.status(), "the sign-in made before the outage holds: " + me.body());
      SignedInClient again = SignedInClient.signIn(a, alone.port(), EMAIL, PASSWORD);
      assertEquals(me.json().getJsonObject("account").getLong("id"),
          again.get("/api/me").json().getJsonObject("account").getLong("id"), "signing in works again");

      checker.awaitConvergence(alone.port(), FaultNodes.GIVE_UP);
      assertEquals(Map.of("Hỏi trước khi PostgreSQL dừng", before, "Hỏi khi PostgreSQL dừng", during),
          checker.acknowledgedQuestions(), "every acknowledged question is kept");
    } finally {
      if (checker != null) {
        checker.clients().forEach(HistoryChecker.Client::close);
      }
      TestNodes.stop(alone);
      own.close();
    }
  }

  private static String questionId(JsonObject ack) {
    assertEquals("ack", ack.getString("type"), ack.encode());
    return ack.getString("questionId");
  }
}

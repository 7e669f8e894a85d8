package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;
import townhall.testing.TestPostgres;

class SignInApiTest extends HomeTestBase {
  private static final String PASSWORD = "correct horse battery";

  private Api.Reply setUp(String email) {
    String token = node.setupToken().orElseThrow();
    return api.post("/api/setup", new JsonObject().put("token", token).put("email", email)
        .put("password", PASSWORD).put("name", "Chị Lan").encode(), null);
  }

  @Test
  void theSetupLinkMakesTheFirstAdministratorOnce() {
    Api.Reply first = setUp("Admin@Example.VN");
    assertEquals(200, first.status(), first.body());
    JsonObject account = first.json().getJsonObject("account");
    assertEquals("administrator", account.getJsonArray("roles").getJsonObject(0).getString("role"));
    assertEquals("main", account.getJsonArray("roles").getJsonObject(0).getString("organization"));
    assertFalse(first.body().contains("example.vn"), "an email never comes back: " + first.body());
    Api.Reply again = setUp("other@example.vn");
    assertEquals(404, again.status());
    assertEquals(401, api.post("/api/login", new JsonObject().put("email", "other@example.vn")
        .put("password", PASSWORD).encode(), null).status());
  }

  @Test
  void aRestartWithAnAdministratorPrintsNoSetupLink() {
    setUp("admin@example.vn");
    TownhallNode second = startNode(databaseUrl, Map.of());
    try {
      assertTrue(second.setupToken().isEmpty());
    } finally {
      TestNodes.stop(second);
    }
  }

  @Test
  void theCookieIsHttpOnlyAndSameSiteAndTheHashIsArgon2id() throws Exception {
    Api.Reply setup = setUp("admin@example.vn");
    String header = setup.raw().headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("th_session=")).findFirst().orElseThrow();
    assertTrue(header.toLowerCase(java.util.Locale.ROOT).contains("httponly"), header);
    assertFalse(header.toLowerCase(java.util.Locale.ROOT).contains("secure"), "plain http here: " + header);
    assertTrue(header.contains("SameSite=Strict"), header);
    assertTrue(header.contains("Path=/"), header);
    try (var c = postgres.connect(TestPostgres.databaseOf(databaseUrl));
         ResultSet rows = c.createStatement().executeQuery("SELECT password_hash FROM accounts")) {
      rows.next();
      assertTrue(rows.getString(1).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), rows.getString(1));
      assertFalse(rows.getString(1).contains(PASSWORD));
    }
  }

  @Test
  void theCookieIsSecureBehindTls() {
    TownhallNode behindTls = startNode(postgres.freshDatabase(), Map.of("server.publicUrl", "https://townhall.example.vn"));
    try {
      Api other = new Api(behindTls.port());
      Api.Reply setup = other.post("/api/setup", new JsonObject().put("token", behindTls.setupToken().orElseThrow())
          .put("email", "admin@example.vn").put("password", PASSWORD).encode(), null);
      String header = setup.raw().headers().allValues("Set-Cookie").get(0);
      assertTrue(header.toLowerCase(java.util.Locale.ROOT).contains("secure"), header);
    } finally {
      TestNodes.stop(behindTls);
    }
  }

  @Test
  void signInOutAndMe() {
    setUp("admin@example.vn");
    SignedInClient browser = SignedInClient.signIn(api, node.port(), "ADMIN@example.vn ", PASSWORD);
    Api.Reply me = browser.get("/api/me");
    assertEquals(200, me.status());
    assertEquals(browser.csrf(), me.json().getString("csrfToken"));
    assertEquals(204, browser.post("/api/logout", "").status());
    assertEquals(401, browser.get("/api/me").status());
  }

  @Test
  void wrongPasswordAndUnknownEmailAnswerAlike() {
    setUp("admin@example.vn");
    Api.Reply wrong = api.post("/api/login", new JsonObject().put("email", "admin@example.vn")
        .put("password", "not the password").encode(), null);
    Api.Reply unknown = api.post("/api/login", new JsonObject().put("email", "nobody@example.vn")
        .put("password", "not the password").encode(), null);
    assertEquals(401, wrong.status());
    assertEquals(wrong.status(), unknown.status());
    assertEquals(wrong.body(), unknown.body());
    assertTrue(wrong.raw().headers().allValues("Set-Cookie").isEmpty());
  }

  @Test
  void failedSignInsAreLimitedPerAccount() {
    setUp("admin@example.vn");
    int refused = 0;
    for (int i = 0; i < 10; i++) {
      Api.Reply reply = api.post("/api/login", new JsonObject().put("email", "admin@example.vn")
          .put("password", "guess number " + i).encode(), null);
      if (reply.status() == 429) {
        refused++;
      }
    }
    assertTrue(refused > 0, "a guesser is slowed down");
    Api.Reply right = api.post("/api/login", new JsonObject().put("email", "admin@example.vn")
        .put("password", PASSWORD).encode(), null);
    assertEquals(429, right.status(), "past the limit even the right password waits");
  }

  @Test
  void aCookiePlantedBeforeSignInIsNeverSignedIn() {
    setUp("admin@example.vn");
    String planted = "th_session=planted-by-an-attacker";
    Api.Reply login = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/login"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", "admin@example.vn")
            .put("password", PASSWORD).encode())).header("Content-Type", "application/json").header("Cookie", planted));
    assertEquals(200, login.status());
    assertNotEquals(planted, SignedInClient.cookieOf(login));
    Api.Reply asPlanted = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/me"))
        .GET().header("Cookie", planted));
    assertEquals(401, asPlanted.status());
    SignedInClient first = SignedInClient.from(api, node.port(), login);
    SignedInClient second = SignedInClient.signIn(api, node.port(), "admin@example.vn", PASSWORD);
    assertNotEquals(first.cookie(), second.cookie(), "every sign-in gets a token of its own");
  }

  @Test
  void cookieWritesNeedTheCsrfToken() {
    SignedInClient admin = SignedInClient.from(api, node.port(), setUp("admin@example.vn"));
    String org = new JsonObject().put("slug", "quan-1").put("name", "Quận 1").put("kind", "district").encode();
    Api.Reply without = admin.post("/api/orgs", org, false);
    assertEquals(403, without.status());
    assertEquals(404, api.get("/api/orgs/quan-1").status(), "nothing changed");
    assertEquals(201, admin.post("/api/orgs", org).status());
  }

  @Test
  void anInvitationIsUsedOnce() {
    SignedInClient admin = SignedInClient.from(api, node.port(), setUp("admin@example.vn"));
    Api.Reply invite = admin.post("/api/orgs/main/invitations", new JsonObject().put("email", "mod@example.vn")
        .put("role", "moderator").encode());
    assertEquals(201, invite.status(), invite.body());
    String link = invite.json().getString("link");
    assertTrue(link.contains("/login#invite="), link);
    String token = link.substring(link.indexOf("#invite=") + "#invite=".length());
    String accept = new JsonObject().put("token", token).put("password", "moderator password").encode();
    Api.Reply accepted = api.post("/api/invitations/accept", accept, null);
    assertEquals(200, accepted.status(), accepted.body());
    assertEquals("moderator", accepted.json().getJsonObject("account").getJsonArray("roles").getJsonObject(0)
        .getString("role"));
    assertEquals(404, api.post("/api/invitations/accept", accept, null).status());
    assertEquals(200, SignedInClient.signIn(api, node.port(), "mod@example.vn", "moderator password")
        .get("/api/me").status());
  }

  @Test
  void anExpiredInvitationIsRefused() {
    SignedInClient admin = SignedInClient.from(api, node.port(), setUp("admin@example.vn"));
    String link = admin.post("/api/orgs/main/invitations", new JsonObject().put("email", "late@example.vn")
        .put("role", "clerk").encode()).json().getString("link");
    postgres.execute(TestPostgres.databaseOf(databaseUrl),
        "UPDATE link_grants SET expires_at = now() - interval '1 minute' WHERE purpose = 'invite'");
    Api.Reply late = api.post("/api/invitations/accept", new JsonObject()
        .put("token", link.substring(link.indexOf("#invite=") + 8)).put("password", "a long password").encode(), null);
    assertEquals(404, late.status());
  }

  @Test
  void badSignInInputIsAClearError() {
    for (String body : new String[] {"", "nope", "[]", "{\"email\":1,\"password\":2}",
        "{\"email\":\"a@b.vn\",\"password\":\"x\",\"extra\":true}"}) {
      Api.Reply reply = api.post("/api/login", body, null);
      assertTrue(reply.status() == 400 || reply.status() == 401, body + " -> " + reply.status());
      assertTrue(reply.json().containsKey("error"), reply.body());
    }
    Api.Reply shortPassword = api.post("/api/setup", new JsonObject().put("token", node.setupToken().orElseThrow())
        .put("email", "a@b.vn").put("password", "short").encode(), null);
    assertEquals(400, shortPassword.status());
    assertEquals(200, setUp("admin@example.vn").status(), "a refused attempt did not use the link");
  }
}

package townhall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;

/**
 * What a review found missing on the HTTP side: refused bearers were never limited, and error answers carried no
 * {@code Cache-Control: no-store} nor the security headers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpHardeningTest {
  private static final int BURST = 5;
  private static TestRedis redis;
  private TownhallNode node;
  private Api api;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startNode() {
    node = TestNodes.start(redis, TestNodes.freshPrefix(), Map.of("rateLimits.bearerFailures.burst", BURST,
        "rateLimits.bearerFailures.perMinute", 1));
    api = Api.of(node);
  }

  @AfterEach
  void stopNode() {
    TestNodes.stop(node);
  }

  private static String header(Api.Reply reply, String name) {
    return reply.raw().headers().firstValue(name).orElse(null);
  }

  /** A guesser gets 401 for a burst, then 429 with Retry-After even for the right token; other addresses go on. */
  @Test
  void refusedBearersAreLimitedPerAddress() {
    String body = new JsonObject().put("title", "Đoán mò").encode();
    for (int i = 0; i < BURST; i++) {
      Api.Reply guess = api.postFrom("/api/sessions", body, "wrong-token-" + i, "203.0.113.7");
      assertEquals(401, guess.status(), guess::body);
    }
    Api.Reply limited = api.postFrom("/api/sessions", body, "wrong-token-x", "203.0.113.7");
    assertEquals(429, limited.status(), limited::body);
    assertTrue(Integer.parseInt(header(limited, "Retry-After")) > 0);
    assertEquals("rate_limited", limited.json().getString("error"));
    assertEquals(429, api.postFrom("/api/sessions", body, TestNodes.ADMIN_TOKEN, "203.0.113.7").status(),
        "while the bucket is empty even the right token is not looked at: a guess learns nothing");

    assertEquals(201, api.postFrom("/api/sessions", body, TestNodes.ADMIN_TOKEN, "198.51.100.9").status(),
        "another address is not limited");
    String id = api.createSession("Công khai", "pre", true).getString("id");
    assertEquals(200, api.getFrom("/api/sessions/" + id, "203.0.113.7").status(), "requests without a bearer go on");
    Api.Reply moderatorGuess = api.postFrom("/api/sessions/" + id + "/status", "{\"status\":\"paused\"}",
        "v2.forged.token", "203.0.113.7");
    assertEquals(429, moderatorGuess.status(), "every route that checks a bearer shares the limit");
  }

  /** Every error answer, whatever produced it, carries no-store and the security headers. */
  @Test
  void everyErrorAnswerCarriesNoStoreAndTheSecurityHeaders() {
    JsonObject created = api.createSession("Lỗi", "pre", true);
    String id = created.getString("id");
    List<Api.Reply> errors = List.of(
        api.get("/no/such/page"),
        api.get("/assets/no-such-file.js"),
        api.get("/metrics"),
        api.get("/api/sessions/NoSuchSession0000"),
        api.get("/api/sessions/bad%20id!"),
        api.get("/api/sessions/by-code/000000"),
        api.get("/api/sessions/" + id + "/record"),
        api.get("/api/sessions/" + id + "/record", "not-a-token"),
        api.get("/api/sessions/" + id + "/record?format=xml", TestNodes.ADMIN_TOKEN),
        api.post("/api/sessions", "{\"title\":\"x\"}", null),
        api.post("/api/sessions", "{\"title\":\"x\"}", "wrong"),
        api.post("/api/sessions", "not json", TestNodes.ADMIN_TOKEN),
        api.post("/api/sessions", "{\"title\":\"" + "x".repeat(20_000) + "\"}", TestNodes.ADMIN_TOKEN),
        api.post("/api/sessions/" + id + "/publish", "", created.getString("stageToken")),
        api.post("/api/sessions/" + id + "/moderator-token", "", created.getString("moderatorToken")),
        api.request("PUT", "/api/sessions/" + id, "{}"),
        api.delete("/api/sessions/" + id, null));
    for (Api.Reply reply : errors) {
      HttpResponse<String> raw = reply.raw();
      String what = raw.request().method() + " " + raw.request().uri() + " -> " + reply.status();
      assertTrue(reply.status() >= 400, what);
      assertEquals("no-store", header(reply, "Cache-Control"), what);
      assertEquals("nosniff", header(reply, "X-Content-Type-Options"), what);
      assertEquals("no-referrer", header(reply, "Referrer-Policy"), what);
      assertEquals("DENY", header(reply, "X-Frame-Options"), what);
      assertTrue(header(reply, "Content-Security-Policy").contains("default-src 'self'"), what);
    }
  }
}

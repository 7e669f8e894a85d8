package townhall.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.FaultNodes;
import townhall.testing.HistoryChecker;
import townhall.testing.Moderation;
import townhall.testing.NginxProxy;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;

/**
 * The shipped {@code config/nginx/townhall.conf} in front of two nodes: residents reach both through one address
 * with no sticky sessions, and when one node drains for a deploy its residents reconnect through nginx to the other
 * and resume.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NginxProxyTest {
  private static final int RESIDENTS = 6;

  private TestRedis redis;
  private TownhallNode nodeA;
  private TownhallNode nodeB;
  private NginxProxy nginx;

  @BeforeEach
  void start() {
    redis = TestRedis.start();
    String prefix = TestNodes.freshPrefix();
    nodeA = TestNodes.start(redis, prefix);
    nodeB = TestNodes.start(redis, prefix);
    nginx = NginxProxy.start(List.of(nodeA.port(), nodeB.port()));
  }

  @AfterEach
  void stop() {
    if (nginx != null) {
      nginx.close();
    }
    TestNodes.stop(nodeA);
    TestNodes.stop(nodeB);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void residentsSpreadOverBothNodesAndMoveWhenOneDrains(Vertx vertx) {
    Api viaProxy = new Api(nginx.port());
    JsonObject session = FaultNodes.session(viaProxy, "Sau một địa chỉ");
    assertTrue(session.getJsonObject("links").getString("audience").contains(":" + nginx.port() + "/"),
        () -> "links point at the proxy: " + session);
    HistoryChecker checker = new HistoryChecker(vertx, session.getString("id"), session.getString("moderatorToken"));
    List<HistoryChecker.Client> residents = new ArrayList<>();
    for (int i = 0; i < RESIDENTS; i++) {
      residents.add(checker.joinResident("r" + i, nginx.port()));
    }
    HistoryChecker.Client moderator = checker.joinModerator("moderator", nginx.port());
    int onA = (int) Api.of(nodeA).metric("townhall_connections");
    int onB = (int) Api.of(nodeB).metric("townhall_connections");
    assertEquals(RESIDENTS + 1, onA + onB, "every socket is on one of the nodes");
    assertTrue(onA > 0 && onB > 0, "nginx spread the sockets over both nodes: " + onA + " and " + onB);

    String question = residents.get(0).ask("Câu hỏi qua nginx").getString("questionId");
    for (HistoryChecker.Client resident : residents) {
      Moderation.assertAck(resident.vote(question, 1));
    }
    Moderation.assertAck(moderator.act(Moderation.highlight(question)));
    checker.awaitConvergence(nodeB.port(), FaultNodes.GIVE_UP);

    // node A drains as on SIGTERM: its sockets close with 1012, their clients come back through nginx to B
    Future<Void> stopped = nodeA.stop(Duration.ofMillis(500));
    Await.until(() -> checker.clients().stream().filter(c -> !c.isConnected()).count() == onA,
        FaultNodes.GIVE_UP_SECONDS, "A's " + onA + " sockets closed");
    for (HistoryChecker.Client client : checker.clients()) {
      if (!client.isConnected()) {
        assertEquals(1012, client.ws().awaitClose(), client.name());
        assertEquals("resumed", client.resume(nginx.port()).getString("type"), client.name());
      }
    }
    // the future completes as A's Vert.x closes, so it is polled rather than awaited on A's (gone) event loop
    Await.until(stopped::isComplete, 20, "node A stopped");
    nodeA = null;
    assertEquals(RESIDENTS + 1, (int) Api.of(nodeB).metric("townhall_connections"),
        "every socket is on B now");
    String after = residents.get(1).ask("Câu hỏi sau khi A dừng").getString("questionId");
    Moderation.assertAck(residents.get(2).vote(after, 1));
    Moderation.assertAck(moderator.act(Moderation.answer(question, "Đã trả lời")));
    checker.assertConsistent(nodeB.port(), FaultNodes.GIVE_UP);
    assertEquals(200, FaultNodes.health(viaProxy), "the proxy's /health is served by the live node");
  }

  /** Metrics are on each node's own loopback listener; neither the node's public port nor nginx serves them. */
  @Test
  void metricsAreNotServedThroughTheProxyInAnySpelling() {
    Api viaProxy = new Api(nginx.port());
    for (String path : List.of("/metrics", "/metrics/", "/metrics/.", "/metrics/x", "//metrics", "/METRICS",
        "/%6Detrics", "/metrics?format=prometheus")) {
      Api.Reply reply = viaProxy.get(path);
      assertEquals(404, reply.status(), () -> path + ": " + reply.body());
      assertFalse(reply.body().contains("townhall_connections"), path);
    }
    assertEquals(200, Api.of(nodeA).scrape().status(), "the node's own metrics listener answers");
  }

  /** Plain HTTP only redirects; HTTPS serves the nodes with HSTS. */
  @Test
  void plainHttpRedirectsToHttpsWhichAnswersWithHsts() throws Exception {
    HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> redirect = plain.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + nginx.redirectPort() + "/j/123456?x=1"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(301, redirect.statusCode());
    assertEquals("https://127.0.0.1/j/123456?x=1", redirect.headers().firstValue("Location").orElse(null),
        "the same host and path, over HTTPS");
    HttpResponse<String> api = plain.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + nginx.redirectPort() + "/api/sessions"))
        .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(301, api.statusCode(), "plain HTTP never reaches a node, bearer or not");

    HttpClient tls = HttpClient.newBuilder().sslContext(trusting(nginx.certificate())).build();
    HttpResponse<String> health = tls.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + nginx.tlsPort() + "/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health::body);
    String hsts = health.headers().firstValue("Strict-Transport-Security").orElse("");
    assertTrue(hsts.matches("max-age=\\d+.*") && Long.parseLong(hsts.replaceAll("max-age=(\\d+).*", "$1"))
        >= 31_536_000L, hsts);
    HttpResponse<String> missing = tls.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + nginx.tlsPort() + "/api/sessions/NoSuchSession0000")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(404, missing.statusCode());
    assertTrue(missing.headers().firstValue("Strict-Transport-Security").isPresent(), "on errors too");
    assertEquals("no-store", missing.headers().firstValue("Cache-Control").orElse(null));
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trusted.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}

package townhall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/** {@code GET /api/sessions/{id}/similar}: what it offers, to whom, its bad input and its rate limit. */
class SimilarApiTest extends NodeTestBase {
  private static final String LIGHTS = "Đèn đường ở tổ dân phố 7 bị hư cả tháng nay, bao giờ phường sửa?";
  private static final String LIGHTS_AGAIN = "Đèn đường tổ dân phố 7 hư rồi, đề nghị phường sửa đèn đường sớm";
  private static final String RUBBISH = "Xe thu gom rác ở khu phố 2 đến không đúng giờ, rác bốc mùi.";
  private static final String TYPED = "den duong to dan pho 7 bi hu lau roi khi nao sua";

  private static String similarPath(String sessionId, String text) {
    return "/api/sessions/" + sessionId + "/similar?text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static List<String> ids(Api.Reply reply) {
    assertEquals(200, reply.status(), reply::body);
    JsonArray similar = reply.json().getJsonArray("similar");
    assertNotNull(similar, reply::body);
    return similar.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static String ask(WsClient resident, String text) {
    JsonObject ack = resident.act(Msg.ask(text));
    Moderation.assertAck(ack);
    return ack.getString("questionId");
  }

  private static void assertJsonError(int status, String code, Api.Reply reply) {
    assertEquals(status, reply.status(), reply::body);
    assertEquals(code, reply.json().getString("error"), reply::body);
  }

  @Test
  void aNearDuplicateWithoutDiacriticsIsOfferedTheQuestionResidentsSeeAndNothingElse(Vertx vertx) {
    JsonObject session = api.createSession("Đối thoại phường", "post", true);
    String id = session.getString("id");
    String lights;
    String rejected;
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
        WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      lights = ask(resident, LIGHTS);
      ask(resident, RUBBISH);
      rejected = ask(resident, LIGHTS_AGAIN);
      Moderation.assertAck(moderator.act(Moderation.reject(rejected, "Trùng câu hỏi")));

      Await.until(() -> ids(api.get(similarPath(id, TYPED))).equals(List.of(lights)), 15,
          "the public question offered, the rejected one not");
      JsonObject offered = api.get(similarPath(id, TYPED)).json().getJsonArray("similar").getJsonObject(0);
      assertEquals(LIGHTS, offered.getString("text"));
      double score = offered.getDouble("score");
      assertTrue(score > 0 && score <= 1, "score " + score);
      assertEquals(List.of(), ids(api.get(similarPath(id, "Phường có tổ chức hội thi văn nghệ cho người cao tuổi"))),
          "nothing alike enough: an empty list");
    }
    // no connection to the session is left on this node: the search follows the session again, from Redis
    assertEquals(List.of(lights), ids(api.get(similarPath(id, "ddenf dduwowngf toor daan phoos 7 bij huw, bao giowf phuwowngf suwar"))));
  }

  @Test
  void badInputGetsAJsonErrorAndAnUnknownSessionNotFound() {
    String id = api.createSession("Đối thoại phường", "post", true).getString("id");
    assertJsonError(400, "bad_request", api.get("/api/sessions/" + id + "/similar"));
    assertJsonError(400, "bad_request", api.get(similarPath(id, "   ")));
    assertJsonError(400, "bad_request", api.get(similarPath(id, "đèn") + "&text=đường"));
    assertJsonError(400, "too_long", api.get(similarPath(id, "đèn ".repeat(200))));
    assertJsonError(404, "not_found", api.get(similarPath("nosuchsession", "đèn đường tổ 7")));
    assertJsonError(404, "not_found", api.get(similarPath("bad%20id", "đèn đường tổ 7")));
  }

  @Test
  void searchesAreLimitedPerClientAddress() {
    TestNodes.stop(node);
    node = TestNodes.start(redis, TestNodes.freshPrefix(),
        Map.of("rateLimits.similar.burst", 2, "rateLimits.similar.perMinute", 1));
    Api limited = new Api(node.port());
    String id = limited.createSession("Đối thoại phường", "post", true).getString("id");
    String path = similarPath(id, "đèn đường tổ dân phố 7");
    assertEquals(200, limited.getFrom(path, "203.0.113.10").status());
    assertEquals(200, limited.getFrom(path, "203.0.113.10").status());
    Api.Reply refused = limited.getFrom(path, "203.0.113.10");
    assertJsonError(429, "rate_limited", refused);
    assertTrue(refused.json().getLong("retryAfterMs") > 0, refused::body);
    assertEquals(200, limited.getFrom(path, "203.0.113.11").status(), "another address has its own bucket");
  }
}

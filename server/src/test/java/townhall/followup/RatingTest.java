package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.config.ConfigLoader;
import townhall.record.RecordVerifier;
import townhall.service.FollowLinks;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The asker's rating of an answer ({@code POST /api/follow/{code}/rate}): only by the asker (their participant
 * token; nobody else's, not a moderator's), only once, only with an answer, the reason checked; appended to the
 * chain as {@code rated}, counted in the record's {@code satisfaction} and on {@code /api/follow}, and the record
 * verifies, in Redis and once the session is archived (then by the answer mail's signed link only).
 */
class RatingTest extends HomeTestBase {

  private Api.Reply rate(String code, JsonObject body, String bearer) {
    return api.post("/api/follow/" + code + "/rate", body.encode(), bearer);
  }

  private static JsonObject rating(String value) {
    return new JsonObject().put("rating", value);
  }

  private static String followCode(WsClient moderator, String questionId) {
    return moderator.next(f -> "question".equals(f.getString("type"))
        && questionId.equals(f.getJsonObject("question").getString("id")), "question " + questionId)
        .getJsonObject("question").getString("followCode");
  }

  private static JsonObject question(JsonObject record, String id) {
    return record.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("id").equals(id)).findFirst().orElseThrow();
  }

  @Test
  void onlyTheAskerRatesOnceAndTheRecordCountsItAndVerifies(Vertx vertx) throws Exception {
    JsonObject created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại")
        .put("organization", "main").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = created.getString("id");
    String moderatorToken = created.getString("moderatorToken");
    String asker;
    String other;
    String code1;
    String code2;
    String code3;
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient neighbour = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(moderatorToken))) {
      asker = Msg.token(resident.next("welcome"));
      other = Msg.token(neighbour.next("welcome"));
      moderator.next("welcome");
      resident.act(Msg.ask("Khi nào có nước sạch?"));
      resident.act(Msg.ask("Khi nào sửa trường học?"));
      resident.act(Msg.ask("Khi nào có công viên?"));
      code1 = followCode(moderator, "1");
      code2 = followCode(moderator, "2");
      code3 = followCode(moderator, "3");
      Moderation.ok(moderator, Moderation.answer("1", "Tháng sau có nước."));
      Moderation.ok(moderator, Moderation.answer("3", "Năm sau có công viên."));
    }
    assertEquals(id, api.get("/api/follow/" + code1).json().getString("sessionId"));

    assertEquals(401, rate(code1, rating("satisfied"), null).status(), "nobody identified");
    assertEquals(403, rate(code1, rating("satisfied"), other).status(), "another resident");
    assertEquals(403, rate(code1, rating("satisfied"), moderatorToken).status(), "a moderator");
    assertEquals(400, rate(code1, rating("meh"), asker).status());
    assertEquals(400, rate(code1, rating("notSatisfied").put("reason", "xem https://spam.example.com/x"), asker)
        .status(), "the content rules apply to the reason");
    assertEquals(400, rate(code1, rating("notSatisfied").put("by", 1), asker).status(), "an unknown field");
    assertEquals(409, rate(code2, rating("satisfied"), asker).status(), "no answer yet");

    Api.Reply first = rate(code1, rating("notSatisfied").put("reason", "Vẫn chưa có lịch cụ thể").put("ref", "r1"),
        asker);
    assertEquals(200, first.status(), first.body());
    Api.Reply repeat = rate(code1, rating("notSatisfied").put("ref", "r1"), asker);
    assertEquals(200, repeat.status());
    assertTrue(repeat.json().getBoolean("duplicate"));
    Api.Reply second = rate(code1, rating("satisfied").put("ref", "r2"), asker);
    assertEquals(409, second.status(), "a second rating");
    assertEquals("conflict", second.json().getString("error"), second.body());

    assertEquals(new JsonObject().put("satisfied", 0).put("notSatisfied", 1),
        api.get("/api/follow/" + code1).json().getJsonObject("satisfaction"));
    JsonObject record = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    assertEquals(new JsonObject().put("satisfied", 0).put("notSatisfied", 1),
        question(record, "1").getJsonObject("satisfaction"));
    JsonArray links = record.getJsonObject("chain").getJsonArray("links");
    long ratedEntries = links.stream().map(JsonObject.class::cast)
        .filter(l -> l.getString("entry").contains("\"k\":\"rated\"")).count();
    assertEquals(1, ratedEntries);
    assertTrue(RecordVerifier.verify(record).intact(), RecordVerifier.verify(record).problems()::toString);
    JsonObject flipped = record.copy();
    flipped.getJsonObject("chain").getJsonArray("links").stream().map(JsonObject.class::cast)
        .filter(l -> l.getString("entry").contains("\"k\":\"rated\""))
        .forEach(l -> l.put("entry", l.getString("entry").replace("notSatisfied", "satisfied")));
    assertFalse(RecordVerifier.verify(flipped).intact(), "a changed rating is caught");
    JsonObject recounted = record.copy();
    question(recounted, "1").put("satisfaction", new JsonObject().put("satisfied", 1).put("notSatisfied", 0));
    assertFalse(RecordVerifier.verify(recounted).intact(), "counts that are not the chain's are caught");

    // once Redis let the session go: the participant token no longer names the asker; the signed link does
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());
    assertEquals(403, rate(code3, rating("satisfied"), asker).status());
    FollowLinks links3 = new FollowLinks(Files.readAllBytes(ConfigLoader.load(Map.of(), Map.of()).server().keysDir()
        .resolve("follow-link-key")), "https://townhall.example.vn");
    assertEquals(403, rate(code3, rating("satisfied").put("token", links3.rateToken(code1)), null).status(),
        "another question's link");
    Api.Reply archived = rate(code3, rating("satisfied").put("token", links3.rateToken(code3)), null);
    assertEquals(200, archived.status(), archived.body());
    assertEquals(409, rate(code3, rating("notSatisfied").put("token", links3.rateToken(code3)), null).status());
    JsonObject after = api.get("/api/sessions/" + id + "/record").json();
    assertEquals(new JsonObject().put("satisfied", 1).put("notSatisfied", 0),
        question(after, "3").getJsonObject("satisfaction"));
    assertEquals(1, api.get("/api/follow/" + code3).json().getJsonObject("satisfaction").getInteger("satisfied"));
    assertTrue(RecordVerifier.verify(after).intact(), RecordVerifier.verify(after).problems()::toString);
    String csv = api.get("/api/sessions/" + id + "/record?format=csv").body();
    java.util.List<java.util.List<String>> rows = townhall.testing.Csv.parse(csv.replace("\uFEFF", ""));
    int satisfied = rows.get(0).indexOf("Số người hài lòng");
    int notSatisfied = rows.get(0).indexOf("Số người chưa hài lòng");
    assertTrue(satisfied >= 0 && notSatisfied >= 0, "the CSV's satisfaction columns: " + rows.get(0));
    assertTrue(rows.stream().anyMatch(row -> row.size() > notSatisfied && "1".equals(row.get(satisfied))
        && "0".equals(row.get(notSatisfied)) && row.stream().anyMatch(cell -> cell.contains("Năm sau có công viên."))),
        "the answered question rated satisfied counts 1 and 0 in the CSV: " + csv);
    assertFalse(after.encode().contains(asker), "no participant token in the record");
  }
}

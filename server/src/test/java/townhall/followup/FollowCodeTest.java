package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import townhall.domain.FollowCodes;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Every question gets a follow-up code when it is asked: readable aloud, different for every question, carried by
 * the question event, the welcome and the record (where it is part of the chained {@code asked} entry).
 */
class FollowCodeTest extends NodeTestBase {

  @Test
  void codesUseOnlyUnambiguousCharactersAndNormalizeWhatWasTyped() {
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      String code = FollowCodes.random(random);
      assertTrue(code.matches("[A-HJKMNP-Z2-9]{2}-[A-HJKMNP-Z2-9]{4}"), code);
      assertEquals(code, FollowCodes.normalize(code.toLowerCase().replace("-", " ")));
    }
    assertEquals("BN-4K7Q", FollowCodes.normalize("bn4k7q"));
    assertNull(FollowCodes.normalize("BN-4K7O"), "O is not in the alphabet (it reads as 0)");
    assertNull(FollowCodes.normalize("BN-4K7"));
    assertNull(FollowCodes.normalize("BN-4K7QQ"));
    assertNull(FollowCodes.normalize(null));
  }

  @Test
  void everyQuestionCarriesItsOwnCodeInTheEventTheWelcomeAndTheRecord(Vertx vertx) {
    String sessionId = api.createSession("Đối thoại phường Bến Nghé", "post", true).getString("id");
    Set<String> codes = new HashSet<>();
    try (WsClient asker = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      asker.next("welcome");
      for (int i = 0; i < 5; i++) {
        JsonObject ack = asker.actKeeping(Msg.ask("Câu hỏi số " + i + " về đường Lê Lợi?"));
        String id = ack.getString("questionId");
        JsonObject event = asker.next(f -> "question".equals(f.getString("type"))
            && id.equals(f.getJsonObject("question").getString("id")), "the question " + id);
        String code = event.getJsonObject("question").getString("followCode");
        assertTrue(FollowCodes.normalize(code) != null && FollowCodes.normalize(code).equals(code), code);
        codes.add(code);
      }
    }
    assertEquals(5, codes.size(), "every question its own code");

    JsonObject welcome = Msg.freshWelcome(vertx, node.port(), sessionId, Msg.hello());
    Set<String> welcomed = new HashSet<>();
    welcome.getJsonArray("questions").forEach(q -> welcomed.add(((JsonObject) q).getString("followCode")));
    assertEquals(codes, welcomed);

    JsonObject record = api.get("/api/sessions/" + sessionId + "/record", TestNodes.ADMIN_TOKEN).json();
    JsonArray questions = record.getJsonArray("questions");
    Set<String> recorded = new HashSet<>();
    questions.forEach(q -> recorded.add(((JsonObject) q).getString("followCode")));
    assertEquals(codes, recorded);
    String firstEntry = record.getJsonObject("chain").getJsonArray("links").getJsonObject(1).getString("entry");
    assertTrue(firstEntry.contains("\"code\":\"" + questions.getJsonObject(0).getString("followCode") + "\""),
        "the code is part of the chained entry: " + firstEntry);
    assertNotEquals(null, record.getJsonObject("chain").getString("finalHash"));

    assertTrue(townhall.record.RecordVerifier.verify(record).intact());
    JsonObject older = record.copy();
    older.getJsonArray("questions").forEach(q -> {
      ((JsonObject) q).remove("followUp");
      ((JsonObject) q).remove("satisfaction");
    });
    assertTrue(townhall.record.RecordVerifier.verify(older).intact(),
        "a record written before follow-up existed (no followUp, no satisfaction) still verifies");
  }
}

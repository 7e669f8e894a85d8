package townhall.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code votes} fast path reads what the JSON parse reads, and leaves everything else to it. */
class VoteCountsTest {

  @Test
  void readsTheServersFrames() {
    assertReads("{\"type\":\"votes\",\"counts\":{\"7\":13,\"8\":2},\"versions\":{\"7\":351,\"8\":349}}",
        Map.of("7", 13, "8", 2));
    assertReads("{\"type\":\"votes\",\"counts\":{\"k3J9xQ2mVt0aR1bC\":0},\"versions\":{\"k3J9xQ2mVt0aR1bC\":1}}",
        Map.of("k3J9xQ2mVt0aR1bC", 0));
    assertReads("{\"type\":\"votes\",\"counts\":{}}", Map.of());
    assertReads("{\"type\":\"votes\",\"counts\":{\"c\u00e2u\":2147483647,\"b\":-3}}",
        Map.of("c\u00e2u", 2147483647, "b", -3));
    assertReads("{\"type\":\"votes\",\"counts\":{ \"7\" : 13 ,\n\"8\":2 } , \"versions\" : {\"7\":1} }\n",
        Map.of("7", 13, "8", 2));
  }

  @Test
  void leavesAnythingElseToTheJsonParse() {
    for (String frame : List.of(
        "{\"type\":\"presence\",\"count\":3}",
        "{\"counts\":{\"7\":1},\"type\":\"votes\"}",
        "{ \"type\":\"votes\",\"counts\":{\"7\":1}}",
        "{\"type\":\"votes\",\"counts\": {\"7\":1}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1.5}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1e3}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":\"1\"}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":null}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":01}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":2147483648}}",
        "{\"type\":\"votes\",\"counts\":{\"\\u0037\":1}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1,}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1}}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1},\"versions\":{\"7\":1},\"extra\":1}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1},\"versions\":{\"7\":true}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1},\"seq\":4}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1}} x",
        "{\"type\":\"votes\",\"counts\":{\"7\" 1}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":-}}",
        "{\"type\":\"votes\",\"counts\":{\"7\":1")) {
      VoteCounts counts = new VoteCounts();
      assertFalse(counts.parse(frame), frame);
      assertEquals(0, counts.size(), frame);
    }
  }

  @Test
  void reusesItsArrays() {
    VoteCounts counts = new VoteCounts();
    StringBuilder many = new StringBuilder("{\"type\":\"votes\",\"counts\":{");
    for (int q = 0; q < 40; q++) {
      many.append(q == 0 ? "" : ",").append('"').append(q).append("\":").append(q * 7);
    }
    assertTrue(counts.parse(many.append("}}").toString()));
    assertEquals(40, counts.size());
    assertEquals(39 * 7, counts.count(39));
    String one = "{\"type\":\"votes\",\"counts\":{\"x\":1}}";
    assertTrue(counts.parse(one));
    assertEquals(1, counts.size());
    assertEquals("x", one.substring(counts.keyStart(0), counts.keyEnd(0)));
  }

  private static void assertReads(String frame, Map<String, Integer> expected) {
    VoteCounts counts = new VoteCounts();
    assertTrue(counts.parse(frame), frame);
    Map<String, Integer> read = new LinkedHashMap<>();
    QuestionIndex index = new QuestionIndex(List.copyOf(expected.keySet()));
    for (int n = 0; n < counts.size(); n++) {
      String key = frame.substring(counts.keyStart(n), counts.keyEnd(n));
      read.put(key, counts.count(n));
      assertEquals(List.copyOf(expected.keySet()).indexOf(key), index.find(frame, counts.keyStart(n),
          counts.keyEnd(n)), "id lookup in " + frame);
    }
    assertEquals(expected, read, frame);
    Map<String, Integer> parsed = new LinkedHashMap<>();
    new JsonObject(frame).getJsonObject("counts")
        .forEach(e -> parsed.put(e.getKey(), ((Number) e.getValue()).intValue()));
    assertEquals(parsed, read, "as the JSON parse reads " + frame);
  }
}

package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.domain.Question;
import townhall.testing.TestRedis;

/**
 * The view's reads ({@code view.lua}, {@code view_slice.lua}) hand the node each question's hash as {@code HGETALL}
 * answers it and the node names its fields ({@link StoredEvents#questionOfHash}); events carry the form
 * {@code question_of} (lib_session.lua) builds in Lua. Both must give the same question, every field set or absent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ViewQuestionFormTest {
  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    client = RedisClient.create(redis.url());
    connection = client.connect();
  }

  @AfterAll
  static void stop() {
    connection.close();
    client.shutdown();
    redis.close();
  }

  private static Map<String, String> everyField() {
    Map<String, String> hash = new LinkedHashMap<>();
    hash.put("id", "7");
    hash.put("text", "Đường \"Lê Lợi\" / ngập \\ khi mưa?\nVì sao");
    hash.put("author", "Chị Lan");
    hash.put("aid", "p-1");
    hash.put("status", "answered");
    hash.put("createdAt", "1733550000123");
    hash.put("votes", "12");
    hash.put("answerText", "Sẽ sửa trong tháng 3");
    hash.put("answerAt", "1733550009999");
    hash.put("mergedInto", "3");
    hash.put("edited", "true");
    hash.put("reason", "trùng");
    hash.put("vv", "90071");
    hash.put("flags", "profanity,link");
    hash.put("marks", "profanity:0:2,link:10:31");
    hash.put("frozen", "true");
    hash.put("category", "duplicate");
    hash.put("withheld", "personal_data");
    hash.put("authorBanned", "true");
    hash.put("fc", "BN-4K7Q");
    hash.put("fus", "[{\"at\":1733550001000,\"step\":\"referred\",\"role\":\"moderator\",\"agency\":\"so-gtvt\"}]");
    hash.put("ch", "paper");
    hash.put("area", "Phường 1");
    hash.put("spk", "Ông Ba");
    hash.put("now", "true");
    hash.put("spkPublic", "true");
    hash.put("topic", "traffic");
    hash.put("areaKey", "p1");
    hash.put("slip", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    hash.put("slipPublic", "true");
    hash.put("zz", "a field question_of does not name");
    return hash;
  }

  /** The question as an event carries it and as the view reads it, from the same hash. */
  private static void assertSameBothWays(Map<String, String> hash) {
    RedisCommands<String, String> sync = connection.sync();
    String key = "test:{" + UUID.randomUUID() + "}:q:7";
    sync.hset(key, hash);
    String eventForm = sync.eval(partsOfView() + "return cjson.encode(question_of(hash_table(KEYS[1])))",
        ScriptOutputType.VALUE, key);
    String viewForm = sync.eval("return cjson.encode(redis.call('HGETALL', KEYS[1]))", ScriptOutputType.VALUE, key);
    Question fromEvent = StoredEvents.question(new JsonObject(eventForm));
    Question fromView = StoredEvents.questionOfHash(new JsonArray(viewForm));
    assertEquals(fromEvent, fromView);
    assertNotNull(fromView.id());
  }

  /** lib.lua and lib_session.lua, as the view's script carries them (its own text left out). */
  private static String partsOfView() {
    String view = LuaScripts.source(LuaScripts.Script.VIEW);
    return view.substring(0, view.indexOf("local s = hash_table(KEYS[1])"));
  }

  @Test
  void everyFieldSet() {
    Map<String, String> hash = everyField();
    assertSameBothWays(hash);
    assertEquals(12, StoredEvents.questionOfHash(flat(hash)).votes());
    assertEquals("PAPER", StoredEvents.questionOfHash(flat(hash)).intake().channel().name());
  }

  @Test
  void onlyWhatAnAskWrites() {
    Map<String, String> hash = new LinkedHashMap<>();
    hash.put("id", "7");
    hash.put("text", "Khi nào?");
    hash.put("aid", "p-1");
    hash.put("status", "live");
    hash.put("createdAt", "1733550000123");
    hash.put("votes", "0");
    hash.put("vv", "0");
    assertSameBothWays(hash);
  }

  @Test
  void withoutCountsOrTimes() {
    Map<String, String> hash = everyField();
    hash.remove("votes");
    hash.remove("vv");
    hash.remove("createdAt");
    hash.remove("answerAt");
    assertSameBothWays(hash);
  }

  private static JsonArray flat(Map<String, String> hash) {
    JsonArray flat = new JsonArray();
    hash.forEach((field, value) -> flat.add(field).add(value));
    return flat;
  }
}

package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.TestRedis;

/**
 * {@code vote.lua} on its own, as the node runs it (its parts from {@link LuaScripts}): one upvote per participant
 * kept in the question's upvote zset with the time of the vote that stands, the count and the session's vote
 * version moving only on a change, the first answer to a ref repeated, and every refusal as the JSON the node reads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VoteScriptLuaTest {
  private static TestRedis redis;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;
  private static String voteLua;

  private String base;
  private RedisCommands<String, String> sync;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    client = RedisClient.create(redis.url());
    connection = client.connect();
    voteLua = LuaScripts.source(LuaScripts.Script.VOTE);
  }

  @AfterAll
  static void stop() {
    connection.close();
    client.shutdown();
    redis.close();
  }

  @BeforeEach
  void session() {
    sync = connection.sync();
    base = "test:{" + UUID.randomUUID() + "}:";
    sync.hset(base + "session", Map.of("id", "s", "status", "open", "vv", "0"));
    for (String id : new String[] {"1", "2"}) {
      sync.hset(base + "q:" + id, Map.of("id", id, "status", "live", "votes", "0", "vv", "0"));
    }
  }

  private JsonObject vote(String participant, String ref, String questionId, boolean up, int burst) {
    return vote(participant, ref, questionId, up, burst, 300);
  }

  private JsonObject vote(String participant, String ref, String questionId, boolean up, int burst, int perMinute) {
    String answer = sync.eval(voteLua, ScriptOutputType.VALUE,
        new String[] {base + "session", base + "ref:" + participant + ":" + ref, base + "banned",
            base + "bucket:vote:" + participant},
        base, participant, questionId, up ? "1" : "0", "60000", String.valueOf(burst), String.valueOf(perMinute));
    return new JsonObject(answer);
  }

  private JsonObject vote(String participant, String ref, String questionId, boolean up) {
    return vote(participant, ref, questionId, up, 60);
  }

  @Test
  void oneUpvotePerParticipantWithItsTimeAndTheVersionMovingOnlyOnAChange() {
    JsonObject first = vote("p1", "r1", "1", true);
    assertEquals(new JsonObject().put("ok", true).put("questionId", "1").put("votes", 1).put("voted", true)
        .put("version", 1).put("changed", true), first);
    Double cast = sync.zscore(base + "vt:1", "p1");
    assertNotNull(cast, "the upvote and its time are in the question's zset");

    JsonObject again = vote("p1", "r2", "1", true);
    assertEquals(1, again.getInteger("votes"));
    assertEquals(1L, again.getLong("version"));
    assertFalse(again.getBoolean("changed"));
    assertEquals(cast, sync.zscore(base + "vt:1", "p1"), "an upvote already standing keeps its time");

    assertEquals(2, vote("p2", "r1", "1", true).getInteger("votes"));
    assertEquals(1, vote("p2", "r2", "2", true).getInteger("votes"));
    JsonObject takenBack = vote("p1", "r3", "1", false);
    assertEquals(1, takenBack.getInteger("votes"));
    assertFalse(takenBack.getBoolean("voted"));
    assertTrue(takenBack.getBoolean("changed"));
    assertEquals(4L, takenBack.getLong("version"), "the session's vote version counts every change");
    assertNull(sync.zscore(base + "vt:1", "p1"));
    assertFalse(vote("p1", "r4", "1", false).getBoolean("changed"), "nothing to take back");

    assertEquals("1", sync.hget(base + "q:1", "votes"));
    assertEquals("4", sync.hget(base + "q:1", "vv"));
    assertEquals("4", sync.hget(base + "session", "vv"));
    assertEquals(1L, sync.zcard(base + "vt:1"));
  }

  @Test
  void aRepeatedRefAnswersTheFirstAnswerMarkedAsARepeat() {
    JsonObject first = vote("p1", "r1", "1", true);
    vote("p2", "r1", "1", true);
    JsonObject repeat = vote("p1", "r1", "1", true);
    assertTrue(repeat.getBoolean("duplicate"));
    repeat.remove("duplicate");
    assertEquals(first, repeat, "the stored first answer, not the count now");
    // even a take-back sent under an applied upvote's ref changes nothing
    assertTrue(vote("p1", "r1", "1", false).getBoolean("voted"));
    assertNotNull(sync.zscore(base + "vt:1", "p1"));
  }

  @Test
  void refusalsChangeNothing() {
    assertEquals("not_found", vote("p1", "a", "9", true).getString("err"));
    sync.hset(base + "q:2", "frozen", "true");
    assertEquals("conflict", vote("p1", "b", "2", true).getString("err"));
    assertEquals("conflict", vote("p1", "c", "2", false).getString("err"), "a frozen count does not move down");
    sync.hset(base + "q:1", "status", "pending");
    assertEquals("conflict", vote("p1", "d", "1", true).getString("err"));
    sync.sadd(base + "banned", "p3");
    assertEquals("forbidden", vote("p3", "e", "1", false).getString("err"));
    sync.hset(base + "session", "status", "closed");
    JsonObject closed = vote("p1", "f", "1", false);
    assertEquals("closed", closed.getString("err"));
    assertNotNull(closed.getString("msg"));
    sync.del(base + "session");
    assertEquals("not_found", vote("p1", "g", "1", false).getString("err"));
    assertEquals(0L, sync.exists(base + "vt:1", base + "vt:2"));
    assertEquals("0", sync.hget(base + "q:1", "votes"));
  }

  @Test
  void aTakeBackOnAQuestionNoLongerLiveIsAllowed() {
    vote("p1", "r1", "1", true);
    sync.hset(base + "q:1", "status", "answered");
    JsonObject back = vote("p1", "r2", "1", false);
    assertTrue(back.getBoolean("changed"));
    assertEquals(0, back.getInteger("votes"));
  }

  @Test
  void theVoteBucketIsOneNumberWhenItWouldBeFullAgainAndAnOlderFormReadsAsFull() {
    String bucket = base + "bucket:vote:p1";
    // a bucket as lib_bucket.lua keeps one, "<tokens>:<ms>", empty: the vote reads it as no bucket (full)
    sync.set(bucket, "0:" + Long.MAX_VALUE / 2);
    // one token a minute, two at most: an interval of 60 s, so no refill can come between these calls
    assertTrue(vote("p1", "r1", "1", true, 2, 1).getBoolean("ok"), "an older form is forgotten, not obeyed");
    long fullAt = Long.parseLong(sync.get(bucket));
    long ttl = sync.pttl(bucket);
    // full again two intervals after the first token was taken, kept a second longer
    assertTrue(ttl > 60_000 && ttl <= 121_000, "ttl " + ttl);
    assertTrue(vote("p1", "r2", "2", true, 2, 1).getBoolean("ok"));
    assertEquals(fullAt + 60_000, Long.parseLong(sync.get(bucket)), "each token taken moves it on by an interval");
    JsonObject limited = vote("p1", "r3", "1", false, 2, 1);
    assertEquals("rate_limited", limited.getString("err"));
    long retry = limited.getLong("retryAfterMs");
    assertTrue(retry > 0 && retry <= 60_000, "a token comes back within an interval: " + retry);
    assertEquals(fullAt + 60_000, Long.parseLong(sync.get(bucket)), "a refusal pushes the refill no further");
  }

  @Test
  void theVoteBucketRefusesWithRetryAfterAndAnEmptyBucketStillAnswersARepeatedRef() {
    JsonObject first = vote("p1", "r1", "1", true, 2);
    assertTrue(first.getBoolean("ok"));
    assertTrue(vote("p1", "r2", "2", true, 2).getBoolean("ok"));
    JsonObject limited = vote("p1", "r3", "1", false, 2);
    assertEquals("rate_limited", limited.getString("err"));
    assertTrue(limited.getLong("retryAfterMs") > 0);
    assertNotNull(sync.zscore(base + "vt:1", "p1"), "a refused take-back takes nothing back");
    assertTrue(vote("p1", "r1", "1", true, 2).getBoolean("duplicate"));
  }
}

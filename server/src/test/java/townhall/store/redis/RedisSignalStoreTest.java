package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.VoteSignals;
import townhall.metrics.Metrics;
import townhall.testing.Await;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;

/**
 * The vote signals' input is read in slices (questions by position, identities by HSCAN), and what the slices bring
 * together is every identity once and every standing upvote once, whatever the number of slices.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisSignalStoreTest {
  private static RedisProcess redis;
  private static Vertx vertx;
  private static RedisBackend backend;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  @BeforeAll
  static void start() {
    redis = RedisProcess.start();
    vertx = Vertx.vertx();
    Map<String, Object> settings = new HashMap<>(TestNodes.NO_RATE_LIMITS);
    settings.put("redis.keyPrefix", TestNodes.freshPrefix());
    TownhallConfig config = ConfigLoader.load(Map.of(), settings);
    backend = Await.result(RedisBackend.connect(vertx, redis.url(), config.redis(),
        new Metrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())), 20);
    client = RedisClient.create(redis.url());
    connection = client.connect();
  }

  @AfterAll
  static void stop() {
    connection.close();
    client.shutdown();
    Await.result(backend.close(), 10);
    Await.result(vertx.close(), 10);
    redis.close();
  }

  @Test
  void manySlicesBringEveryIdentityAndEveryStandingUpvoteExactlyOnce() {
    RedisKeys keys = backend.keys();
    String session = "sig-" + TestNodes.freshPrefix();
    RedisCommands<String, String> sync = connection.sync();
    sync.hset(keys.session(session), Map.of("id", session, "status", "open"));
    int questions = RedisSignalStore.QUESTIONS_PER_CALL * 2 + 37; // three question slices, the last one short
    int identities = RedisSignalStore.IDENTITIES_PER_CALL * 3 + 11; // several HSCAN steps
    Map<String, String> identityValues = new HashMap<>();
    for (int i = 0; i < identities; i++) {
      identityValues.put("p" + i, (1_000 + i) + ":addr" + (i % 97));
    }
    sync.hset(keys.identities(session), identityValues);
    Set<String> expectedVotes = new HashSet<>();
    for (int q = 1; q <= questions; q++) {
      String id = Integer.toString(q);
      sync.zadd(keys.questions(session), q, id);
      for (int v = 0; v < q % 5; v++) { // some questions without any upvote
        String voter = "p" + ((q * 7 + v) % identities);
        sync.zadd(keys.base(session) + "vt:" + id, 5_000 + q, voter);
        expectedVotes.add(id + "|" + voter + "|" + (5_000 + q));
      }
    }

    VoteSignals.Input input = Await.result(backend.signals().read(session), 30);

    assertEquals(identities, input.identities().size(), "every identity once");
    Set<String> seen = new HashSet<>();
    for (VoteSignals.Identity identity : input.identities()) {
      assertTrue(seen.add(identity.participantId()), "no identity twice: " + identity.participantId());
      String[] value = identityValues.get(identity.participantId()).split(":");
      assertEquals(Long.parseLong(value[0]), identity.createdAt());
      assertEquals(value[1], identity.addressHash());
    }
    Set<String> votes = new HashSet<>();
    for (VoteSignals.Vote vote : input.votes()) {
      assertTrue(votes.add(vote.questionId() + "|" + vote.participantId() + "|" + vote.at()), "no upvote twice");
    }
    assertEquals(expectedVotes, votes, "every standing upvote, with its time");
    assertTrue(input.now() > 0, "the store's clock");
  }

  @Test
  void aSessionThatDoesNotExistIsNotFound() {
    Throwable failed = assertThrows(Throwable.class,
        () -> Await.result(backend.signals().read("no-such-" + TestNodes.freshPrefix()), 10));
    Throwable cause = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
    assertTrue(cause instanceof DomainException domain && domain.code() == ErrorCode.NOT_FOUND,
        () -> "not_found, got " + cause);
  }
}

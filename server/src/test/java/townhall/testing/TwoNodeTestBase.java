package townhall.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import townhall.TownhallNode;

/**
 * Two nodes on one Redis with the same key prefix, started fresh for each test (a Redis for the class): what
 * happens on one must be seen on the other. {@code api} talks to node A.
 */
public abstract class TwoNodeTestBase {
  protected static TestRedis redis;
  protected TownhallNode nodeA;
  protected TownhallNode nodeB;
  protected Api api;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startNodes() {
    String prefix = TestNodes.freshPrefix();
    nodeA = TestNodes.start(redis, prefix);
    nodeB = TestNodes.start(redis, prefix);
    api = new Api(nodeA.port());
  }

  @AfterEach
  void stopNodes() {
    TestNodes.stop(nodeA);
    TestNodes.stop(nodeB);
  }
}

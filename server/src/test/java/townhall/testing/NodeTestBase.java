package townhall.testing;

import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.TownhallNode;

/**
 * The usual fixture: one real Redis per test class, one fresh node per test (with a key prefix of its own), and an
 * HTTP client for it. A class-level timeout keeps a stuck test from hanging the build.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class NodeTestBase {
  protected static TestRedis redis;
  protected TownhallNode node;
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
  void startNode() {
    node = TestNodes.start(redis, TestNodes.freshPrefix());
    api = Api.of(node);
  }

  @AfterEach
  void stopNode() {
    TestNodes.stop(node);
  }
}

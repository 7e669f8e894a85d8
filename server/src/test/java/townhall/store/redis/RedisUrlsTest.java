package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three URL forms become the right Lettuce URIs, and a cluster client gets the same safety options. */
class RedisUrlsTest {
  private static final Duration TIMEOUT = Duration.ofMillis(1500);

  @Test
  void clusterUrlBecomesOneSeedPerNodeEachWithTheCredentialsAndTheTimeout() {
    String url = "redis-cluster://app:s3cret@10.0.0.1:7000,10.0.0.2:7001, redis-3.example.org:7002/";
    assertTrue(RedisUrls.isCluster(url));

    List<RedisURI> seeds = RedisUrls.clusterSeeds(url, TIMEOUT);

    assertEquals(List.of("10.0.0.1:7000", "10.0.0.2:7001", "redis-3.example.org:7002"),
        seeds.stream().map(s -> s.getHost() + ":" + s.getPort()).toList());
    for (RedisURI seed : seeds) {
      RedisCredentials credentials = credentials(seed);
      assertEquals("app", credentials.getUsername());
      assertEquals("s3cret", new String(credentials.getPassword()));
      assertEquals(TIMEOUT, seed.getTimeout());
      assertTrue(seed.getSentinels().isEmpty());
    }
  }

  @Test
  void clusterUrlWithoutCredentialsHasNone() {
    RedisURI seed = RedisUrls.clusterSeeds("redis-cluster://127.0.0.1:7000", TIMEOUT).get(0);

    assertEquals(7000, seed.getPort());
    assertFalse(credentials(seed).hasPassword());
    assertFalse(credentials(seed).hasUsername());
  }

  private static RedisCredentials credentials(RedisURI uri) {
    return uri.getCredentialsProvider().resolveCredentials().block(Duration.ofSeconds(1));
  }

  @Test
  void sentinelUrlNamesThePrimaryAndEverySentinelGetsTheTimeout() {
    String url = "redis-sentinel://127.0.0.1:26379,127.0.0.1:26380/0#mymaster";
    assertFalse(RedisUrls.isCluster(url));

    RedisURI uri = RedisUrls.single(url, TIMEOUT);

    assertEquals("mymaster", uri.getSentinelMasterId());
    assertEquals(TIMEOUT, uri.getTimeout());
    assertEquals(List.of(26379, 26380), uri.getSentinels().stream().map(RedisURI::getPort).toList());
    uri.getSentinels().forEach(sentinel -> assertEquals(TIMEOUT, sentinel.getTimeout()));
  }

  @Test
  void plainUrlIsOneRedis() {
    RedisURI uri = RedisUrls.single("redis://127.0.0.1:6390/3", TIMEOUT);

    assertEquals(6390, uri.getPort());
    assertEquals(3, uri.getDatabase());
    assertTrue(uri.getSentinels().isEmpty());
  }

  @Test
  void clusterClientKeepsTimeoutRejectQueueAndKeepaliveAndRefreshesItsTopology() {
    ClientOptions single = RedisBackend.clientOptions(TIMEOUT);
    ClusterClientOptions cluster = RedisBackend.clusterOptions(TIMEOUT);

    assertEquals(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS, cluster.getDisconnectedBehavior());
    assertEquals(single.getDisconnectedBehavior(), cluster.getDisconnectedBehavior());
    assertEquals(100_000, cluster.getRequestQueueSize());
    assertTrue(cluster.isAutoReconnect());
    assertTrue(cluster.getTimeoutOptions().isTimeoutCommands());
    TimeoutOptions.TimeoutSource timeouts = cluster.getTimeoutOptions().getSource();
    assertEquals(TIMEOUT.toNanos(), timeouts.getTimeUnit().toNanos(timeouts.getTimeout(null)));
    assertTrue(cluster.getSocketOptions().isKeepAlive());
    assertEquals(TIMEOUT, cluster.getSocketOptions().getConnectTimeout());

    ClusterTopologyRefreshOptions refresh = cluster.getTopologyRefreshOptions();
    assertTrue(refresh.isPeriodicRefreshEnabled());
    assertEquals(RedisBackend.TOPOLOGY_REFRESH_PERIOD, refresh.getRefreshPeriod());
    assertEquals(EnumSet.allOf(ClusterTopologyRefreshOptions.RefreshTrigger.class),
        EnumSet.copyOf(refresh.getAdaptiveRefreshTriggers()));
    assertEquals(RedisBackend.ADAPTIVE_REFRESH_TIMEOUT, refresh.getAdaptiveRefreshTimeout());
  }
}

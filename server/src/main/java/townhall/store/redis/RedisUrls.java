package townhall.store.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The three forms of {@code redis.url} (checked for shape by {@code ConfigLoader} at start-up):
 * <ul>
 *   <li>one Redis: {@code redis://[[user:]password@]host:port[/db]} (or {@code rediss://} for TLS);</li>
 *   <li>Sentinel: {@code redis-sentinel://[password@]host:port[,host:port...][/db]#primaryName}, parsed by Lettuce;</li>
 *   <li>Cluster: {@code redis-cluster://[[user:]password@]host:port[,host:port...]}, a list of seed nodes (ours:
 *       Lettuce has no cluster URI); the credentials apply to every node.</li>
 * </ul>
 * Every URI gets the command timeout, the Sentinels' URIs included (Lettuce's default for them is 60 s, and a
 * reconnect asks a Sentinel for the primary).
 */
final class RedisUrls {
  static final String CLUSTER_SCHEME = "redis-cluster://";

  private RedisUrls() {
  }

  static boolean isCluster(String url) {
    return url.startsWith(CLUSTER_SCHEME);
  }

  /** A {@code redis://}, {@code rediss://} or {@code redis-sentinel://} URL. */
  static RedisURI single(String url, Duration timeout) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(timeout);
    uri.getSentinels().forEach(sentinel -> sentinel.setTimeout(timeout));
    return uri;
  }

  /** The seed nodes of a {@code redis-cluster://} URL. */
  static List<RedisURI> clusterSeeds(String url, Duration timeout) {
    String rest = url.substring(CLUSTER_SCHEME.length());
    int at = rest.lastIndexOf('@');
    String credentials = at < 0 ? "" : rest.substring(0, at + 1);
    String hosts = at < 0 ? rest : rest.substring(at + 1);
    if (hosts.endsWith("/")) {
      hosts = hosts.substring(0, hosts.length() - 1);
    }
    List<RedisURI> seeds = new ArrayList<>();
    for (String hostAndPort : hosts.split(",")) {
      RedisURI seed = RedisURI.create("redis://" + credentials + hostAndPort.trim());
      seed.setTimeout(timeout);
      seeds.add(seed);
    }
    return seeds;
  }
}

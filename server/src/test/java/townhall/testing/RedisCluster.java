package townhall.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of primaries only, started by the test itself: {@code size} {@link RedisProcess}es with
 * {@code --cluster-enabled yes} on free loopback ports, joined by {@code redis-cli --cluster create
 * --cluster-replicas 0}, ready once every node reports {@code cluster_state:ok}. {@link #close()} stops them all.
 */
public final class RedisCluster implements AutoCloseable {
  private static final long READY_SECONDS = 20;

  private final List<RedisProcess> nodes;

  private RedisCluster(List<RedisProcess> nodes) {
    this.nodes = nodes;
  }

  public static RedisCluster start(int size) {
    List<RedisProcess> nodes = new ArrayList<>();
    RedisCluster cluster = new RedisCluster(nodes);
    try {
      for (int i = 0; i < size; i++) {
        nodes.add(RedisProcess.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", "2000"));
      }
      List<String> create = new ArrayList<>(List.of("--cluster", "create"));
      nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      String out = nodes.get(0).cli(create.toArray(String[]::new));
      if (!out.contains("All 16384 slots covered")) {
        throw new AssertionError("redis-cli --cluster create failed: " + out);
      }
      Await.until(() -> nodes.stream().allMatch(n -> n.cli("CLUSTER", "INFO").contains("cluster_state:ok")),
          READY_SECONDS, "every node reports cluster_state:ok");
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** The {@code redis-cluster://} URL listing every node as a seed. */
  public String url() {
    return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  public List<RedisProcess> nodes() {
    return nodes;
  }

  /** {@code CLUSTER KEYSLOT key}. */
  public int keySlot(String key) {
    return Integer.parseInt(nodes.get(0).cli("CLUSTER", "KEYSLOT", key));
  }

  /** The keys starting with {@code prefix} held by each node ({@code SCAN} on each), by the node's port. */
  public Map<Integer, List<String>> keysByNode(String prefix) {
    Map<Integer, List<String>> keys = new LinkedHashMap<>();
    for (RedisProcess node : nodes) {
      keys.put(node.port(), node.cli("--scan", "--pattern", prefix + "*").lines().filter(l -> !l.isBlank())
          .toList());
    }
    return keys;
  }

  /** The node that holds {@code key} ({@code EXISTS} answers 1 there; other nodes redirect or answer 0). */
  public RedisProcess holderOf(String key) {
    return nodes.stream().filter(n -> n.cli("EXISTS", key).equals("1")).findFirst()
        .orElseThrow(() -> new AssertionError("No node holds " + key));
  }

  /** How many clients of the node it asks are subscribed to {@code channel} (pub/sub state is per node). */
  public static int localSubscribers(RedisProcess node, String channel) {
    String[] lines = node.cli("PUBSUB", "NUMSUB", channel).split("\n");
    return Integer.parseInt(lines[lines.length - 1].trim());
  }

  @Override
  public void close() {
    nodes.forEach(RedisProcess::close);
  }
}

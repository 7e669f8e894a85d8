package townhall.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of primaries only, started by the test itself: {@code size} {@link RedisProcess}es with
 * {@code --cluster-enabled yes} on free loopback ports, the 16384 slots split into even ranges as
 * {@code redis-cli --cluster create --cluster-replicas 0} would ({@code CLUSTER ADDSLOTSRANGE} on each node, then
 * {@code CLUSTER MEET}, so no {@code redis-cli} is needed), ready once every node reports {@code cluster_state:ok}.
 * {@link #close()} stops them all.
 */
public final class RedisCluster implements AutoCloseable {
  private static final long READY_SECONDS = 20;
  private static final int SLOTS = 16384;

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
      for (int i = 0; i < size; i++) {
        String first = String.valueOf(SLOTS * i / size);
        String last = String.valueOf(SLOTS * (i + 1) / size - 1);
        expectOk(nodes.get(i), "CLUSTER", "SET-CONFIG-EPOCH", String.valueOf(i + 1)); // distinct, as --cluster create
        expectOk(nodes.get(i), "CLUSTER", "ADDSLOTSRANGE", first, last);
      }
      for (RedisProcess node : nodes.subList(1, size)) {
        expectOk(node, "CLUSTER", "MEET", "127.0.0.1", String.valueOf(nodes.get(0).port()));
      }
      Await.until(() -> nodes.stream().allMatch(n -> n.cli("CLUSTER", "INFO").contains("cluster_state:ok")),
          READY_SECONDS, "every node reports cluster_state:ok");
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private static void expectOk(RedisProcess node, String... command) {
    String answer = node.cli(command);
    if (!"OK".equals(answer)) {
      throw new AssertionError(String.join(" ", command) + " on port " + node.port() + " answered " + answer);
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
      keys.put(node.port(), scan(node, prefix + "*"));
    }
    return keys;
  }

  /** Every key of {@code node} matching {@code pattern}, by {@code SCAN} until the cursor comes back to 0. */
  private static List<String> scan(RedisProcess node, String pattern) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      List<String> lines = node.cli("SCAN", cursor, "MATCH", pattern, "COUNT", "1000").lines().toList();
      cursor = lines.get(0).trim();
      lines.stream().skip(1).filter(line -> !line.isBlank()).forEach(keys::add);
    } while (!"0".equals(cursor));
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

package townhall.store.redis;

import io.lettuce.core.Delegating;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.DefaultEndpoint;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Makes a {@code redis-sentinel://} node follow a failover at once, and keeps it from writing to a primary that is
 * being replaced.
 *
 * <p>Lettuce asks a Sentinel for the primary whenever a connection (re)connects, but a connection that stays open
 * stays on the old primary. After a graceful {@code SENTINEL FAILOVER} the old primary is alive and keeps
 * accepting writes, which it throws away when Sentinel turns it into a replica (about ten seconds later, with its
 * {@code +convert-to-slave}); until then a subscriber on it hears nothing that is published on the new one. So this
 * watch listens to every Sentinel:
 * <ul>
 *   <li>from a Sentinel's {@code +try-failover} of our primary until its {@code +switch-master} (or its
 *       {@code -failover-abort-*}, or {@link #LONGEST_FAILOVER}) {@link #failingOver()} is true, and
 *       {@link RedisCalls} refuses commands with {@code unavailable} (clients retry with the same ref): nothing
 *       is written to the old primary once its replica may have been promoted;</li>
 *   <li>on {@code +switch-master} of our primary it drops the socket of each connection it follows: Lettuce
 *       reconnects it to the primary the Sentinels now name and re-subscribes its channels.</li>
 * </ul>
 * A Sentinel that cannot be reached at start-up is not watched (a warning says so).
 *
 * <p>Listener calls run on Lettuce threads and touch no Vert.x state.
 */
final class SentinelWatch {
  /** The longest a failover may keep commands refused, should its end never be announced. */
  static final Duration LONGEST_FAILOVER = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(SentinelWatch.class.getName());
  private static final String TRY_FAILOVER = "+try-failover";
  private static final String SWITCH_MASTER = "+switch-master";
  private static final String FAILOVER_ABORT = "-failover-abort-*";

  private final List<StatefulRedisPubSubConnection<String, String>> sentinels;
  /** Sentinel address → {@link System#nanoTime()} until which its failover refuses commands. */
  private final ConcurrentHashMap<String, Long> failovers;

  private SentinelWatch(List<StatefulRedisPubSubConnection<String, String>> sentinels,
      ConcurrentHashMap<String, Long> failovers) {
    this.sentinels = sentinels;
    this.failovers = failovers;
  }

  /** Subscribes on every Sentinel of {@code uri}; never fails (an unreachable Sentinel is logged and skipped). */
  static Future<SentinelWatch> start(RedisClient client, RedisURI uri, List<StatefulConnection<?, ?>> followers,
      Context context) {
    String primary = uri.getSentinelMasterId();
    ConcurrentHashMap<String, Long> failovers = new ConcurrentHashMap<>();
    List<Future<StatefulRedisPubSubConnection<String, String>>> subscriptions = uri.getSentinels().stream()
        .map(sentinel -> watch(client, sentinel, new Listener(sentinel.getHost() + ":" + sentinel.getPort(),
                primary, followers, failovers), context)
            .onFailure(e -> LOG.warning(() -> "Sentinel " + sentinel.getHost() + ":" + sentinel.getPort()
                + " cannot be watched, failovers it runs are followed late: " + e.getMessage())))
        .toList();
    return Future.join(subscriptions).transform(ignored -> {
      List<StatefulRedisPubSubConnection<String, String>> watching = subscriptions.stream()
          .filter(Future::succeeded).map(Future::result).toList();
      if (watching.isEmpty()) {
        LOG.warning("No Sentinel is watched: after a failover this node stays on the old primary until Sentinel"
            + " demotes it");
      }
      return Future.succeededFuture(new SentinelWatch(watching, failovers));
    });
  }

  private static Future<StatefulRedisPubSubConnection<String, String>> watch(RedisClient client, RedisURI sentinel,
      Listener listener, Context context) {
    return Future.fromCompletionStage(client.connectPubSubAsync(StringCodec.UTF8, sentinel), context)
        .compose(connection -> {
          connection.addListener(listener);
          return Future.fromCompletionStage(connection.async().subscribe(TRY_FAILOVER, SWITCH_MASTER), context)
              .compose(ignored -> Future.fromCompletionStage(connection.async().psubscribe(FAILOVER_ABORT), context))
              .map(connection)
              .recover(e -> Future.fromCompletionStage(connection.closeAsync(), context)
                  .transform(closed -> Future.failedFuture(e)));
        });
  }

  /** Whether a Sentinel is failing our primary over now: commands are refused meanwhile. */
  boolean failingOver() {
    if (failovers.isEmpty()) {
      return false;
    }
    long now = System.nanoTime();
    failovers.values().removeIf(until -> until - now <= 0);
    return !failovers.isEmpty();
  }

  /** The events of one Sentinel. */
  private static final class Listener extends RedisPubSubAdapter<String, String> {
    private final String sentinel;
    private final String primary;
    private final List<StatefulConnection<?, ?>> followers;
    private final ConcurrentHashMap<String, Long> failovers;

    Listener(String sentinel, String primary, List<StatefulConnection<?, ?>> followers,
        ConcurrentHashMap<String, Long> failovers) {
      this.sentinel = sentinel;
      this.primary = primary;
      this.followers = followers;
      this.failovers = failovers;
    }

    @Override
    public void message(String channel, String message) {
      if (TRY_FAILOVER.equals(channel) && message.startsWith("master " + primary + " ")) {
        // "master <name> <ip> <port>"
        failovers.put(sentinel, System.nanoTime() + LONGEST_FAILOVER.toNanos());
        LOG.warning(() -> "Sentinel " + sentinel + " is failing over " + message + "; Redis calls wait for it");
      } else if (SWITCH_MASTER.equals(channel) && message.startsWith(primary + " ")) {
        // "<name> <old ip> <old port> <new ip> <new port>"
        LOG.warning(() -> "Sentinel " + sentinel + " moved the primary (" + message + "); reconnecting to it");
        followers.forEach(Listener::dropSocket);
        failovers.clear();
      }
    }

    @Override
    public void message(String pattern, String channel, String message) {
      if (message.startsWith("master " + primary + " ") && failovers.remove(sentinel) != null) {
        LOG.warning(() -> "Sentinel " + sentinel + " gave up its failover (" + channel + ")");
      }
    }

    /**
     * Closes the connection's socket but not the connection: Lettuce's watchdog reconnects it, looking the primary
     * up again. There is no public call for this; the endpoint under the timeout writer has one.
     */
    private static void dropSocket(StatefulConnection<?, ?> connection) {
      RedisChannelWriter writer = ((RedisChannelHandler<?, ?>) connection).getChannelWriter();
      while (writer instanceof Delegating<?> delegating
          && delegating.getDelegate() instanceof RedisChannelWriter inner) {
        writer = inner;
      }
      if (writer instanceof DefaultEndpoint endpoint) {
        endpoint.disconnect();
      } else {
        String type = writer.getClass().getName();
        LOG.warning(() -> "Cannot drop the socket of a " + type + "; it follows the new primary late");
      }
    }
  }

  Future<Void> close(Context context) {
    return Future.join(sentinels.stream().map(c -> Future.fromCompletionStage(c.closeAsync(), context)).toList())
        .transform(ignored -> Future.succeededFuture());
  }
}

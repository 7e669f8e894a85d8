package townhall.store.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ConnectionIntent;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import townhall.config.TownhallConfig;
import townhall.store.StoreObserver;

/**
 * One Lettuce client per process with two connections: commands (pipelined, shared by everything) and pub/sub.
 * Configured so nothing hangs: a command timeout, commands rejected at once while disconnected, a bounded request
 * queue, TCP keepalive, automatic reconnects.
 *
 * <p>One Redis, a Sentinel-managed primary and a Redis Cluster are all served by the same stores (see
 * {@link RedisUrls} for the URL of each): they take {@link RedisClusterAsyncCommands}, which both Lettuce's
 * standalone and its cluster commands implement. On a cluster every script runs on the node that owns the
 * session's hash slot, and a PUBLISH on any node reaches subscribers on every node. With Sentinel, a
 * {@link SentinelWatch} moves both connections to a new primary as soon as the Sentinels announce it, and refuses
 * commands while they fail the primary over.
 */
public final class RedisBackend {
  /** How often a cluster client re-reads the slot map even when nothing hinted at a change. */
  static final Duration TOPOLOGY_REFRESH_PERIOD = Duration.ofSeconds(30);
  /** At most one refresh per this long on MOVED/ASK redirects, reconnects and unknown nodes. */
  static final Duration ADAPTIVE_REFRESH_TIMEOUT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final ClientResources resources;
  private final Connections connections;
  private final RedisKeys keys;
  private final RedisCalls calls;
  private final LuaScripts scripts;

  /** What {@link #connect} opened, whatever the topology; {@code watch} only for Sentinel. */
  private record Connections(AbstractRedisClient client, StatefulConnection<String, String> commandConnection,
      RedisClusterAsyncCommands<String, String> commands, StatefulRedisPubSubConnection<String, String> pubSub,
      SentinelWatch watch) {
  }

  private RedisBackend(Vertx vertx, ClientResources resources, Connections connections, RedisKeys keys,
      StoreObserver observer) {
    this.vertx = vertx;
    this.resources = resources;
    this.connections = connections;
    this.keys = keys;
    SentinelWatch watch = connections.watch();
    this.calls = watch == null ? new RedisCalls(vertx, observer) : new RedisCalls(vertx, observer, watch::failingOver);
    this.scripts = new LuaScripts(connections.commands(), calls);
  }

  /** Connects both connections, telling {@code observer} of every call; fails if Redis cannot be reached now. */
  public static Future<RedisBackend> connect(Vertx vertx, String url, TownhallConfig.Redis config,
      StoreObserver observer) {
    // reconnect attempts at most a second apart (with jitter), so a node is back within about a second of Redis
    // whatever the outage lasted; Lettuce's default doubles up to 30 s
    ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
        .reconnectDelay(Delay.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    var context = vertx.getOrCreateContext();
    Duration timeout = config.commandTimeout();
    Future<Connections> connections;
    try {
      connections = RedisUrls.isCluster(url)
          ? connectCluster(resources, RedisUrls.clusterSeeds(url, timeout), timeout, context)
          : connectSingle(resources, RedisUrls.single(url, timeout), timeout, context);
    } catch (RuntimeException e) {
      connections = Future.failedFuture(e); // a URL Lettuce cannot parse
    }
    return connections.map(c -> new RedisBackend(vertx, resources, c, new RedisKeys(config.keyPrefix()), observer))
        .recover(failure -> shutdown(resources).transform(ignored -> Future.failedFuture(failure)));
  }

  /** One Redis, or the primary that the Sentinels of a {@code redis-sentinel://} URI name. */
  private static Future<Connections> connectSingle(ClientResources resources, RedisURI uri, Duration timeout,
      Context context) {
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(clientOptions(timeout));
    return Future.fromCompletionStage(client.connectAsync(StringCodec.UTF8, uri), context)
        .compose(commands -> Future.fromCompletionStage(client.connectPubSubAsync(StringCodec.UTF8, uri), context)
            .compose(pubSub -> (uri.getSentinels().isEmpty() ? Future.<SentinelWatch>succeededFuture(null)
                    : SentinelWatch.start(client, uri, List.of(commands, pubSub), context))
                .map(watch -> new Connections(client, commands, commands.async(), pubSub, watch))))
        .recover(failure -> Future.fromCompletionStage(client.shutdownAsync(), context)
            .transform(ignored -> Future.failedFuture(failure)));
  }

  private static Future<Connections> connectCluster(ClientResources resources, List<RedisURI> seeds,
      Duration timeout, Context context) {
    RedisClusterClient client = RedisClusterClient.create(resources, seeds);
    client.setOptions(clusterOptions(timeout));
    // connectAsync needs the slot map already loaded (Lettuce loads it by itself only in the blocking connect)
    return Future.fromCompletionStage(client.refreshPartitionsAsync(), context)
        .compose(loaded -> Future.fromCompletionStage(client.connectAsync(StringCodec.UTF8), context))
        .compose(commands -> connectToEveryPrimary(client, commands, context).map(commands))
        .compose(commands -> Future.fromCompletionStage(client.connectPubSubAsync(StringCodec.UTF8), context)
            .map(pubSub -> new Connections(client, commands, commands.async(), pubSub, null)))
        .recover(failure -> Future.fromCompletionStage(client.shutdownAsync(), context)
            .transform(ignored -> Future.failedFuture(failure)));
  }

  /**
   * Opens the connection to every primary now. With REJECT_COMMANDS Lettuce refuses a command whose node
   * connection is still being opened, so the first command to each node would otherwise fail (a node that joins
   * later costs one {@code unavailable} answer, which the client retries).
   */
  private static Future<Void> connectToEveryPrimary(RedisClusterClient client,
      StatefulRedisClusterConnection<String, String> commands, Context context) {
    return Future.all(client.getPartitions().stream().filter(node -> node.getRole().isUpstream())
            .map(node -> Future.fromCompletionStage(commands.getConnectionAsync(node.getUri().getHost(),
                node.getUri().getPort(), ConnectionIntent.WRITE), context))
            .toList())
        .mapEmpty();
  }

  static ClientOptions clientOptions(Duration commandTimeout) {
    return ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(100_000)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
        .build();
  }

  /** {@link #clientOptions} plus the cluster's topology refresh: periodic, and on every adaptive trigger. */
  static ClusterClientOptions clusterOptions(Duration commandTimeout) {
    return ClusterClientOptions.builder(clientOptions(commandTimeout))
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enablePeriodicRefresh(TOPOLOGY_REFRESH_PERIOD)
            .enableAllAdaptiveRefreshTriggers()
            .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_TIMEOUT)
            .build())
        .build();
  }

  public RedisSessionStore sessions(Clock clock) {
    return new RedisSessionStore(connections.commands(), calls, scripts, keys, clock);
  }

  public RedisRecordStore records() {
    return new RedisRecordStore(connections.commands(), calls, scripts, keys);
  }

  public RedisLeases leases() {
    return new RedisLeases(connections.commands(), calls, scripts, keys);
  }

  public RedisDialogueStore dialogue(TownhallConfig.Limits limits, TownhallConfig.RateLimits rates) {
    return new RedisDialogueStore(connections.commands(), calls, scripts, keys, limits, rates);
  }

  public RedisPollStore polls(TownhallConfig.Limits limits, TownhallConfig.RateLimits rates) {
    return new RedisPollStore(scripts, keys, limits, rates);
  }

  public RedisRateLimiter rateLimiter() {
    return new RedisRateLimiter(scripts, keys);
  }

  public RedisModerationStore moderation(TownhallConfig.Limits limits) {
    return new RedisModerationStore(scripts, keys, limits);
  }

  public RedisFollowCodeStore followCodes() {
    return new RedisFollowCodeStore(connections.commands(), calls, keys);
  }

  public RedisSlipMarks slipMarks(TownhallConfig.Limits limits) {
    return new RedisSlipMarks(scripts, keys, limits);
  }

  public RedisClassifyStore classify(TownhallConfig.Limits limits) {
    return new RedisClassifyStore(scripts, keys, limits);
  }

  public RedisCarryOverStore carryOver(TownhallConfig.Limits limits) {
    return new RedisCarryOverStore(connections.commands(), calls, scripts, keys, limits);
  }

  public RedisFollowUpStore followUps(TownhallConfig.Limits limits) {
    return new RedisFollowUpStore(connections.commands(), calls, scripts, keys, limits);
  }

  public RedisStreamSettingsStore streamSettings() {
    return new RedisStreamSettingsStore(connections.commands(), calls, scripts, keys);
  }

  public RedisRatingStore ratings(TownhallConfig.Limits limits) {
    return new RedisRatingStore(scripts, keys, limits);
  }

  public RedisSignalStore signals() {
    return new RedisSignalStore(scripts, keys);
  }

  public RedisEventLog eventLog(int logLength) {
    return new RedisEventLog(scripts, keys, logLength);
  }

  public RedisPresenceStore presence() {
    return new RedisPresenceStore(scripts, keys);
  }

  public RedisLegacySecrets legacySecrets() {
    return new RedisLegacySecrets(connections.commands(), calls, keys);
  }

  public RedisStoreHealth health() {
    return new RedisStoreHealth(connections.commands(), calls);
  }

  public RedisKeys keys() {
    return keys;
  }

  public RedisCalls calls() {
    return calls;
  }

  /** The commands of the command connection (standalone or cluster). */
  public RedisClusterAsyncCommands<String, String> commands() {
    return connections.commands();
  }

  public StatefulRedisPubSubConnection<String, String> pubSubConnection() {
    return connections.pubSub();
  }

  /** Closes the Sentinel watch, both connections and the client without blocking an event loop. */
  public Future<Void> close() {
    var context = vertx.getOrCreateContext();
    SentinelWatch watch = connections.watch();
    return (watch == null ? Future.<Void>succeededFuture() : watch.close(context))
        .transform(ignored -> Future.fromCompletionStage(connections.pubSub().closeAsync(), context))
        .transform(ignored -> Future.fromCompletionStage(connections.commandConnection().closeAsync(), context))
        .transform(ignored -> Future.fromCompletionStage(connections.client().shutdownAsync(), context))
        .transform(ignored -> shutdown(resources));
  }

  private static Future<Void> shutdown(ClientResources resources) {
    Promise<Void> done = Promise.promise();
    resources.shutdown().addListener(f -> done.complete());
    return done.future();
  }
}

package townhall.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import townhall.config.TownhallConfig;
import townhall.store.StoreObserver;

/**
 * One Lettuce client per process with two connections: commands (pipelined, shared by everything) and pub/sub.
 * Configured so nothing hangs: a command timeout, commands rejected at once while disconnected, a bounded request
 * queue, TCP keepalive, automatic reconnects.
 */
public final class RedisBackend {
  private final Vertx vertx;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> commands;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final RedisKeys keys;
  private final RedisCalls calls;
  private final LuaScripts scripts;

  private RedisBackend(Vertx vertx, ClientResources resources, RedisClient client,
      StatefulRedisConnection<String, String> commands, StatefulRedisPubSubConnection<String, String> pubSub,
      RedisKeys keys, StoreObserver observer) {
    this.vertx = vertx;
    this.resources = resources;
    this.client = client;
    this.commands = commands;
    this.pubSub = pubSub;
    this.keys = keys;
    this.calls = new RedisCalls(vertx, observer);
    this.scripts = new LuaScripts(commands.async(), calls);
  }

  /** Connects both connections, telling {@code observer} of every call; fails if Redis cannot be reached now. */
  public static Future<RedisBackend> connect(Vertx vertx, String url, TownhallConfig.Redis config,
      StoreObserver observer) {
    // reconnect attempts at most a second apart (with jitter), so a node is back within about a second of Redis
    // whatever the outage lasted; Lettuce's default doubles up to 30 s
    ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
        .reconnectDelay(Delay.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(config.commandTimeout());
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(clientOptions(config.commandTimeout()));
    var context = vertx.getOrCreateContext();
    Future<StatefulRedisConnection<String, String>> commands =
        Future.fromCompletionStage(client.connectAsync(StringCodec.UTF8, uri), context);
    return commands.compose(c -> Future.fromCompletionStage(client.connectPubSubAsync(StringCodec.UTF8, uri), context)
            .map(p -> new RedisBackend(vertx, resources, client, c, p, new RedisKeys(config.keyPrefix()), observer)))
        .recover(failure -> Future.fromCompletionStage(client.shutdownAsync(), context)
            .transform(ignored -> shutdown(resources))
            .transform(ignored -> Future.failedFuture(failure)));
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

  public RedisSessionStore sessions() {
    return new RedisSessionStore(commands.async(), calls, scripts, keys);
  }

  public RedisDialogueStore dialogue(TownhallConfig.Limits limits) {
    return new RedisDialogueStore(commands.async(), calls, scripts, keys, limits);
  }

  public RedisModerationStore moderation(TownhallConfig.Limits limits) {
    return new RedisModerationStore(scripts, keys, limits);
  }

  public RedisEventLog eventLog(int logLength) {
    return new RedisEventLog(scripts, keys, logLength);
  }

  public RedisPresenceStore presence() {
    return new RedisPresenceStore(scripts, keys);
  }

  public RedisSecretStore secrets() {
    return new RedisSecretStore(commands.async(), calls, keys);
  }

  public RedisStoreHealth health() {
    return new RedisStoreHealth(commands.async(), calls);
  }

  public RedisKeys keys() {
    return keys;
  }

  public RedisCalls calls() {
    return calls;
  }

  public StatefulRedisConnection<String, String> commandConnection() {
    return commands;
  }

  public StatefulRedisPubSubConnection<String, String> pubSubConnection() {
    return pubSub;
  }

  /** Closes both connections and the client without blocking an event loop. */
  public Future<Void> close() {
    var context = vertx.getOrCreateContext();
    return Future.fromCompletionStage(pubSub.closeAsync(), context)
        .transform(ignored -> Future.fromCompletionStage(commands.closeAsync(), context))
        .transform(ignored -> Future.fromCompletionStage(client.shutdownAsync(), context))
        .transform(ignored -> shutdown(resources));
  }

  private static Future<Void> shutdown(ClientResources resources) {
    Promise<Void> done = Promise.promise();
    resources.shutdown().addListener(f -> done.complete());
    return done.future();
  }
}

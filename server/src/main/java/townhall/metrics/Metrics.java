package townhall.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import townhall.domain.ErrorCode;
import townhall.protocol.ClientType;
import townhall.protocol.ServerType;
import townhall.store.StoreObserver;

/**
 * Townhall's own Prometheus metrics ({@code townhall_*}, described in docs/operations-metrics.md); safe to call from
 * any thread. Labelled series with a known, small set of values are registered up front, so a rate over them is
 * defined from the first scrape.
 */
public final class Metrics implements StoreObserver {
  /** Bucket bounds of the Redis latency histogram: loopback answers in well under a millisecond. */
  private static final Duration[] REDIS_BUCKETS = {
      Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(5)};

  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private final Map<ClientType, Counter> messagesIn = new EnumMap<>(ClientType.class);
  private final Counter invalidIn;
  private final Map<ServerType, Counter> messagesOut = new EnumMap<>(ServerType.class);
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
  private final Counter broadcasts;
  private final Counter votesAnnounced;
  private final Counter votePublishes;
  private final Counter voteFlushes;
  private final Counter slowCloses;
  private final Map<String, Timer> redisCommands = new ConcurrentHashMap<>();
  private final Map<Failure, Counter> redisErrors = new EnumMap<>(Failure.class);

  public Metrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("townhall_connections", connections, AtomicInteger::get)
        .description("WebSocket connections open on this node").register(registry);
    for (ClientType type : ClientType.values()) {
      messagesIn.put(type, messagesIn(type.wireName()));
    }
    this.invalidIn = messagesIn("invalid");
    for (ServerType type : ServerType.values()) {
      messagesOut.put(type, Counter.builder("townhall_messages_out").tag("type", type.wireName())
          .description("Messages written to sockets, by type; a broadcast to n sockets counts n")
          .register(registry));
    }
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(code, Counter.builder("townhall_errors").tag("code", code.wireName())
          .description("Error messages answered to WebSocket clients, by code").register(registry));
    }
    this.broadcasts = Counter.builder("townhall_broadcasts")
        .description("Logged events a room delivered to its sockets, each encoded once").register(registry);
    this.votesAnnounced = Counter.builder("townhall_votes_announced")
        .description("Vote counts this node's votes produced, handed to the coalescing announcer").register(registry);
    this.votePublishes = Counter.builder("townhall_vote_publishes")
        .description("Coalesced vote-count messages this node published to a session's channel (at most four per "
            + "session per tick)").register(registry);
    this.voteFlushes = Counter.builder("townhall_vote_flushes")
        .description("Coalesced votes frames rooms sent to their sockets (at most one per room per tick)")
        .register(registry);
    this.slowCloses = Counter.builder("townhall_slow_client_closes")
        .description("Sockets closed with 4408 because their write queue was full").register(registry);
    for (Failure failure : Failure.values()) {
      redisErrors.put(failure, Counter.builder("townhall_redis_errors").tag("kind", kindName(failure))
          .description("Redis calls that failed, by kind: timeout, disconnected, oom, other").register(registry));
    }
  }

  private Counter messagesIn(String type) {
    return Counter.builder("townhall_messages_in").tag("type", type)
        .description("Client messages received, by type ('invalid': not decodable)").register(registry);
  }

  private static String kindName(Failure failure) {
    return switch (failure) {
      case TIMEOUT -> "timeout";
      case DISCONNECTED -> "disconnected";
      case OUT_OF_MEMORY -> "oom";
      case OTHER -> "other";
    };
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public void messageIn(ClientType type) {
    messagesIn.get(type).increment();
  }

  /** A frame that did not decode to a client message. */
  public void invalidMessageIn() {
    invalidIn.increment();
  }

  public void messagesOut(ServerType type, int count) {
    if (count > 0) {
      messagesOut.get(type).increment(count);
    }
  }

  public void error(ErrorCode code) {
    errors.get(code).increment();
  }

  public void broadcast() {
    broadcasts.increment();
  }

  public void voteAnnounced() {
    votesAnnounced.increment();
  }

  public void votesPublished() {
    votePublishes.increment();
  }

  public void voteFlush() {
    voteFlushes.increment();
  }

  public void slowClose() {
    slowCloses.increment();
  }

  @Override
  public void succeeded(String operation, long nanos) {
    redisTimer(operation).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void failed(String operation, long nanos, Failure failure) {
    redisTimer(operation).record(nanos, TimeUnit.NANOSECONDS);
    redisErrors.get(failure).increment();
  }

  private Timer redisTimer(String operation) {
    return redisCommands.computeIfAbsent(operation, op -> Timer.builder("townhall_redis_command")
        .tag("operation", op)
        .description("Redis round trips by operation (a Lua script's name or a command's), failures included")
        // a histogram (quantiles in PromQL, summed over nodes); the Prometheus registry drops client-side
        // percentiles when a histogram is published
        .serviceLevelObjectives(REDIS_BUCKETS)
        .register(registry));
  }
}

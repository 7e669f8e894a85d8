package townhall.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Townhall's own Prometheus metrics ({@code townhall_*}); safe to call from any thread. */
public final class Metrics {
  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private final Counter framesOut;
  private final Counter broadcasts;
  private final Counter voteFlushes;
  private final Counter slowCloses;
  private final Map<String, Counter> messagesIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();

  public Metrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("townhall_connections", connections);
    this.framesOut = Counter.builder("townhall_frames_out").description("Frames written to sockets")
        .register(registry);
    this.broadcasts = Counter.builder("townhall_broadcasts").description("Events encoded once and fanned out")
        .register(registry);
    this.voteFlushes = Counter.builder("townhall_vote_flushes")
        .description("Coalesced votes frames sent to a session's sockets").register(registry);
    this.slowCloses = Counter.builder("townhall_slow_client_closes")
        .description("Sockets closed because they could not keep up").register(registry);
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public void messageIn(String type) {
    messagesIn.computeIfAbsent(type, t -> Counter.builder("townhall_messages_in").tag("type", t)
        .description("Client messages received").register(registry)).increment();
  }

  public void error(String code) {
    errors.computeIfAbsent(code, c -> Counter.builder("townhall_errors").tag("code", c)
        .description("Errors answered to clients").register(registry)).increment();
  }

  public void framesOut(int count) {
    framesOut.increment(count);
  }

  public void broadcast() {
    broadcasts.increment();
  }

  public void voteFlush() {
    voteFlushes.increment();
  }

  public void slowClose() {
    slowCloses.increment();
  }
}

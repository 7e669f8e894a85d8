package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import townhall.testing.Await;

/**
 * The server's own cost of delivering one broadcast frame to one socket, on real loopback sockets: CPU time and
 * bytes allocated by the server's event-loop threads per delivered frame, for the write paths Townhall had and has.
 * Thread CPU time counts only the time those threads ran, so a busy machine skews it less than a wall clock; the
 * allocation figure does not depend on the machine at all. A benchmark, run by hand (docs/performance.md):
 *
 * <pre>
 * mvn -B -ntp -pl server -am test -Dtest=FanoutWriteBenchmarkTest -Dtownhall.excludedGroups=none \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("benchmark")
class FanoutWriteBenchmarkTest {
  private static final int SOCKETS = 500;
  private static final int WARM_UP_ROUNDS = 400;
  private static final int ROUNDS = 600;
  private static final int REPEATS = 3;
  /** About the size of a votes frame at 200 votes/s and a 100 ms tick. */
  private static final Buffer PAYLOAD = Buffer.buffer("{\"type\":\"votes\",\"counts\":{"
      + "\"q-8fJ2kQ\":131,\"q-Zp01Lx\":87,\"q-a81LpQ\":44,\"q-7GhT2w\":12,\"q-P0oKx1\":301},\"versions\":{"
      + "\"q-8fJ2kQ\":90412,\"q-Zp01Lx\":90417,\"q-a81LpQ\":90409,\"q-7GhT2w\":90420,\"q-P0oKx1\":90421}}");

  /** How a broadcast reaches one socket. */
  private enum Path {
    /** Before: Vert.x's writeFrame per socket, the chunked writer still in the pipeline. */
    WRITE_FRAME_WITH_CHUNKED_WRITER,
    /** The floor's path: Vert.x's writeFrame per socket, no chunked writer. */
    WRITE_FRAME,
    /** Now: the frame's wire bytes made once per event loop, written straight to each channel. */
    WIRE_FRAMES
  }

  @Test
  void costPerDeliveredFrame() throws Exception {
    Map<Path, List<double[]>> results = new HashMap<>();
    for (int repeat = 0; repeat < REPEATS; repeat++) {
      for (Path path : Path.values()) {
        results.computeIfAbsent(path, p -> new ArrayList<>()).add(run(path));
      }
    }
    for (Path path : Path.values()) {
      List<double[]> runs = results.get(path);
      double[] cpu = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
      double[] bytes = runs.stream().mapToDouble(r -> r[1]).sorted().toArray();
      System.out.printf("[FanoutWriteBenchmark] %-32s CPU per frame %.2f us (median of %d; runs %s), allocated per"
          + " frame %.0f bytes%n", path, cpu[cpu.length / 2] / 1000, cpu.length, format(cpu), bytes[bytes.length / 2]);
    }
  }

  private static String format(double[] nanos) {
    List<String> all = new ArrayList<>();
    for (double n : nanos) {
      all.add(String.format("%.2f", n / 1000));
    }
    return String.join(", ", all);
  }

  /** One run on fresh sockets; answers {CPU ns per frame, bytes allocated per frame} of the server's loops. */
  private double[] run(Path path) throws Exception {
    Vertx server = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Vertx clients = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      Map<Context, List<Target>> byLoop = new ConcurrentHashMap<>();
      CountDownLatch accepted = new CountDownLatch(SOCKETS);
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      // two instances, one per event loop, sharing the port, as Townhall deploys its verticle
      Await.result(server.deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                  .setCompressionSupported(true).setPerMessageWebSocketCompressionSupported(false)
                  .setPerFrameWebSocketCompressionSupported(false))
              .webSocketHandler(ws -> {
                ws.setWriteQueueMaxSize(256 * 1024);
                WireFrames wire = path == Path.WRITE_FRAME_WITH_CHUNKED_WRITER ? null : WireFrames.of(ws);
                byLoop.computeIfAbsent(Vertx.currentContext(), c -> new ArrayList<>()).add(new Target(ws, wire));
                accepted.countDown();
              })
              .listen();
        }
      }, new DeploymentOptions().setInstances(2)), 30);
      AtomicLong received = new AtomicLong();
      WebSocketClient client = clients.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 16)
          .setMaxConnections(SOCKETS));
      for (int i = 0; i < SOCKETS; i++) {
        Await.result(client.connect(port, "127.0.0.1", "/")).frameHandler(frame -> received.incrementAndGet());
      }
      assertEquals(true, accepted.await(30, TimeUnit.SECONDS));
      Set<Long> loopThreads = loopThreadIds(byLoop);
      broadcast(path, byLoop, WARM_UP_ROUNDS, received);
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long cpuBefore = 0;
      long bytesBefore = 0;
      for (long id : loopThreads) {
        cpuBefore += threads.getThreadCpuTime(id);
        bytesBefore += threads.getThreadAllocatedBytes(id);
      }
      long frames = broadcast(path, byLoop, ROUNDS, received);
      long cpu = -cpuBefore;
      long bytes = -bytesBefore;
      for (long id : loopThreads) {
        cpu += threads.getThreadCpuTime(id);
        bytes += threads.getThreadAllocatedBytes(id);
      }
      return new double[] {(double) cpu / frames, (double) bytes / frames};
    } finally {
      Await.result(clients.close(), 30);
      Await.result(server.close(), 30);
    }
  }

  private static Set<Long> loopThreadIds(Map<Context, List<Target>> byLoop) throws Exception {
    Set<Long> ids = ConcurrentHashMap.newKeySet();
    CountDownLatch seen = new CountDownLatch(byLoop.size());
    byLoop.keySet().forEach(loop -> loop.runOnContext(v -> {
      ids.add(Thread.currentThread().getId());
      seen.countDown();
    }));
    seen.await(10, TimeUnit.SECONDS);
    return ids;
  }

  /** Sends {@code rounds} broadcasts, one at a time, each to every socket; answers the frames delivered. */
  private static long broadcast(Path path, Map<Context, List<Target>> byLoop, int rounds, AtomicLong received) {
    long start = received.get();
    for (int round = 1; round <= rounds; round++) {
      Buffer frame = PAYLOAD.copy(); // encoded once per broadcast, as the hub does
      byLoop.forEach((loop, targets) -> loop.runOnContext(v -> {
        ByteBuf wire = path == Path.WIRE_FRAMES ? WireFrames.textFrame(frame) : null;
        for (Target target : targets) {
          if (target.socket.writeQueueFull() || (target.wire != null && target.wire.full())) {
            throw new AssertionError("a loopback client fell behind");
          }
          if (wire != null) {
            target.wire.write(wire);
          } else {
            target.socket.writeFrame(SharedFrame.text(frame));
          }
        }
        if (wire != null) {
          wire.release();
        }
      }));
      long expected = start + (long) round * SOCKETS;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (received.get() < expected) { // parks rather than spins: the loops measured need both cores
        if (System.nanoTime() > deadline) {
          throw new AssertionError("round " + round + " not delivered within 30 s");
        }
        LockSupport.parkNanos(50_000);
      }
    }
    assertEquals(start + (long) rounds * SOCKETS, received.get(), "every frame arrived once");
    return (long) rounds * SOCKETS;
  }

  private record Target(ServerWebSocket socket, WireFrames wire) {
  }
}

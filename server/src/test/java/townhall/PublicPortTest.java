package townhall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;

/**
 * A node told to choose its own port (server.port 0) picks a free one before it connects to Redis and PostgreSQL,
 * whose connections may take that very port meanwhile (a build saw "Address already in use"): it then listens on
 * another. A port the operator configured is never swapped for another.
 */
class PublicPortTest {

  /** Listens on the configuration's port, as the public server does. */
  private static final class Listener extends VerticleBase {
    private final int port;

    Listener(TownhallConfig config) {
      this.port = config.server().port();
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(port, "127.0.0.1");
    }
  }

  private static TownhallConfig config(int port) {
    return ConfigLoader.load(Map.of(), Map.of("server.port", port, "server.host", "127.0.0.1"));
  }

  @Test
  void aChosenPortTakenMeanwhileIsReplacedByAnother() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int busy = taken.getLocalPort();
      int listening = TownhallNode.listenPublic(vertx, config(0), busy, 2, 5, Listener::new)
          .await(30, TimeUnit.SECONDS);
      assertNotEquals(busy, listening, "another port than the one taken");
      assertTrue(listening > 0);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aConfiguredPortThatIsTakenFailsTheStart() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int busy = taken.getLocalPort();
      Future<Integer> started = TownhallNode.listenPublic(vertx, config(busy), busy, 2, 5, Listener::new);
      assertThrows(BindException.class, () -> started.await(30, TimeUnit.SECONDS),
          "the operator's port is not replaced");
      assertEquals(busy, taken.getLocalPort());
    } finally {
      vertx.close().await();
    }
  }
}

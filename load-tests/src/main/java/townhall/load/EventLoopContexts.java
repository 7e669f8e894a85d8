package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Event-loop contexts to spread the sockets over: a socket's handlers run on the context it was connected from.
 * Each context comes from an empty verticle instance, and instances are spread over the event loops.
 */
public final class EventLoopContexts {
  private EventLoopContexts() {
  }

  /** Creates {@code count} event-loop contexts (round-robin over the event loops). */
  public static Future<List<Context>> create(Vertx vertx, int count) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(count)).map(id -> List.copyOf(contexts));
  }
}

package townhall.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import townhall.store.StoreHealth;

/** {@code GET /health}: 200 while this node serves and its Redis answers, 503 otherwise (or while draining). */
public final class HealthRoute {
  private final StoreHealth store;
  private final String nodeId;
  private final BooleanSupplier draining;

  public HealthRoute(StoreHealth store, String nodeId, BooleanSupplier draining) {
    this.store = store;
    this.nodeId = nodeId;
    this.draining = draining;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::health);
  }

  private void health(RoutingContext rc) {
    store.ping().onComplete(ping -> {
      boolean redisUp = ping.succeeded();
      boolean up = redisUp && !draining.getAsBoolean();
      SessionRoutes.json(rc, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
          .put("redis", redisUp ? "UP" : "DOWN").put("draining", draining.getAsBoolean()).put("node", nodeId));
    });
  }
}

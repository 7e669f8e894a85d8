package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import townhall.store.StoreHealth;

/**
 * {@code GET /health}: 200 while this node serves and its Redis answers, 503 otherwise (or while draining). The
 * PostgreSQL's state is reported ({@code "postgres": "UP" | "DOWN"}) but does not turn the node 503: live sessions
 * go on without it, only the catalog and sign-in answer {@code unavailable}.
 */
public final class HealthRoute {
  private final StoreHealth store;
  private final StoreHealth postgres;
  private final String nodeId;
  private final BooleanSupplier draining;

  /** @param postgres null on a node without PostgreSQL */
  public HealthRoute(StoreHealth store, StoreHealth postgres, String nodeId, BooleanSupplier draining) {
    this.store = store;
    this.postgres = postgres;
    this.nodeId = nodeId;
    this.draining = draining;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::health);
  }

  private void health(RoutingContext rc) {
    Future<Void> pg = postgres == null ? Future.succeededFuture() : postgres.ping();
    store.ping().onComplete(ping -> pg.onComplete(pgPing -> {
      boolean redisUp = ping.succeeded();
      boolean up = redisUp && !draining.getAsBoolean();
      JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN")
          .put("redis", redisUp ? "UP" : "DOWN").put("draining", draining.getAsBoolean()).put("node", nodeId);
      if (postgres != null) {
        body.put("postgres", pgPing.succeeded() ? "UP" : "DOWN");
      }
      SessionRoutes.json(rc, up ? 200 : 503, body);
    }));
  }
}

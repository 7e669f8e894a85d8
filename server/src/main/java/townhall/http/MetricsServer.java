package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics} on a listener of its own ({@code metrics.host}:{@code metrics.port}, loopback by default),
 * never on the public port: what a node measures (sessions, errors, Redis timings) is for its operator.
 */
public final class MetricsServer {
  private MetricsServer() {
  }

  /** Listens on {@code host}:{@code port}; answers the server once it is bound. */
  public static Future<HttpServer> listen(Vertx vertx, String host, int port, Handler<RoutingContext> scrape) {
    Router router = Router.router(vertx);
    Pages.mountHeaders(router);
    router.get("/metrics").handler(rc -> {
      rc.response().putHeader("Cache-Control", "no-store");
      scrape.handle(rc);
    });
    router.route().failureHandler(HttpErrors::handle);
    router.route().last().handler(rc -> rc.fail(404));
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(router)
        .listen();
  }
}

package townhall.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import townhall.config.TownhallConfig;
import townhall.http.HealthRoute;
import townhall.http.HomeRoutes;
import townhall.http.HttpErrors;
import townhall.http.Pages;
import townhall.http.RecordRoutes;
import townhall.http.SimilarRoutes;
import townhall.http.StreamRoutes;
import townhall.http.ClassificationRoutes;
import townhall.http.SessionRoutes;
import townhall.http.WebAssets;
import townhall.ws.WebSocketGateway;

/** Wires the HTTP routes and the WebSocket gateway to one listening server; one instance per event loop. */
public final class ServerVerticle extends VerticleBase {
  /** A peer that does not answer our close frame (a dead phone) loses its TCP connection after this. */
  static final int WEBSOCKET_CLOSING_TIMEOUT_SECONDS = 3;

  private static final int BODY_LIMIT_BYTES = 16 * 1024;
  private static final String ATTACHMENT_UPLOADS = "/api/sessions/:id/questions/:questionId/attachments";
  private static final String SLIP_UPLOADS = "/api/sessions/:id/questions/:questionId/slip";

  private final TownhallConfig config;
  private final SessionRoutes sessionRoutes;
  private final RecordRoutes recordRoutes;
  private final HomeRoutes homeRoutes;
  private final SimilarRoutes similarRoutes;
  private final ClassificationRoutes classificationRoutes;
  private final HealthRoute healthRoute;
  private final WebSocketGateway gateway;
  private final WebAssets web;
  private final StreamRoutes streamRoutes;
  private HttpServer server;

  /** @param web the web client, read once per node ({@link Pages#loadWebClient()}) */
  public ServerVerticle(TownhallConfig config, SessionRoutes sessionRoutes, RecordRoutes recordRoutes,
      HomeRoutes homeRoutes, SimilarRoutes similarRoutes, ClassificationRoutes classificationRoutes,
      HealthRoute healthRoute, WebSocketGateway gateway, WebAssets web, StreamRoutes streamRoutes) {
    this.streamRoutes = streamRoutes;
    this.similarRoutes = similarRoutes;
    this.classificationRoutes = classificationRoutes;
    this.config = config;
    this.sessionRoutes = sessionRoutes;
    this.recordRoutes = recordRoutes;
    this.homeRoutes = homeRoutes;
    this.healthRoute = healthRoute;
    this.gateway = gateway;
    this.web = web;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    Pages.mountHeaders(router);
    // an answer's attachment is larger than any JSON body: its own limit (inbox.attachmentMaxBytes), on its path only
    // (the handler below then finds the body read)
    router.post(ATTACHMENT_UPLOADS).handler(BodyHandler.create(false)
        .setBodyLimit(config.inbox().attachmentMaxBytes()));
    // so is the photo of a paper slip (clerk.slipMaxBytes)
    router.post(SLIP_UPLOADS).handler(BodyHandler.create(false).setBodyLimit(config.clerk().slipMaxBytes()));
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    sessionRoutes.mount(router);
    streamRoutes.mount(router);
    recordRoutes.mount(router);
    homeRoutes.mount(router);
    similarRoutes.mount(router);
    classificationRoutes.mount(router);
    healthRoute.mount(router);
    // no /metrics here: it has a listener of its own (MetricsServer), so the public port never serves it
    Pages.mountPages(router, web, sessionRoutes::findByCode, streamRoutes::frameAncestors);
    router.route().failureHandler(HttpErrors::handle);
    router.route().last().handler(rc -> rc.fail(404));

    int messageBytes = config.limits().messageBytes();
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.server().host())
        .setPort(config.server().port())
        .setMaxWebSocketFrameSize(messageBytes)
        .setMaxWebSocketMessageSize(messageBytes)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setWebSocketClosingTimeout(WEBSOCKET_CLOSING_TIMEOUT_SECONDS)
        .setCompressionSupported(true)
        // no HTTP/2 upgrade over plain TCP: browsers never use it, and the JDK's client hung on it in tests
        .setHttp2ClearTextEnabled(false);
    server = vertx.createHttpServer(options)
        .webSocketHandshakeHandler(gateway::onHandshake)
        .webSocketHandler(gateway::onSocket)
        .requestHandler(router);
    return server.listen();
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}

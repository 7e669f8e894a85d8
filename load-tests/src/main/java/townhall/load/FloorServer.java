package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The floor: a bare Vert.x WebSocket server with no Redis and no persistence that speaks just enough of the
 * protocol for the load scenario ({@code POST /api/sessions}, {@code GET /api/sessions/{id}}, {@code GET /health},
 * and on {@code /ws/sessions/{id}}: hello/welcome, ask, vote with its ack, moderate approve, ping), with vote
 * counts coalesced into one {@code votes} frame per tick ({@link FloorSession}). It runs as many event loops as
 * Townhall (one per core), on loopback. What it reaches on a machine is that machine's own limit for this
 * workload; a report names which of the two it measured ({@code GET /health} answers {@code "target": "floor"}).
 *
 * <p>{@code java -jar townhall-load.jar floor [--port 8090] [--tick-ms 100]} runs it until killed.
 */
public final class FloorServer {
  /** Unsent bytes after which a socket is closed as a slow consumer (Townhall's default). */
  static final int WRITE_QUEUE_BYTES = 262_144;
  private static final int MAX_FRAME = 16_384;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Vertx vertx;
  private final int port;

  private FloorServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  /** Starts a floor on {@code 127.0.0.1:port} (0: a free port) with this tick. */
  public static Future<FloorServer> start(int port, long tickMs) {
    int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    int listenPort;
    try {
      listenPort = port == 0 ? freePort() : port;
    } catch (IOException e) {
      return vertx.close().transform(ignored -> Future.failedFuture(e));
    }
    Map<String, FloorSession> sessions = new ConcurrentHashMap<>();
    return vertx.deployVerticle(() -> new Listener(sessions, listenPort, tickMs),
            new DeploymentOptions().setInstances(eventLoops))
        .map(id -> new FloorServer(vertx, listenPort))
        .recover(e -> vertx.close().transform(ignored -> Future.failedFuture(e)));
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Stops it. */
  public Future<Void> close() {
    return vertx.close();
  }

  /** {@code floor [--port P] [--tick-ms MS]}: runs until the process is killed. */
  public static void main(String[] args) {
    int port = 8090;
    long tickMs = 100;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.length ? args[++i]
            : null;
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (value == null) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        switch (name) {
          case "--port" -> port = Integer.parseInt(value.trim());
          case "--tick-ms" -> tickMs = Long.parseLong(value.trim());
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (tickMs < 1 || port < 0 || port > 65535) {
        throw new IllegalArgumentException("--tick-ms must be at least 1 and --port a TCP port");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("floor: " + e.getMessage());
      System.err.println("usage: java -jar townhall-load.jar floor [--port 8090] [--tick-ms 100]");
      System.exit(2);
      return;
    }
    try {
      FloorServer floor = start(port, tickMs).await(30, TimeUnit.SECONDS);
      System.err.println("floor: listening on http://127.0.0.1:" + floor.port() + " (tick " + tickMs + " ms, "
          + Runtime.getRuntime().availableProcessors() + " event loops, pid " + ProcessHandle.current().pid()
          + ")");
    } catch (Exception e) {
      System.err.println("floor: cannot start: " + e);
      System.exit(1);
    }
  }

  static String randomId(int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** One event loop's HTTP and WebSocket listener; all instances share the port and the sessions. */
  private static final class Listener extends VerticleBase {
    private final Map<String, FloorSession> sessions;
    private final int port;
    private final long tickMs;

    Listener(Map<String, FloorSession> sessions, int port, long tickMs) {
      this.sessions = sessions;
      this.port = port;
      this.tickMs = tickMs;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
              .setMaxWebSocketFrameSize(MAX_FRAME).setMaxWebSocketMessageSize(MAX_FRAME))
          .webSocketHandler(this::onWebSocket)
          .requestHandler(this::onRequest)
          .listen();
    }

    private void onWebSocket(ServerWebSocket ws) {
      String path = ws.path();
      FloorSession session = path.startsWith("/ws/sessions/")
          ? sessions.get(path.substring("/ws/sessions/".length())) : null;
      if (session == null) {
        ws.close((short) 4404, "no such session");
        return;
      }
      new FloorSocket(ws, context, session).start();
    }

    private void onRequest(HttpServerRequest req) {
      String path = req.path();
      if (req.method() == HttpMethod.GET && path.equals("/health")) {
        reply(req, 200, new JsonObject().put("status", "UP").put("target", "floor").put("node", "floor-" + port));
      } else if (req.method() == HttpMethod.POST && path.equals("/api/sessions")) {
        create(req);
      } else if (req.method() == HttpMethod.GET && path.startsWith("/api/sessions/")) {
        FloorSession session = sessions.get(path.substring("/api/sessions/".length()));
        if (session == null) {
          reply(req, 404, new JsonObject().put("error", "not_found").put("message", "No such session"));
        } else {
          reply(req, 200, session.json());
        }
      } else {
        reply(req, 404, new JsonObject().put("error", "not_found").put("message", "The floor has no " + path));
      }
    }

    private void create(HttpServerRequest req) {
      String auth = req.getHeader("Authorization");
      if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
        reply(req, 401, new JsonObject().put("error", "unauthorized").put("message", "Bearer token required"));
        return;
      }
      req.body().onSuccess(body -> {
        JsonObject json;
        try {
          json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
        } catch (RuntimeException e) {
          reply(req, 400, new JsonObject().put("error", "bad_request").put("message", "Malformed JSON"));
          return;
        }
        String moderation = json.getValue("moderation") instanceof String m && m.equals("post") ? "post" : "pre";
        String id = randomId(16);
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        String token = "floor.m." + id + "." + randomId(24);
        FloorSession session = new FloorSession(vertx, id, code,
            json.getValue("title") instanceof String t ? t : "Floor", moderation, token, tickMs);
        sessions.put(id, session);
        String base = "http://127.0.0.1:" + port;
        reply(req, 201, session.json().put("moderatorToken", token).put("links", new JsonObject()
            .put("audience", base + "/j/" + code).put("moderator", base + "/m/" + id + "#token=" + token)
            .put("stage", base + "/stage/" + id)));
      });
    }

    private static void reply(HttpServerRequest req, int status, JsonObject body) {
      req.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
          .end(body.encode());
    }
  }
}

package townhall.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.RateLimit;
import townhall.delivery.LocalHub;
import townhall.http.ClientAddresses;
import townhall.metrics.Metrics;
import townhall.protocol.MessageCodec;
import townhall.service.JoinSession;
import townhall.store.RateLimiter;

/**
 * Accepts WebSocket upgrades on {@code /ws/sessions/{id}} from allowed origins (checked before the upgrade, as
 * CORS does not cover WebSockets) and gives each accepted socket its {@link ClientSocket}.
 */
public final class WebSocketGateway {
  private static final Pattern PATH = Pattern.compile("^/ws/sessions/([A-Za-z0-9]{1,64})$");

  private final Vertx vertx;
  private final MessageCodec codec;
  private final Metrics metrics;
  private final Greeting greeting;
  private final Dispatcher dispatcher;
  private final LocalHub hub;
  private final List<String> allowedOrigins;
  private final TownhallConfig config;
  private final BooleanSupplier draining;
  private final RateLimiter limiter;
  private final ClientAddresses addresses;
  private final RateLimit connections;
  private final Heartbeats heartbeats;
  private final ClientSocket.SocketLimits socketLimits;

  /** @param draining true once the node is stopping: new sockets are then refused (503) so clients go elsewhere */
  public WebSocketGateway(Vertx vertx, MessageCodec codec, Metrics metrics, JoinSession joinSession,
      Dispatcher dispatcher, LocalHub hub, TownhallConfig config, BooleanSupplier draining, RateLimiter limiter) {
    this.vertx = vertx;
    this.codec = codec;
    this.metrics = metrics;
    this.greeting = new Greeting(joinSession, hub);
    this.dispatcher = dispatcher;
    this.hub = hub;
    this.allowedOrigins = config.server().allowedOrigins();
    this.config = config;
    this.draining = draining;
    this.limiter = limiter;
    this.addresses = new ClientAddresses(config.server().trustedProxies());
    this.connections = config.rateLimits().connections();
    this.heartbeats = new Heartbeats(vertx, config.delivery().pingInterval().toMillis());
    this.socketLimits = new ClientSocket.SocketLimits(config.delivery().writeQueueBytes(),
        config.limits().helloTimeout().toMillis(), config.limits().badMessagesPerMinute(),
        config.limits().messageBytes());
  }

  /**
   * Decides a handshake before the upgrade: 404 for other paths, 503 while draining, 403 for foreign origins, 429
   * when the client's address opened too many sockets lately. When the limit cannot be read (Redis is down) the
   * socket is let in: it still shows what the node has, and its writes answer {@code unavailable}.
   */
  public void onHandshake(ServerWebSocketHandshake handshake) {
    if (!PATH.matcher(handshake.path()).matches()) {
      handshake.reject(404);
    } else if (draining.getAsBoolean()) {
      handshake.reject(503);
    } else if (!originAllowed(handshake.headers().get("Origin"), authority(handshake.authority()))) {
      handshake.reject(403);
    } else {
      String address = addresses.of(handshake.remoteAddress(), handshake.headers());
      limiter.take(RateLimiter.Bucket.CONNECTIONS, address, connections).onComplete(taken -> {
        if (taken.failed() && taken.cause() instanceof DomainException e && e.code() == ErrorCode.RATE_LIMITED) {
          handshake.reject(429);
        } else {
          handshake.accept();
        }
      });
    }
  }

  private static String authority(HostAndPort hostAndPort) {
    if (hostAndPort == null) {
      return null;
    }
    return hostAndPort.port() >= 0 ? hostAndPort.host() + ":" + hostAndPort.port() : hostAndPort.host();
  }

  /** Takes an accepted socket. */
  public void onSocket(ServerWebSocket socket) {
    Matcher matcher = PATH.matcher(socket.path());
    if (!matcher.matches()) {
      socket.close((short) 4404, "No such session");
      return;
    }
    new ClientSocket(vertx, socket, matcher.group(1), addresses.of(socket.remoteAddress(), socket.headers()), codec,
        metrics, greeting, dispatcher, hub, heartbeats, socketLimits);
  }

  /**
   * Browsers always send an Origin; scripts and native clients may not, and carry no ambient authority, so they
   * are let through. An origin must match the allow-list exactly, or, without a list, the host the client asked for.
   */
  boolean originAllowed(String origin, String authority) {
    if (origin == null) {
      return true;
    }
    if (!allowedOrigins.isEmpty()) {
      return allowedOrigins.contains(origin);
    }
    try {
      URI uri = URI.create(origin);
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme)) || authority == null) {
        return false;
      }
      String originAuthority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return originAuthority.equalsIgnoreCase(authority)
          || originAuthority.equalsIgnoreCase(authority.replaceFirst(":(80|443)$", ""));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

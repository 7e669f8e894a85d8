package townhall.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.config.TownhallConfig;
import townhall.metrics.Metrics;
import townhall.protocol.MessageCodec;
import townhall.service.JoinSession;

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

  public WebSocketGateway(Vertx vertx, MessageCodec codec, Metrics metrics, JoinSession joinSession,
      Dispatcher dispatcher, LocalHub hub, TownhallConfig config) {
    this.vertx = vertx;
    this.codec = codec;
    this.metrics = metrics;
    this.greeting = new Greeting(joinSession, hub);
    this.dispatcher = dispatcher;
    this.hub = hub;
    this.allowedOrigins = config.server().allowedOrigins();
    this.config = config;
  }

  /** Decides a handshake before the upgrade: 404 for other paths, 403 for foreign origins. */
  public void onHandshake(ServerWebSocketHandshake handshake) {
    if (!PATH.matcher(handshake.path()).matches()) {
      handshake.reject(404);
    } else if (!originAllowed(handshake.headers().get("Origin"), authority(handshake.authority()))) {
      handshake.reject(403);
    } else {
      handshake.accept();
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
    new ClientSocket(vertx, socket, matcher.group(1), codec, metrics, greeting, dispatcher, hub,
        config.limits().helloTimeout().toMillis(), config.delivery().writeQueueBytes());
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

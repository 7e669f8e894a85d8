package townhall.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * One Townhall node to talk to: host and port of an {@code http://} base URL. Only loopback addresses are accepted,
 * so the generator cannot be pointed at somebody else's server by mistake.
 *
 * @param host the host as written in the URL
 * @param port the TCP port
 */
public record NodeAddress(String host, int port) {

  /**
   * Parses {@code http://host:port} (a path, if any, is ignored; the port defaults to 80).
   *
   * @throws IllegalArgumentException when the URL is malformed, not {@code http}, or not a loopback address
   */
  public static NodeAddress parse(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + url);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("expected http://host:port, got " + url);
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      if (!InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException("only loopback servers may be loaded, not " + url);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host in " + url);
    }
    return new NodeAddress(host, uri.getPort() == -1 ? 80 : uri.getPort());
  }

  @Override
  public String toString() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}

package townhall.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a session is shown on a livestream: the link of its stream (shown to residents), and the sites whose pages may
 * put the resident widget ({@code /embed/<code>}) in an iframe — enforced by the widget's
 * {@code Content-Security-Policy: frame-ancestors}. Set by the organizer; both optional.
 *
 * @param streamUrl an {@code https://} link, or null for none
 * @param embedOrigins origins such as {@code https://phuong1.gov.vn}, normalised (lower case, no default port), at
 *     most {@link #MAX_ORIGINS}; empty when no site may embed the widget
 */
public record StreamSettings(String streamUrl, List<String> embedOrigins) {
  public static final int MAX_ORIGINS = 10;
  public static final int MAX_URL_LENGTH = 500;
  public static final StreamSettings NONE = new StreamSettings(null, List.of());

  /** Plain http is accepted for these hosts only: browsers treat them as secure, and tests and local trials use them. */
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  public StreamSettings {
    embedOrigins = List.copyOf(embedOrigins);
  }

  /**
   * Validates what an organizer sent: a JSON string or null for the link, an array of strings (or null) for the
   * origins. Throws {@code bad_request} for anything else: a link that is not https, an origin with a path, a
   * wildcard, a user or a query, too many origins.
   */
  public static StreamSettings parse(Object streamUrl, Object embedOrigins) {
    String url = null;
    if (streamUrl != null) {
      if (!(streamUrl instanceof String text)) {
        throw DomainException.badRequest("streamUrl must be a string or null");
      }
      url = text.isBlank() ? null : streamUrl(text.strip());
    }
    return new StreamSettings(url, embedOrigins(embedOrigins));
  }

  /**
   * Validates a list of embedding origins as sent (a session's, or an organization's): an array of strings or null
   * (none); each normalised, duplicates dropped, at most {@link #MAX_ORIGINS}. Throws {@code bad_request} otherwise.
   */
  public static List<String> embedOrigins(Object embedOrigins) {
    List<String> origins = new ArrayList<>();
    if (embedOrigins != null) {
      if (!(embedOrigins instanceof List<?> list)) {
        throw DomainException.badRequest("embedOrigins must be an array of origins");
      }
      Set<String> unique = new LinkedHashSet<>();
      for (Object item : list) {
        if (!(item instanceof String text)) {
          throw DomainException.badRequest("embedOrigins must be an array of origins");
        }
        unique.add(origin(text.strip()));
      }
      if (unique.size() > MAX_ORIGINS) {
        throw DomainException.badRequest("At most " + MAX_ORIGINS + " embedding origins");
      }
      origins.addAll(unique);
    }
    return List.copyOf(origins);
  }

  /** The CSP source list of {@code frame-ancestors} for the widget: the origins, or {@code 'none'}. */
  public String frameAncestors() {
    return frameAncestors(List.of());
  }

  /**
   * The CSP source list of {@code frame-ancestors} for the widget when its organization also allows
   * {@code organizationOrigins} (as stored: already checked): both lists, each origin once, or {@code 'none'}.
   */
  public String frameAncestors(List<String> organizationOrigins) {
    Set<String> all = new LinkedHashSet<>(embedOrigins);
    all.addAll(organizationOrigins);
    return all.isEmpty() ? "'none'" : String.join(" ", all);
  }

  private static String streamUrl(String text) {
    if (text.length() > MAX_URL_LENGTH) {
      throw DomainException.badRequest("streamUrl is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri = uri(text, "streamUrl must be an https:// link");
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw DomainException.badRequest("streamUrl must be an https:// link");
    }
    return uri.toASCIIString();
  }

  /** {@code scheme://host[:port]} exactly, as a browser writes an origin; https, or http on a loopback host. */
  static String origin(String text) {
    String refused = "Not an origin (https://host[:port], nothing after): " + (text.length() > 80
        ? text.substring(0, 80) : text);
    // the characters a CSP source list gives meaning to (space, ';', ',', '*', quotes) never get through
    if (text.isEmpty() || text.length() > 200 || !text.matches("[A-Za-z0-9.:/\\[\\]-]+")) {
      throw DomainException.badRequest(refused);
    }
    URI uri = uri(text, refused);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
        && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (host == null || !bare || !(scheme.equals("https") || (scheme.equals("http") && LOOPBACK.contains(host)))) {
      throw DomainException.badRequest(refused);
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  private static URI uri(String text, String refused) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw DomainException.badRequest(refused);
    }
  }
}

package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.domain.Session;

/**
 * The web client's pages and assets, served from memory ({@link WebAssets}, read from the web-client jar's
 * {@code townhall-web/} at start), and the security headers every answer carries.
 *
 * <p>Caching: hashed assets ({@code /assets/<hash>/...}) are immutable for a year; pages, the service worker and
 * unhashed or outdated asset URLs are revalidated on every use ({@code no-cache} with an entity tag, so a repeat
 * visit costs a 304). Text is sent gzipped when the browser accepts it.
 */
public final class Pages {
  public static final String WEB_ROOT = "townhall-web";
  /** Chart.js, from its WebJar (org.webjars.npm:chart.js in web-client/pom.xml), served from our own origin. */
  static final String CHART_JS_ROOT = "META-INF/resources/webjars/chart.js/4.4.1/dist";
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; "
      + "object-src 'none'; frame-ancestors 'none'; form-action 'self'";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";

  /** {@code /assets/<hash>/<path>} or {@code /assets/<path>}: the hash (if any) and the path under assets/. */
  private static final Pattern ASSET_URL =
      Pattern.compile("^/assets/(?:[0-9a-f]{" + WebAssets.HASH_CHARS + "}/)?(.+)$");

  private static final Pattern JOIN_CODE = Pattern.compile("\\d{6}");
  private static final String RESIDENT_PAGE = "audience.html";

  /** The key under which a route leaves the {@code frame-ancestors} sources of its page (default {@code 'none'}). */
  static final String FRAME_ANCESTORS = "townhall.frameAncestors";

  /** The {@code frame-ancestors} sources of the resident widget of a join code ({@link StreamRoutes}). */
  @FunctionalInterface
  public interface EmbedAncestors {
    Future<String> of(RoutingContext rc, String code);
  }

  /** Finds a session by join code for the client of a request, as {@code GET /api/sessions/by-code/} does. */
  @FunctionalInterface
  public interface JoinCodes {
    Future<Session> find(RoutingContext rc, String code);
  }

  private Pages() {
  }

  /** Reads the web client from the classpath. Blocking: call off the event loop, once per node. */
  public static WebAssets loadWebClient() {
    return WebAssets.load(WEB_ROOT);
  }

  /**
   * Security headers: {@code nosniff} and {@code no-referrer} on every response, the Content-Security-Policy and
   * {@code X-Frame-Options} on every document and the service worker; mount first.
   */
  public static void mountHeaders(Router router) {
    router.route().handler(rc -> {
      rc.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer");
      // the policy and the framing ban act only on documents (pages, SVG opened on their own) and on the service
      // worker; on the ~20 scripts and styles of a page they would cost about 5 KB on a slow phone network
      rc.addHeadersEndHandler(v -> {
        String type = rc.response().headers().get("Content-Type");
        if (type == null || type.startsWith("text/html") || type.startsWith("image/svg")
            || rc.request().path().equals("/" + WebAssets.SERVICE_WORKER)) {
          // only the resident widget (/embed/<code>) may be framed, and only by its session's sites
          String ancestors = rc.get(FRAME_ANCESTORS);
          if (ancestors == null || ancestors.equals("'none'")) {
            rc.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Frame-Options", "DENY");
          } else {
            rc.response().putHeader("Content-Security-Policy",
                CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors " + ancestors));
          }
        }
      });
      rc.next();
    });
  }

  public static void mountPages(Router router, WebAssets web, JoinCodes joinCodes, EmbedAncestors embeds) {
    router.get("/").handler(rc -> page(rc, web, "index.html"));
    router.get("/j/:code").handler(rc -> residentPage(rc, web, joinCodes, ""));
    router.get("/embed/:code").handler(rc -> embedPage(rc, web, joinCodes, embeds));
    router.get("/overlay/:id").handler(rc -> page(rc, web, "overlay.html"));
    router.get("/m/:id").handler(rc -> page(rc, web, "moderator.html"));
    router.get("/stage/:id").handler(rc -> page(rc, web, "stage.html"));
    router.get("/speaker/:id").handler(rc -> page(rc, web, "speaker.html"));
    router.get("/clerk/:id").handler(rc -> page(rc, web, "clerk.html"));
    router.get("/organize").handler(rc -> page(rc, web, "organize.html"));
    router.get("/r/:id").handler(rc -> page(rc, web, "record.html"));
    router.get("/f/:code").handler(rc -> page(rc, web, "follow.html"));
    router.get("/login").handler(rc -> page(rc, web, "login.html"));
    router.get("/home").handler(rc -> page(rc, web, "home.html"));
    router.get("/inbox/:slug").handler(rc -> page(rc, web, "inbox.html"));
    router.get("/o/:slug").handler(rc -> page(rc, web, "org.html"));
    router.get("/o/:slug/series/:series").handler(rc -> page(rc, web, "org.html"));
    router.get("/o/:slug/follow-up").handler(rc -> page(rc, web, "tracker.html"));
    router.get("/verify").handler(rc -> page(rc, web, "verify.html"));
    router.get("/vendor/chart.js/chart.umd.js").handler(rc -> rc.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").putHeader("Cache-Control", "public, max-age=3600")
        .sendFile(CHART_JS_ROOT + "/chart.umd.js").onFailure(rc::fail));
    router.get("/" + WebAssets.SERVICE_WORKER).handler(rc -> send(rc, web.serviceWorker(), REVALIDATE));
    router.get("/assets/*").handler(rc -> asset(rc, web));
  }

  /** Sends one of the client's pages ({@code name}.html under the web root), or fails with 404. */
  public static void page(RoutingContext rc, WebAssets web, String name) {
    Optional<WebAssets.Served> page = web.page(name);
    if (page.isEmpty()) {
      rc.fail(404);
      return;
    }
    send(rc, page.get(), REVALIDATE);
  }

  /**
   * The resident page, carrying the session's public facts ({@code <meta name="townhall-session">}, JSON) when the
   * code finds one, so the page can connect at once instead of looking the code up first. The lookup is the API's,
   * rate limits included; on a miss or an error the page goes without, and looks the code up itself.
   */
  private static void residentPage(RoutingContext rc, WebAssets web, JoinCodes joinCodes, String extraTags) {
    String code = rc.pathParam("code");
    if (!JOIN_CODE.matcher(code).matches()) {
      pageWith(rc, web, extraTags);
      return;
    }
    joinCodes.find(rc, code).onComplete(found -> {
      if (found.failed()) {
        pageWith(rc, web, extraTags);
        return;
      }
      Session s = found.result();
      String facts = new JsonObject().put("id", s.id()).put("code", s.code()).put("title", s.title())
          .put("status", s.status().wireName()).put("locale", s.language().wireName()).encode();
      Optional<WebAssets.Served> page = web.page(RESIDENT_PAGE,
          "<meta name=\"townhall-session\" content=\"" + escapeAttribute(facts) + "\">" + extraTags);
      if (page.isEmpty()) {
        rc.fail(404);
        return;
      }
      send(rc, page.get(), REVALIDATE);
    });
  }

  private static void pageWith(RoutingContext rc, WebAssets web, String extraTags) {
    if (extraTags.isEmpty()) {
      page(rc, web, RESIDENT_PAGE);
      return;
    }
    web.page(RESIDENT_PAGE, extraTags).ifPresentOrElse(p -> send(rc, p, REVALIDATE), () -> rc.fail(404));
  }

  /**
   * The resident widget: the resident page in its compact layout ({@code townhall-embed}), framable by the sites
   * its session allows ({@code frame-ancestors}) and by no other; an unknown code gets {@code 'none'}.
   */
  private static void embedPage(RoutingContext rc, WebAssets web, JoinCodes joinCodes, EmbedAncestors embeds) {
    String code = rc.pathParam("code");
    Future<String> ancestors = JOIN_CODE.matcher(code).matches() ? embeds.of(rc, code)
        : Future.succeededFuture("'none'");
    ancestors.onComplete(found -> {
      rc.put(FRAME_ANCESTORS, found.succeeded() ? found.result() : "'none'");
      residentPage(rc, web, joinCodes, "<meta name=\"townhall-embed\" content=\"1\">");
    });
  }

  static String escapeAttribute(String text) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void asset(RoutingContext rc, WebAssets web) {
    String path = rc.normalizedPath();
    Optional<WebAssets.Served> hashed = web.hashed(path);
    if (hashed.isPresent()) {
      send(rc, hashed.get(), IMMUTABLE);
      return;
    }
    // No hash, or one of another deployment (a page loaded before a restart): today's file, revalidated each time.
    Matcher m = ASSET_URL.matcher(path);
    Optional<WebAssets.Served> current = m.matches() ? web.byPath(m.group(1)) : Optional.empty();
    if (current.isEmpty()) {
      rc.fail(404);
      return;
    }
    send(rc, current.get(), REVALIDATE);
  }

  private static void send(RoutingContext rc, WebAssets.Served file, String cacheControl) {
    HttpServerRequest request = rc.request();
    HttpServerResponse response = rc.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
        .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
        .putHeader(HttpHeaders.ETAG, file.etag());
    if (file.gzip() != null) {
      response.putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }
    if (file.etag().equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return;
    }
    if (file.gzip() != null && acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
      // Already compressed (at the best level, once): the server's own compression leaves it alone.
      response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(Buffer.buffer(file.gzip()));
    } else {
      response.putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY).end(Buffer.buffer(file.plain()));
    }
  }

  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] codingAndParams = part.trim().split(";");
      if (!"gzip".equals(codingAndParams[0].trim())) {
        continue;
      }
      for (int i = 1; i < codingAndParams.length; i++) {
        String param = codingAndParams[i].replace(" ", "");
        if (param.equals("q=0") || param.matches("q=0\\.0*")) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}

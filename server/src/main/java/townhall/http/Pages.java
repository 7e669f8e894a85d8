package townhall.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web client's pages and assets, served from the web-client jar ({@code townhall-web/} on the classpath), and
 * the security headers every answer carries.
 */
public final class Pages {
  static final String WEB_ROOT = "townhall-web";
  /** Chart.js, from its WebJar (org.webjars.npm:chart.js in web-client/pom.xml), served from our own origin. */
  static final String CHART_JS_ROOT = "META-INF/resources/webjars/chart.js/4.4.1/dist";
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; "
      + "form-action 'self'";

  private Pages() {
  }

  /** Security headers on every response; mount first. */
  public static void mountHeaders(Router router) {
    router.route().handler(rc -> {
      rc.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer")
          .putHeader("X-Frame-Options", "DENY");
      rc.next();
    });
  }

  public static void mountPages(Router router) {
    router.get("/").handler(rc -> page(rc, "index.html"));
    router.get("/j/:code").handler(rc -> page(rc, "audience.html"));
    router.get("/m/:id").handler(rc -> page(rc, "moderator.html"));
    router.get("/stage/:id").handler(rc -> page(rc, "stage.html"));
    router.get("/speaker/:id").handler(rc -> page(rc, "speaker.html"));
    router.get("/organize").handler(rc -> page(rc, "organize.html"));
    router.get("/r/:id").handler(rc -> page(rc, "record.html"));
    router.get("/vendor/chart.js/chart.umd.js").handler(rc -> rc.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").putHeader("Cache-Control", "public, max-age=3600")
        .sendFile(CHART_JS_ROOT + "/chart.umd.js").onFailure(rc::fail));
    router.get("/assets/*").handler(StaticHandler.create(WEB_ROOT + "/assets").setCachingEnabled(true)
        .setMaxAgeSeconds(3600).setIncludeHidden(false).setDirectoryListing(false));
  }

  private static void page(RoutingContext rc, String file) {
    rc.response().putHeader("Cache-Control", "no-cache");
    rc.response().putHeader("Content-Type", "text/html; charset=utf-8");
    rc.response().sendFile(WEB_ROOT + "/" + file).onFailure(rc::fail);
  }
}

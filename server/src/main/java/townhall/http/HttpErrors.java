package townhall.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.logging.LogLine;

/** The one mapping from failures to HTTP answers: {@code {"error": code, "message": text}} with a fitting status. */
public final class HttpErrors {
  private static final Logger LOG = Logger.getLogger(HttpErrors.class.getName());
  /** {@code /api/sessions/{id}...}, but not {@code /api/sessions/by-code/...}. */
  private static final Pattern SESSION_PATH = Pattern.compile("^/api/sessions/(?!by-code/)([A-Za-z0-9]{1,64})");

  private HttpErrors() {
  }

  public static int status(ErrorCode code) {
    return switch (code) {
      case BAD_REQUEST, TOO_LONG -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CLOSED, CONFLICT -> 409;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  public static void send(RoutingContext rc, ErrorCode code, String message) {
    send(rc, code, message, 0);
  }

  /**
   * Sends an error; a refusal with {@code retryAfterMs} also carries it, and {@code Retry-After} in seconds. Every
   * error carries {@code Cache-Control: no-store} (a proxy or a shared browser must not keep a 401, 403 or 404, nor
   * the fact that a path was asked for) and the security headers, set here because an error may end a request before
   * the route that would set them ran.
   */
  public static void send(RoutingContext rc, ErrorCode code, String message, long retryAfterMs) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().headers().remove("Content-Disposition").remove("ETag").remove("Last-Modified");
    rc.response().putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer").putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy", Pages.CONTENT_SECURITY_POLICY);
    JsonObject body = new JsonObject().put("error", code.wireName()).put("message", message);
    if (retryAfterMs > 0) {
      body.put("retryAfterMs", retryAfterMs);
      rc.response().putHeader("Retry-After", String.valueOf((retryAfterMs + 999) / 1000));
    }
    rc.response().setStatusCode(status(code)).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.toBuffer());
  }

  /** A log line naming the request's path and, for a session's resource, the session. */
  private static LogLine logLine(RoutingContext rc) {
    String path = rc.request().path();
    Matcher session = path == null ? null : SESSION_PATH.matcher(path);
    return LogLine.session(LOG, session != null && session.find() ? session.group(1) : null).with("path", path);
  }

  /** The failure handler of the router: every failed route ends here. */
  public static void handle(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof DomainException e) {
      if (e.code() == ErrorCode.UNAVAILABLE) {
        logLine(rc).warning("store unavailable", e.getCause());
      }
      send(rc, e.code(), e.getMessage(), e.retryAfterMs());
    } else if (failure == null) {
      int status = rc.statusCode();
      switch (status) {
        case 404 -> send(rc, ErrorCode.NOT_FOUND, "Nothing here");
        case 405 -> send(rc, ErrorCode.BAD_REQUEST, "Method not allowed here");
        case 413 -> send(rc, ErrorCode.TOO_LONG, "The request body is too large");
        case 415 -> send(rc, ErrorCode.BAD_REQUEST, "Unsupported content type");
        default -> send(rc, status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.BAD_REQUEST, "Request failed");
      }
    } else {
      logLine(rc).severe("unexpected failure", failure);
      send(rc, ErrorCode.UNAVAILABLE, "The server could not do this now, retry later");
    }
  }
}

package townhall.load;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Gets the session the load runs in: creates one over HTTP with the organizer token, or checks that an existing
 * one is open and has the moderation the run expects (questions of a pre-moderated session can only be upvoted
 * once a moderator approved them).
 */
public final class SessionSetup {
  private final HttpClientAgent http;
  private final NodeAddress node;

  /**
   * @param http the HTTP client
   * @param node the node the requests go to
   */
  public SessionSetup(HttpClientAgent http, NodeAddress node) {
    this.http = http;
    this.node = node;
  }

  /** Creates an anonymous session with this moderation ({@code post} or {@code pre}). */
  public Future<SessionInfo> create(String adminToken, String moderation) {
    String body = new JsonObject()
        .put("title", "Load test " + Instant.now())
        .put("moderation", moderation)
        .put("anonymous", true)
        .put("locale", "vi")
        .encode();
    return http.request(HttpMethod.POST, node.port(), node.host(), "/api/sessions")
        .compose(req -> req
            .putHeader("Authorization", "Bearer " + adminToken)
            .putHeader("Content-Type", "application/json")
            .send(body))
        .compose(resp -> jsonBody(resp, 201, "POST /api/sessions"))
        .map(json -> new SessionInfo(json.getString("id"), json.getString("moderatorToken"), true));
  }

  /** Checks that the session exists, is open and has this moderation; completes with it (token as given). */
  public Future<SessionInfo> check(String sessionId, String moderation, String moderatorToken) {
    return http.request(HttpMethod.GET, node.port(), node.host(), "/api/sessions/" + sessionId)
        .compose(req -> req.send())
        .compose(resp -> jsonBody(resp, 200, "GET /api/sessions/" + sessionId))
        .compose(json -> {
          if (!moderation.equals(json.getString("moderation"))) {
            return Future.failedFuture("session " + sessionId + " has moderation=" + json.getString("moderation")
                + " but the run expects " + moderation + " (--moderation)");
          }
          if (!"open".equals(json.getString("status"))) {
            return Future.failedFuture("session " + sessionId + " is " + json.getString("status") + ", not open");
          }
          return Future.succeededFuture(new SessionInfo(json.getString("id"), moderatorToken, false));
        });
  }

  private static Future<JsonObject> jsonBody(HttpClientResponse resp, int expected, String what) {
    return resp.body().compose(buffer -> {
      if (resp.statusCode() != expected) {
        return Future.failedFuture(what + " answered " + resp.statusCode() + ": " + buffer);
      }
      try {
        return Future.succeededFuture(buffer.toJsonObject());
      } catch (RuntimeException e) {
        return Future.failedFuture(what + " answered a body that is not JSON: " + buffer);
      }
    });
  }
}

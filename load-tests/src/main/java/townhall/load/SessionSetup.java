package townhall.load;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Gets the session the load runs in: creates a post-moderated one over HTTP with the organizer token, or checks
 * that an existing one is open and post-moderated (in a pre-moderated session questions wait for a moderator and
 * cannot be upvoted).
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

  /** Creates a post-moderated anonymous session; completes with its id. */
  public Future<String> create(String adminToken) {
    String body = new JsonObject()
        .put("title", "Load test " + Instant.now())
        .put("moderation", "post")
        .put("anonymous", true)
        .put("locale", "vi")
        .encode();
    return http.request(HttpMethod.POST, node.port(), node.host(), "/api/sessions")
        .compose(req -> req
            .putHeader("Authorization", "Bearer " + adminToken)
            .putHeader("Content-Type", "application/json")
            .send(body))
        .compose(resp -> jsonBody(resp, 201, "POST /api/sessions"))
        .map(json -> json.getString("id"));
  }

  /** Checks that the session exists, is open and post-moderated; completes with its id. */
  public Future<String> check(String sessionId) {
    return http.request(HttpMethod.GET, node.port(), node.host(), "/api/sessions/" + sessionId)
        .compose(req -> req.send())
        .compose(resp -> jsonBody(resp, 200, "GET /api/sessions/" + sessionId))
        .compose(json -> {
          if (!"post".equals(json.getString("moderation"))) {
            return Future.failedFuture("session " + sessionId + " is not post-moderated (moderation="
                + json.getString("moderation") + "): its questions could not be upvoted");
          }
          if (!"open".equals(json.getString("status"))) {
            return Future.failedFuture("session " + sessionId + " is " + json.getString("status") + ", not open");
          }
          return Future.succeededFuture(json.getString("id"));
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

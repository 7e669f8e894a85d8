package townhall.load;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds out what the nodes are, so that a report says which server it measured: {@code GET /health} answers
 * {@code "target": "floor"} on the {@link FloorServer}; anything else that answers is Townhall. Also collects the
 * node ids the health answers give.
 */
public final class TargetProbe {
  private final HttpClientAgent http;

  /** @param http the HTTP client */
  public TargetProbe(HttpClientAgent http) {
    this.http = http;
  }

  /** Asks every node; completes with the target name and the node ids, or fails when a node does not answer. */
  public Future<Target> probe(List<NodeAddress> nodes) {
    List<Future<JsonObject>> answers = new ArrayList<>();
    for (NodeAddress node : nodes) {
      answers.add(http.request(HttpMethod.GET, node.port(), node.host(), "/health")
          .compose(req -> req.send())
          .compose(resp -> resp.body())
          .map(body -> {
            try {
              return body.toJsonObject();
            } catch (RuntimeException e) {
              return new JsonObject();
            }
          })
          .recover(e -> Future.failedFuture("GET " + node + "/health failed: " + e.getMessage())));
    }
    return Future.all(answers).map(all -> {
      String target = "townhall";
      List<String> ids = new ArrayList<>();
      for (Future<JsonObject> answer : answers) {
        JsonObject health = answer.result();
        if ("floor".equals(health.getString("target"))) {
          target = "floor";
        }
        ids.add(String.valueOf(health.getValue("node")));
      }
      return new Target(target, ids);
    });
  }

  /**
   * What the nodes are.
   *
   * @param name {@code townhall} or {@code floor}
   * @param nodeIds their ids, in the order of {@code --url}
   */
  public record Target(String name, List<String> nodeIds) {
  }
}

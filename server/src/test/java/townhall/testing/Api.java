package townhall.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * A plain HTTP client for the node's API, for tests. It speaks HTTP/1.1, as browsers and Prometheus do over plain
 * http: the JDK client's default, an h2c upgrade on each new connection, intermittently never gets the whole body
 * of an answer larger than one HTTP/2 frame (16 KiB, such as {@code /metrics}) from Vert.x 5.0.7, and its request
 * timeout does not cover the body.
 */
public final class Api {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String metricsBase;

  /** A client of the node's public port, without its metrics listener. */
  public Api(int port) {
    this(port, -1);
  }

  /** A client of the node's public port and of its metrics listener ({@code TownhallNode.metricsPort()}). */
  public Api(int port, int metricsPort) {
    this.base = "http://127.0.0.1:" + port;
    this.metricsBase = metricsPort < 0 ? null : "http://127.0.0.1:" + metricsPort;
  }

  /** A client of the node's public port and of its metrics listener. */
  public static Api of(townhall.TownhallNode node) {
    return new Api(node.port(), node.metricsPort());
  }

  /** {@code GET /metrics} on the node's metrics listener. */
  public Reply scrape() {
    if (metricsBase == null) {
      throw new IllegalStateException("This client was made without the node's metrics port: use Api.of(node)");
    }
    return send(HttpRequest.newBuilder(URI.create(metricsBase + "/metrics")).GET());
  }

  /** A response's status and JSON body (null when the body is not JSON). */
  public record Reply(int status, JsonObject json, String body, HttpResponse<String> raw) {
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A GET with {@code Authorization: Bearer <bearer>} (none when null). */
  public Reply get(String path, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request);
  }

  /** A DELETE with {@code Authorization: Bearer <bearer>} (none when null). */
  public Reply delete(String path, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request);
  }

  /** A GET as if from {@code clientAddress}: the node trusts loopback's {@code X-Forwarded-For}, as behind nginx. */
  public Reply getFrom(String path, String clientAddress) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("X-Forwarded-For", clientAddress));
  }

  public Reply post(String path, String body, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request);
  }

  /** A POST with {@code Authorization: Bearer <bearer>} as if from {@code clientAddress} (see {@link #getFrom}). */
  public Reply postFrom(String path, String body, String bearer, String clientAddress) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
        .header("X-Forwarded-For", clientAddress));
  }

  /** A request of any method, path and headers (pairs of name and value), with an optional body. */
  public Reply request(String method, String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  /** A POST whose {@code Authorization} header is exactly {@code authorization} (none when null). */
  public Reply postWithAuthorization(String path, String body, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request);
  }

  /**
   * The value of an unlabelled metric in {@code GET /metrics} (Prometheus text), or {@code NaN} when it is not
   * there.
   */
  public double metric(String name) {
    for (String line : scrape().body().split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return Double.NaN;
  }

  /**
   * The value of the series of metric {@code name} carrying every label of {@code labels} ({@code type="ask"},
   * say) in {@code GET /metrics}, or {@code NaN} when there is none; the first such series when several are.
   */
  public double metric(String name, String... labels) {
    return metricIn(scrape().body(), name, labels);
  }

  /** Like {@link #metric(String, String...)}, over a scrape already read. */
  public static double metricIn(String scrape, String name, String... labels) {
    for (String line : scrape.split("\n")) {
      if (!line.startsWith(name + "{")) {
        continue;
      }
      int close = line.lastIndexOf('}');
      String series = line.substring(name.length() + 1, close);
      if (Arrays.stream(labels).allMatch(label -> ("," + series + ",").contains("," + label + ","))) {
        return Double.parseDouble(line.substring(close + 1).trim());
      }
    }
    return Double.NaN;
  }

  /** Creates a session as the organizer and answers the 201 body. */
  public JsonObject createSession(String title, String moderation, boolean anonymous) {
    Reply reply = post("/api/sessions", new JsonObject().put("title", title).put("moderation", moderation)
        .put("anonymous", anonymous).put("locale", "vi").encode(), TestNodes.ADMIN_TOKEN);
    if (reply.status() != 201) {
      throw new AssertionError("Session not created: " + reply.status() + " " + reply.body());
    }
    return reply.json();
  }

  /** Sends any request (tests that set their own headers, cookies included). */
  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonObject json;
      try {
        json = new JsonObject(response.body());
      } catch (RuntimeException e) {
        json = null;
      }
      return new Reply(response.statusCode(), json, response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

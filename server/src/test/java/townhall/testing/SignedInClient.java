package townhall.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * A browser's view of the API after signing in: it sends the sign-in cookie with every request and, on writes, the
 * CSRF token (unless a test leaves it out on purpose).
 */
public final class SignedInClient {
  private final Api api;
  private final String base;
  private final String cookie;
  private final String csrf;

  private SignedInClient(Api api, String base, String cookie, String csrf) {
    this.api = api;
    this.base = base;
    this.cookie = cookie;
    this.csrf = csrf;
  }

  /** From the answer of a sign-in ({@code /api/login}, {@code /api/setup}, an accepted invitation). */
  public static SignedInClient from(Api api, int port, Api.Reply signIn) {
    if (signIn.status() != 200) {
      throw new IllegalStateException("Sign-in failed: " + signIn.status() + " " + signIn.body());
    }
    return new SignedInClient(api, "http://127.0.0.1:" + port, cookieOf(signIn),
        signIn.json().getString("csrfToken"));
  }

  /** Signs in with email and password. */
  public static SignedInClient signIn(Api api, int port, String email, String password) {
    return from(api, port, api.post("/api/login", new JsonObject().put("email", email).put("password", password)
        .encode(), null));
  }

  /** The {@code th_session=...} pair of the answer's Set-Cookie header. */
  public static String cookieOf(Api.Reply reply) {
    List<String> cookies = reply.raw().headers().allValues("Set-Cookie");
    return cookies.stream().filter(c -> c.startsWith("th_session=")).map(c -> c.split(";", 2)[0]).findFirst()
        .orElseThrow(() -> new IllegalStateException("No sign-in cookie in " + cookies));
  }

  public String cookie() {
    return cookie;
  }

  public String csrf() {
    return csrf;
  }

  public Api.Reply get(String path) {
    return api.send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Cookie", cookie));
  }

  public Api.Reply post(String path, String body) {
    return post(path, body, true);
  }

  public Api.Reply post(String path, String body, boolean withCsrf) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
        .header("Cookie", cookie);
    if (withCsrf) {
      request.header("X-CSRF-Token", csrf);
    }
    return api.send(request);
  }

  /** A DELETE with the cookie and, unless {@code withCsrf} is false, the CSRF token. */
  public Api.Reply delete(String path, boolean withCsrf) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).DELETE().header("Cookie", cookie);
    if (withCsrf) {
      request.header("X-CSRF-Token", csrf);
    }
    return api.send(request);
  }
}

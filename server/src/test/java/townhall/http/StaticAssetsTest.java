package townhall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import townhall.testing.NodeTestBase;

/**
 * How the web client is served: content-hashed asset URLs cached for a year, rewritten references (pages, module
 * imports, the manifest), gzip when accepted, revalidation of pages, and the service worker's shell list.
 */
class StaticAssetsTest extends NodeTestBase {
  private static final Pattern HASHED = Pattern.compile("/assets/[0-9a-f]{12}/[A-Za-z0-9_./-]+");
  /** A relative static import or import(); not a JSDoc type such as {@code {import('./x.js').X}}. */
  private static final Pattern RELATIVE_IMPORT =
      Pattern.compile("(\\bfrom\\s*|(?<![{:|]\\s?)\\bimport\\s*\\(\\s*)['\"]\\.{1,2}/");
  private static final Pattern STATIC_IMPORT =
      Pattern.compile("(?:\\bfrom\\s*|\\bimport\\s*)['\"](" + HASHED.pattern() + ")['\"]");
  private static final Pattern DYNAMIC_IMPORT =
      Pattern.compile("\\bimport\\s*\\(\\s*['\"](" + HASHED.pattern() + ")['\"]\\s*\\)");
  private static final Pattern STRING_KEY = Pattern.compile("(?m)^\\s*'([a-z0-9_.-]+)':");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private record Reply(int status, java.net.http.HttpHeaders headers, byte[] raw) {
    String header(String name) {
      return headers.firstValue(name).orElse("");
    }

    /** The body as text, gunzipped when it was sent gzipped. */
    String text() {
      if (!"gzip".equals(header("Content-Encoding"))) {
        return new String(raw, StandardCharsets.UTF_8);
      }
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void pagesReferToAssetsByContentHashAndAssetsAreCachedForAYear() {
    Reply page = get("/j/123456", true);
    assertEquals(200, page.status());
    String html = page.text();
    Set<String> urls = hashedUrls(html);
    assertTrue(urls.stream().anyMatch(u -> u.endsWith("/css/app.css")), html);
    assertTrue(urls.stream().anyMatch(u -> u.endsWith("/app/pages/audience.js")), html);
    assertFalse(html.contains("\"/assets/app/") || html.contains("\"/assets/css/"), "an unhashed reference: " + html);
    for (String url : urls) {
      Reply asset = get(url, true);
      assertEquals(200, asset.status(), url);
      assertEquals(Pages.IMMUTABLE, asset.header("Cache-Control"), url);
    }
  }

  @Test
  void moduleImportsArePreloadedAndRewrittenToHashedUrlsThroughTheWholeGraph() {
    String html = get("/j/123456", true).text();
    Matcher preload = Pattern.compile("<link rel=\"modulepreload\" href=\"(" + HASHED.pattern() + ")\">").matcher(html);
    Set<String> preloaded = new LinkedHashSet<>();
    while (preload.find()) {
      preloaded.add(preload.group(1));
    }
    assertTrue(preloaded.stream().anyMatch(u -> u.endsWith("/app/views/question-item.js")),
        "a module two imports deep is preloaded: " + preloaded);

    // Walk the module graph from the entry: every import, static or import(), is an absolute hashed URL; what the
    // entry needs before it runs (its static imports, transitively) is preloaded, what it imports later is not.
    String entry = hashedUrls(html).stream().filter(u -> u.endsWith("/app/pages/audience.js")).findFirst().orElseThrow();
    List<String> todo = new ArrayList<>(List.of(entry));
    Set<String> needed = new LinkedHashSet<>(todo);
    Set<String> later = new LinkedHashSet<>();
    while (!todo.isEmpty()) {
      String url = todo.remove(0);
      Reply module = get(url, true);
      assertEquals(200, module.status(), url);
      assertTrue(module.header("Content-Type").startsWith("text/javascript"), url);
      String source = module.text();
      assertFalse(RELATIVE_IMPORT.matcher(source).find(), url + " still imports by a relative path");
      boolean neededFirst = needed.contains(url);
      for (Matcher m = STATIC_IMPORT.matcher(source); m.find(); ) {
        String imported = m.group(1);
        if (neededFirst ? needed.add(imported) : !needed.contains(imported) && later.add(imported)) {
          todo.add(imported);
        }
      }
      for (Matcher m = DYNAMIC_IMPORT.matcher(source); m.find(); ) {
        if (!needed.contains(m.group(1)) && later.add(m.group(1))) {
          todo.add(m.group(1));
        }
      }
    }
    needed.remove(entry);
    assertEquals(needed, preloaded, "the preloads are the entry's static imports, transitively");
    assertTrue(needed.size() > 10, "the resident page's first module graph: " + needed);
    for (String deferred : List.of("/app/views/announcements.js", "/app/offline-shell.js", "/app/strings/en.js",
        "/app/api.js")) {
      assertTrue(later.stream().anyMatch(u -> u.endsWith(deferred)), deferred + " is loaded later: " + later);
    }
  }

  @Test
  void theResidentPageCarriesTheSessionsPublicFactsEscapedAndNoneForAnUnknownCode() {
    JsonObject created = api.createSession("<b>\"Phường\" & 'hẻm'</b>", "pre", true);
    String html = get("/j/" + created.getString("code"), true).text();
    Matcher meta = Pattern.compile("<meta name=\"townhall-session\" content=\"([^\"<>]*)\">").matcher(html);
    assertTrue(meta.find(), html);
    assertFalse(meta.group(1).contains("'") || meta.group(1).contains("<"), meta.group(1));
    JsonObject facts = new JsonObject(meta.group(1).replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    assertEquals(new JsonObject().put("id", created.getString("id")).put("code", created.getString("code"))
        .put("title", "<b>\"Phường\" & 'hẻm'</b>").put("status", "open").put("locale", "vi"), facts);

    int code = Integer.parseInt(created.getString("code"));
    String other = String.format(java.util.Locale.ROOT, "%06d", (code + 1) % 1_000_000);
    assertFalse(get("/j/" + other, true).text().contains("townhall-session"), "no facts for an unknown code");
    assertFalse(get("/j/-", true).text().contains("townhall-session"), "nor for what is not a code");
  }

  @Test
  void everyStringIsInVietnameseAndEnglish() {
    String html = get("/", true).text();
    Set<String> keys = null;
    for (String lang : List.of("vi", "en")) {
      String url = hashedUrls(get(hashedUrls(html).stream().filter(u -> u.endsWith("/app/pages/join.js")).findFirst()
          .orElseThrow(), true).text()).stream().filter(u -> u.endsWith("/app/i18n.js")).findFirst().orElseThrow();
      String strings = hashedUrls(get(url, true).text()).stream().filter(u -> u.endsWith("/strings/" + lang + ".js"))
          .findFirst().orElseThrow();
      Set<String> found = new java.util.TreeSet<>();
      for (Matcher m = STRING_KEY.matcher(get(strings, true).text()); m.find(); ) {
        assertTrue(found.add(m.group(1)), lang + ": " + m.group(1) + " twice");
      }
      assertTrue(found.size() > 100, lang + ": " + found.size() + " strings");
      if (keys != null) {
        assertEquals(keys, found, "the same strings in both languages");
      }
      keys = found;
    }
  }

  @Test
  void textIsSentGzippedWhenAcceptedAndPlainOtherwise() {
    String html = get("/", true).text();
    List<String> samples = new ArrayList<>(List.of("/", "/j/123456", "/m/abc", "/stage/abc", "/organize", "/sw.js"));
    hashedUrls(html).stream().filter(u -> !u.endsWith(".png")).forEach(samples::add);
    for (String url : samples) {
      Reply zipped = get(url, true);
      assertEquals("gzip", zipped.header("Content-Encoding"), url);
      assertTrue(zipped.header("Vary").toLowerCase().contains("accept-encoding"), url);
      Reply plain = get(url, false);
      assertNotEquals("gzip", plain.header("Content-Encoding"), url);
      assertEquals(plain.text(), zipped.text(), url + ": the same content either way");
      assertTrue(zipped.raw().length < plain.raw().length, url + ": gzip is smaller");
    }
  }

  @Test
  void pagesAndTheServiceWorkerAreRevalidatedWithAnEntityTag() {
    for (String url : List.of("/", "/j/123456", "/sw.js")) {
      Reply first = get(url, true);
      assertEquals(Pages.REVALIDATE, first.header("Cache-Control"), url);
      String etag = first.header("ETag");
      assertFalse(etag.isEmpty(), url);
      Reply again = send(HttpRequest.newBuilder(uri(url)).header("If-None-Match", etag));
      assertEquals(304, again.status(), url);
      assertEquals(0, again.raw().length, url);
    }
  }

  @Test
  void anAssetOfAnotherDeploymentOrWithoutHashIsServedButNotCachedForLong() {
    String current = hashedUrls(get("/", true).text()).stream().filter(u -> u.endsWith("/css/app.css"))
        .findFirst().orElseThrow();
    String expected = get(current, true).text();
    for (String url : List.of("/assets/000000000000/css/app.css", "/assets/css/app.css")) {
      Reply reply = get(url, true);
      assertEquals(200, reply.status(), url);
      assertEquals(Pages.REVALIDATE, reply.header("Cache-Control"), url);
      assertEquals(expected, reply.text(), url);
    }
    assertEquals(404, get("/assets/000000000000/css/nothing.css", true).status());
    assertEquals(404, get("/assets/000000000000/", true).status());
  }

  @Test
  void theServiceWorkerCarriesTheVersionAndTheResidentShellOfThisDeployment() {
    Reply worker = get("/sw.js", true);
    assertEquals(200, worker.status());
    assertTrue(worker.header("Content-Type").startsWith("text/javascript"));
    String source = worker.text();
    assertFalse(source.contains("__TOWNHALL_"), "placeholders left in the worker");
    Matcher version = Pattern.compile("const VERSION = '([0-9a-f]{12})';").matcher(source);
    assertTrue(version.find(), source);
    Set<String> shell = hashedUrls(source.substring(source.indexOf("const SHELL"), source.indexOf("const CACHE")));
    Set<String> page = hashedUrls(get("/j/123456", true).text());
    assertTrue(shell.containsAll(page), "the shell holds everything the resident page refers to: " + shell);
    assertTrue(shell.containsAll(hashedUrls(get("/", true).text())), "and everything the join page refers to");
    assertTrue(shell.stream().anyMatch(u -> u.endsWith("/icons/icon-192.png")), shell.toString());
    for (String url : shell) {
      assertEquals(200, get(url, true).status(), url);
    }
  }

  @Test
  void theManifestNamesMaskableIcons192And512ThatExist() {
    String html = get("/j/123456", true).text();
    Matcher link = Pattern.compile("<link rel=\"manifest\" href=\"(" + HASHED.pattern() + ")\">").matcher(html);
    assertTrue(link.find(), html);
    Reply manifest = get(link.group(1), true);
    assertTrue(manifest.header("Content-Type").startsWith("application/manifest+json"));
    JsonObject json = new JsonObject(manifest.text());
    assertEquals("standalone", json.getString("display"));
    assertEquals("/", json.getString("scope"));
    assertFalse(json.containsKey("start_url"), "the page that links the manifest (/j/<code>) is where it starts");
    Set<String> maskable = new LinkedHashSet<>();
    JsonArray icons = json.getJsonArray("icons");
    for (int i = 0; i < icons.size(); i++) {
      JsonObject icon = icons.getJsonObject(i);
      assertTrue(HASHED.matcher(icon.getString("src")).matches(), icon.encode());
      Reply image = get(icon.getString("src"), true);
      assertEquals(200, image.status(), icon.encode());
      assertEquals(icon.getString("type"), image.header("Content-Type"), icon.encode());
      if ("image/png".equals(icon.getString("type"))) {
        ByteBuffer png = ByteBuffer.wrap(image.raw());
        String size = png.getInt(16) + "x" + png.getInt(20);
        assertEquals(icon.getString("sizes"), size, icon.encode());
      }
      if ("maskable".equals(icon.getString("purpose"))) {
        maskable.add(icon.getString("sizes"));
      }
    }
    assertTrue(maskable.containsAll(Set.of("192x192", "512x512")), "maskable icons: " + maskable);
  }

  // --- helpers ---

  private static Set<String> hashedUrls(String text) {
    Set<String> urls = new LinkedHashSet<>();
    Matcher m = HASHED.matcher(text);
    while (m.find()) {
      urls.add(m.group());
    }
    return urls;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }

  private Reply get(String path, boolean gzip) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (gzip) {
      request.header("Accept-Encoding", "gzip, deflate, br");
    }
    return send(request);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

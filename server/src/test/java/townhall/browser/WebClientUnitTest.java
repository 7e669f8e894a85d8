package townhall.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import townhall.testing.HeadlessChromium;

/**
 * The web client's pure modules (store, outbox, sync, i18n, text) tested on their own, in Chromium, without a node
 * or Redis and without a Node toolchain: each {@code src/test/resources/js-unit/*.test.js} runs in a page of its
 * own (fresh modules, empty storage), and every JS test is reported here as a test of its own, so a failure names
 * the JS test and says what it expected. Playwright answers the page's requests itself: {@code /app/...} from the
 * web client's jar, {@code /tests/...} from the test resources; nothing listens on a port.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebClientUnitTest {
  private static final String ORIGIN = "http://js-unit.test";
  private static final String TESTS = "js-unit/";
  private static final String CLIENT = "townhall-web/assets/app/";
  private static final double WAIT_MS = 30_000;
  private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
      "html", "text/html; charset=utf-8");

  @TestFactory
  Stream<DynamicTest> theWebClientModulesPassTheirUnitTests() {
    List<String> files = testFiles();
    assertTrue(files.size() >= 5, "the JS test files were not found: " + files);
    List<DynamicTest> tests = new ArrayList<>();
    try (HeadlessChromium chromium = HeadlessChromium.launch(WAIT_MS)) {
      for (String file : files) {
        tests.addAll(run(chromium, file));
      }
    }
    return tests.stream();
  }

  private static List<DynamicTest> run(HeadlessChromium chromium, String file) {
    BrowserContext context = chromium.browser().newContext();
    try {
      context.route(ORIGIN + "/**", WebClientUnitTest::serve);
      Page page = context.newPage();
      List<String> problems = Collections.synchronizedList(new ArrayList<>());
      page.onPageError(error -> problems.add("page error: " + error));
      page.onConsoleMessage(message -> {
        if ("error".equals(message.type())) {
          problems.add("console error: " + message.text());
        }
      });
      page.navigate(ORIGIN + "/run.html?file=" + file);
      page.waitForFunction("() => Array.isArray(window.__results)", null,
          new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
      JsonArray results = new JsonArray((String) page.evaluate("() => JSON.stringify(window.__results)"));
      List<DynamicTest> tests = new ArrayList<>();
      tests.add(DynamicTest.dynamicTest(file + " ran tests", () -> assertFalse(results.isEmpty(), file)));
      for (int i = 0; i < results.size(); i++) {
        JsonObject result = results.getJsonObject(i);
        String name = file + ": " + result.getString("name");
        tests.add(DynamicTest.dynamicTest(name, () -> {
          if (!result.getBoolean("ok")) {
            fail(name + "\n" + result.getString("error"));
          }
        }));
      }
      List<String> seen = List.copyOf(problems);
      tests.add(DynamicTest.dynamicTest(file + " logged no errors", () ->
          assertEquals(List.of(), seen, "console errors or page errors")));
      return tests;
    } finally {
      context.close();
    }
  }

  /** {@code /run.html} and {@code /tests/x} from the test resources, {@code /app/x} from the web client. */
  private static void serve(Route route) {
    String path = URI.create(route.request().url()).getPath();
    String resource = path.equals("/run.html") ? TESTS + "runner.html"
        : path.startsWith("/tests/") ? TESTS + path.substring("/tests/".length())
        : path.startsWith("/app/") ? CLIENT + path.substring("/app/".length())
        : null;
    byte[] body = resource == null || resource.contains("..") ? null : read(resource);
    if (body == null) {
      route.fulfill(new Route.FulfillOptions().setStatus(404).setBody("not found: " + path));
      return;
    }
    String type = TYPES.getOrDefault(path.substring(path.lastIndexOf('.') + 1), "application/octet-stream");
    route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType(type).setBodyBytes(body));
  }

  private static byte[] read(String resource) {
    try (InputStream in = WebClientUnitTest.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> testFiles() {
    URL folder = WebClientUnitTest.class.getClassLoader().getResource(TESTS);
    assertTrue(folder != null, "no " + TESTS + " on the test classpath");
    try (Stream<Path> list = Files.list(Path.of(folder.toURI()))) {
      return list.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".test.js")).sorted().toList();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

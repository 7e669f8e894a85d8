package townhall.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import townhall.TownhallNode;

/**
 * The browser tests' fixture, as {@link NodeTestBase} is the protocol tests': per test class one real Redis, one
 * node on it (with a key prefix of its own and the settings the class asks for), an HTTP client for the node, a
 * Vert.x for protocol clients, and one headless Chromium. A class that breaks its Redis starts its own and opts out
 * of the shared node ({@link #sharesANode()}). One test instance per class, so the settings can be asked of the class
 * before anything starts; each test still opens browser contexts of its own and closes them after itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class BrowserTestBase {
  /** How long Playwright's auto-waiting assertions wait unless a class says otherwise. */
  protected static final double WAIT_MS = 10_000;

  protected TestRedis redis;
  protected String keyPrefix;
  protected TownhallNode node;
  protected Api api;
  protected Vertx vertx;
  protected HeadlessChromium chromium;
  protected Browser browser;

  /** The node's settings beyond {@link TestNodes}' defaults, as dotted config keys. */
  protected Map<String, ?> nodeSettings() {
    return Map.of();
  }

  /** False for a class that starts the Redis and nodes it needs itself. */
  protected boolean sharesANode() {
    return true;
  }

  /** How long Playwright's auto-waiting assertions wait. */
  protected double assertionTimeoutMs() {
    return WAIT_MS;
  }

  /** {@code http://127.0.0.1:<port>}: the shared node's origin. */
  protected String origin() {
    return "http://127.0.0.1:" + node.port();
  }

  @BeforeAll
  void startRedisNodeAndChromium() {
    vertx = Vertx.vertx();
    if (sharesANode()) {
      redis = TestRedis.start();
      keyPrefix = TestNodes.freshPrefix();
      node = TestNodes.start(redis, keyPrefix, nodeSettings());
      api = new Api(node.port());
    }
    chromium = HeadlessChromium.launch(assertionTimeoutMs());
    browser = chromium.browser();
  }

  @AfterAll
  void stopChromiumNodeAndRedis() {
    if (chromium != null) {
      chromium.close();
    }
    TestNodes.stop(node);
    if (vertx != null) {
      Await.result(vertx.close(), 20);
    }
    if (redis != null) {
      redis.close();
    }
  }

  /** Waits (auto-retrying) until the page is in {@code lang}: English strings are fetched when first wanted. */
  protected static void awaitLanguage(Page page, String lang) {
    assertThat(page.locator("html")).hasAttribute("lang", lang,
        new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS));
  }

  /** The page in {@code lang} has no serious or critical axe-core violation. */
  protected static void assertAccessible(Page page, String where, String lang) {
    awaitLanguage(page, lang);
    List<String> blocking = Axe.check(page).stream().filter(Axe.Violation::blocking).map(Object::toString).toList();
    assertEquals(List.of(), blocking, "axe-core: " + where + " · " + lang);
  }
}

package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.Api;
import townhall.testing.BrowserTestBase;

/**
 * The installable shell: the resident page registers its service worker (under the strict CSP), which keeps the
 * page, its hashed assets and icons, never the API; with the network gone, a reload still shows the page, from the
 * worker, which says plainly that it is offline and recovers by itself once the network is back.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OfflineShellBrowserTest extends BrowserTestBase {
  private static final double WAIT_MS = 15_000;

  @Override
  protected double assertionTimeoutMs() {
    return WAIT_MS;
  }




  @Test
  void theResidentPageLoadsFromTheServiceWorkerWhenOfflineAndSaysSo() {
    String code = new Api(node.port()).createSession("Phiên ngoại tuyến", "post", true).getString("code");
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740));
    context.setDefaultTimeout(WAIT_MS);
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    try {
      Page page = context.newPage();
      page.onPageError(error -> problems.add("page error: " + error));
      page.onConsoleMessage(message -> {
        boolean offlineAttempt = message.text().contains("ERR_INTERNET_DISCONNECTED");
        if ("error".equals(message.type()) && !offlineAttempt) {
          problems.add("console error: " + message.text());
        }
      });
      page.navigate("http://127.0.0.1:" + node.port() + "/j/" + code);
      assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");

      // The worker took control and holds the shell: both pages, hashed assets and icons; nothing of the API.
      page.waitForFunction("() => navigator.serviceWorker.controller !== null", null,
          new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
      @SuppressWarnings("unchecked")
      List<String> cached = (List<String>) page.evaluate("async () => {"
          + "  const keys = (await caches.keys()).filter(k => k.startsWith('townhall-'));"
          + "  if (keys.length !== 1) return ['caches: ' + keys];"
          + "  const cache = await caches.open(keys[0]);"
          + "  return (await cache.keys()).map(r => new URL(r.url).pathname);"
          + "}");
      assertTrue(cached.contains("/") && cached.contains("/j/-"), "pages cached: " + cached);
      assertTrue(cached.stream().anyMatch(p -> p.matches("/assets/[0-9a-f]{12}/app/pages/audience\\.js")), cached.toString());
      assertTrue(cached.stream().anyMatch(p -> p.matches("/assets/[0-9a-f]{12}/icons/icon-512\\.png")),
          cached.toString());
      assertTrue(cached.stream().noneMatch(p -> p.startsWith("/api/") || p.startsWith("/ws")), cached.toString());

      context.setOffline(true);
      Response reloaded = page.reload();
      assertTrue(reloaded != null && reloaded.fromServiceWorker(), "the page did not come from the service worker");
      assertThat(page.locator("#ask-form")).isVisible();
      assertThat(page.locator("#conn-state")).hasAttribute("data-state", "offline");
      assertThat(page.locator("#error-banner")).hasText("Không tải được phiên. Đang thử lại…");
      assertEquals("vi", page.evaluate("() => document.documentElement.lang"));

      context.setOffline(false);
      assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
      assertThat(page.locator("#session-title")).hasText("Phiên ngoại tuyến");
      assertThat(page.locator("#error-box")).isHidden();
      assertEquals(List.of(), List.copyOf(problems));
    } finally {
      context.close();
    }
  }
}

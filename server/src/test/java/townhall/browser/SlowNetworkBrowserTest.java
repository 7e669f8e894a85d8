package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.WsClient;

/**
 * The resident page on a cheap phone and a weak network, measured in Chromium through the DevTools protocol: what a
 * cold load transfers (every HTTP request, as the browser received it, compressed as served), and how long until the
 * page is usable under emulated slow 3G (400 kbit/s each way, 400 ms round trip) with the CPU slowed down 4×.
 * The budgets are the issue's: under 100 KB, and usable within 3 s (the median of three cold loads). The build
 * checks what does not depend on the machine's speed (bytes, requests, the chain of round trips); the time is a
 * benchmark run by hand (tag {@code benchmark}). Figures are printed for docs/performance.md.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SlowNetworkBrowserTest extends BrowserTestBase {
  private static final double WAIT_MS = 30_000;
  private static final long BUDGET_BYTES = 100_000;
  private static final double BUDGET_MS = 3_000;
  private static final int QUESTIONS = 12;
  private static final int SLOW_RUNS = 3;
  /** Slow 3G as the issue has it: 400 kbit/s down and up, 400 ms of latency per request. */
  private static final int THROUGHPUT_BYTES_PER_S = 400_000 / 8;
  private static final int LATENCY_MS = 400;
  private static final int CPU_SLOWDOWN = 4;
  /**
   * The page names every module its first render needs (modulepreload), so they all leave after the page, in one
   * round; what is imported later (once connected) is one round more. Nothing may wait on a longer chain.
   */
  private static final int MAX_ROUND_TRIPS_AFTER_PAGE = 2;

  private String code;

  @Override
  protected double assertionTimeoutMs() {
    return WAIT_MS;
  }

  @BeforeAll
  void aSessionOfQuestions() {
    io.vertx.core.json.JsonObject session = api.createSession(
        "Đối thoại phường Bến Nghé: giao thông, chiếu sáng và thu gom rác", "post", true);
    code = session.getString("code");
    try (WsClient resident = Moderation.join(vertx, node.port(), session.getString("id"), null)) {
      resident.next("welcome");
      for (int i = 1; i <= QUESTIONS; i++) {
        Moderation.asked(resident, "Câu hỏi số " + i + ": khi nào phường sửa xong đường và lắp đèn chiếu sáng ở hẻm "
            + (40 + i) + ", và ai chịu trách nhiệm giám sát thi công ạ?");
      }
    }
  }

  @Test
  void aColdLoadStaysWithinItsBytesRequestsAndRoundTrips() {
    BrowserContext context = phone();
    try {
      Page page = context.newPage();
      CDPSession cdp = context.newCDPSession(page);
      Map<String, String> types = new ConcurrentHashMap<>();
      Map<String, String> urls = new ConcurrentHashMap<>();
      Map<String, String> encodings = new ConcurrentHashMap<>();
      Map<String, Double> transferred = new ConcurrentHashMap<>();
      List<JsonObject> sent = Collections.synchronizedList(new ArrayList<>());
      cdp.on("Network.requestWillBeSent", sent::add);
      cdp.on("Network.responseReceived", event -> {
        String id = event.get("requestId").getAsString();
        types.put(id, event.get("type").getAsString());
        JsonObject response = event.getAsJsonObject("response");
        urls.put(id, response.get("url").getAsString());
        encodings.put(id, header(response.getAsJsonObject("headers"), "content-encoding"));
      });
      cdp.on("Network.loadingFinished", event ->
          transferred.put(event.get("requestId").getAsString(), event.get("encodedDataLength").getAsDouble()));
      cdp.send("Network.enable");
      cdp.send("Network.setCacheDisabled", params("cacheDisabled", true));

      page.navigate(url());
      assertUsable(page);
      page.waitForLoadState(LoadState.NETWORKIDLE);

      Map<String, Double> byType = new TreeMap<>();
      List<String> lines = new ArrayList<>();
      double total = 0;
      for (Map.Entry<String, Double> finished : transferred.entrySet()) {
        String id = finished.getKey();
        String type = types.getOrDefault(id, "Other");
        byType.merge(type, finished.getValue(), Double::sum);
        total += finished.getValue();
        lines.add(String.format(Locale.ROOT, "%-10s %7.0f B %-5s %s", type, finished.getValue(),
            encodings.getOrDefault(id, ""), urls.getOrDefault(id, "?")));
        if (List.of("Document", "Script", "Stylesheet").contains(type)) {
          assertEquals("gzip", encodings.get(id), urls.get(id) + " was not sent compressed");
        }
      }
      Collections.sort(lines);
      System.out.printf(Locale.ROOT, "[SlowNetworkBrowserTest] cold load of /j/<code>: %d requests, %.0f bytes "
          + "transferred (headers and bodies, compressed as served) %s%n", transferred.size(), total, byType);
      lines.forEach(line -> System.out.println("[SlowNetworkBrowserTest]   " + line));
      assertTrue(transferred.size() > 5, "the page's requests were not seen: " + lines);
      assertTrue(!byType.containsKey("Font"), "a web font was loaded: " + lines);
      assertTrue(total < BUDGET_BYTES, String.format(Locale.ROOT, "a cold load transferred %.0f bytes, over the "
          + "budget of %d: %s", total, BUDGET_BYTES, lines));

      List<String> chain = new ArrayList<>();
      int deepest = RequestChain.of(List.copyOf(sent)).describe(chain);
      chain.forEach(line -> System.out.println("[SlowNetworkBrowserTest]   chain " + line));
      assertTrue(deepest <= MAX_ROUND_TRIPS_AFTER_PAGE, "a request waited on " + deepest + " requests before it, "
          + "one after the other: " + String.join("\n", chain));
    } finally {
      context.close();
    }
  }

  /**
   * Over plain HTTP/1.1 (as here, on loopback) Chromium opens at most six connections to the node and pays the
   * 400 ms latency once per request, so what counts is how many modules the first render needs and how many bytes
   * they weigh; the page brings its session's facts (no join-code lookup) and opens the WebSocket from its first
   * module while the rest loads. docs/performance.md has the figures; the printed request list shows where the
   * time goes.
   *
   * <p>A benchmark, not a check: a time measured on a shared machine flakes, so the default build skips it (tag
   * {@code benchmark}) and asserts the figures that do not move instead (bytes, requests, round trips, above). Run
   * it by hand, on a quiet machine: {@code mvn -B -ntp -pl server -am test -Dtest=SlowNetworkBrowserTest
   * -Dtownhall.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}; docs/performance.md keeps the figures.
   */
  @Test
  @Tag("benchmark")
  void timeUntilTheResidentPageIsUsableOnSlow3gWithA4xSlowerCpu() {
    List<Double> runs = new ArrayList<>();
    for (int run = 0; run < SLOW_RUNS; run++) {
      BrowserContext context = phone();
      try {
        // Notes, by the page's own clock (zero: the start of navigation), when it became usable: the ask box and its
        // button enabled, online, and the session's questions listed.
        context.addInitScript("(() => {"
            + "  const Native = window.WebSocket;"
            + "  window.WebSocket = class extends Native {"
            + "    constructor(...args) {"
            + "      super(...args);"
            + "      window.__wsAt = performance.now();"
            + "      this.addEventListener('open', () => { window.__wsOpenAt = performance.now(); });"
            + "    }"
            + "  };"
            + "  const poll = () => {"
            + "    const text = document.getElementById('ask-text');"
            + "    const send = document.getElementById('ask-submit');"
            + "    const conn = document.getElementById('conn-state');"
            + "    const items = document.querySelectorAll('#questions li.question').length;"
            + "    if (text && send && conn && !text.disabled && !send.disabled && conn.dataset.state === 'online'"
            + "        && items >= " + QUESTIONS + ") {"
            + "      window.__usableAt = performance.now();"
            + "      return;"
            + "    }"
            + "    requestAnimationFrame(poll);"
            + "  };"
            + "  requestAnimationFrame(poll);"
            + "})();");
        Page page = context.newPage();
        CDPSession cdp = context.newCDPSession(page);
        cdp.send("Network.enable");
        cdp.send("Network.setCacheDisabled", params("cacheDisabled", true));
        cdp.send("Network.emulateNetworkConditions", params("offline", false, "latency", LATENCY_MS,
            "downloadThroughput", THROUGHPUT_BYTES_PER_S, "uploadThroughput", THROUGHPUT_BYTES_PER_S,
            "connectionType", "cellular3g"));
        cdp.send("Emulation.setCPUThrottlingRate", params("rate", CPU_SLOWDOWN));
        page.navigate(url(), new Page.NavigateOptions().setTimeout(WAIT_MS));
        page.waitForFunction("() => window.__usableAt !== undefined", null,
            new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
        double usableMs = ((Number) page.evaluate("window.__usableAt")).doubleValue();
        Object paint = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {})"
            + ".startTime ?? null");
        System.out.printf(Locale.ROOT, "[SlowNetworkBrowserTest] slow 3G (%d kbit/s, %d ms) and %dx CPU, run %d: "
            + "first contentful paint %s ms, usable at %.0f ms%n", THROUGHPUT_BYTES_PER_S * 8 / 1000, LATENCY_MS,
            CPU_SLOWDOWN, run + 1, paint == null ? "?" : String.format(Locale.ROOT, "%.0f",
                ((Number) paint).doubleValue()), usableMs);
        System.out.println("[SlowNetworkBrowserTest]   " + page.evaluate("() => {"
            + "  const r = performance.getEntriesByType('resource');"
            + "  const nav = performance.getEntriesByType('navigation')[0];"
            + "  const end = (pred) => Math.round(Math.max(0, ...r.filter(pred).map(e => e.responseEnd)));"
            + "  const api = r.find(e => e.name.includes('/api/sessions/by-code/'));"
            + "  return 'html ' + Math.round(nav.responseEnd) + ' ms, last script ' + end(e => e.name.endsWith('.js'))"
            + "    + ' ms, css ' + end(e => e.name.endsWith('.css')) + ' ms, DOMContentLoaded '"
            + "    + Math.round(nav.domContentLoadedEventEnd) + ' ms, join-code lookup ' + (api ? Math.round(api.startTime)"
            + "    + '–' + Math.round(api.responseEnd) : '?') + ' ms, WebSocket opened at ' + Math.round(window.__wsAt)"
            + "    + ', open ' + Math.round(window.__wsOpenAt) + ' ms';"
            + "}"));
        System.out.println("[SlowNetworkBrowserTest]   requests (start-end ms): " + page.evaluate("() => "
            + "performance.getEntriesByType('resource').filter(e => e.startTime < window.__usableAt)"
            + "  .map(e => e.name.replace(/^.*\\/assets\\/[0-9a-f]+\\//, '').replace(/^https?:\\/\\/[^/]+/, '')"
            + "    + ' ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd)).join(', ')"));
        runs.add(usableMs);
      } finally {
        context.close();
      }
    }
    List<Double> sorted = new ArrayList<>(runs);
    Collections.sort(sorted);
    double median = sorted.get(sorted.size() / 2);
    System.out.printf(Locale.ROOT, "[SlowNetworkBrowserTest] usable on slow 3G with %dx CPU: median %.0f ms of %s%n",
        CPU_SLOWDOWN, median, runs);
    System.out.printf(Locale.ROOT, "[SlowNetworkBrowserTest] %s the budget of %.0f ms%n",
        median < BUDGET_MS ? "within" : "OVER", BUDGET_MS);
  }

  private BrowserContext phone() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
        .setIsMobile(true).setHasTouch(true).setServiceWorkers(ServiceWorkerPolicy.BLOCK));
    context.setDefaultTimeout(WAIT_MS);
    return context;
  }

  private static void assertUsable(Page page) {
    assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
    assertThat(page.locator("#questions li.question")).hasCount(QUESTIONS);
    assertThat(page.locator("#ask-submit")).isEnabled();
  }

  private String url() {
    return "http://127.0.0.1:" + node.port() + "/j/" + code;
  }

  /** A DevTools command's parameters from name, value pairs. */
  private static JsonObject params(Object... pairs) {
    JsonObject params = new JsonObject();
    for (int i = 0; i < pairs.length; i += 2) {
      Object value = pairs[i + 1];
      if (value instanceof Boolean b) {
        params.addProperty((String) pairs[i], b);
      } else if (value instanceof Number n) {
        params.addProperty((String) pairs[i], n);
      } else {
        params.addProperty((String) pairs[i], String.valueOf(value));
      }
    }
    return params;
  }

  private static String header(JsonObject headers, String name) {
    for (String key : headers.keySet()) {
      if (key.equalsIgnoreCase(name)) {
        return headers.get(key).getAsString();
      }
    }
    return "";
  }
}

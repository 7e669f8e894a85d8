package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import townhall.testing.BrowserTestBase;

/**
 * The word cloud's view (views/word-cloud.js) on a real page: wordcloud2.js, served from our origin under the page's
 * Content-Security-Policy, draws the words on the canvas, and the same words are listed beside it with their counts.
 */
class WordCloudBrowserTest extends BrowserTestBase {
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void closeContexts() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    assertEquals(List.of(), List.copyOf(problems), "console or page errors");
    problems.clear();
  }

  @Test
  void theLibraryDrawsTheWordsAndTheListNamesThem() {
    JsonObject session = api.createSession("Phiên", "post", true);
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(800, 600));
    contexts.add(context);
    Page page = context.newPage();
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type())) {
        problems.add(m.text());
      }
    });
    page.onPageError(e -> problems.add(e.toString()));
    page.navigate(origin() + "/j/" + session.getString("code"));
    assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
    page.evaluate("async () => {"
        + " const { WordCloudView } = await import('/assets/app/views/word-cloud.js');"
        + " const box = document.createElement('section');"
        + " box.innerHTML = '<canvas id=\"wc\" width=\"600\" height=\"300\" role=\"img\"></canvas>'"
        + "   + '<ol id=\"wc-list\"></ol><p id=\"wc-empty\" hidden></p>';"
        + " document.querySelector('main').append(box);"
        + " new WordCloudView({ canvas: document.getElementById('wc'), list: document.getElementById('wc-list'),"
        + "   empty: document.getElementById('wc-empty') }).render([{ word: 'giao thông', count: 5 },"
        + "   { word: 'cây xanh', count: 3 }, { word: 'ngập nước', count: 2 }]);"
        + "}");
    assertThat(page.locator("#wc-list li")).hasCount(3);
    assertThat(page.locator("#wc-list li").first()).containsText("giao thông");
    page.waitForFunction("() => { const c = document.getElementById('wc');"
        + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + " for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; }");
    assertTrue((Boolean) page.evaluate("() => typeof window.WordCloud === 'function'"), "drawn by wordcloud2.js");
  }
}

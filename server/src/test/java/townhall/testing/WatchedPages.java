package townhall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Pages a browser test opens, each in a context of its own with the page's language chosen, whose console errors
 * and uncaught page errors are collected: {@link #closeAndAssertNoErrors()} (after each test) closes them all and
 * fails the test if any page logged an error, so a view that breaks without changing what the test looks at is caught.
 */
public final class WatchedPages {
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  /** Opens {@code origin + path} at {@code width × height} with {@code lang} chosen as the page language. */
  public Page open(Browser browser, String origin, String lang, String path, int width, int height, double waitMs) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    context.setDefaultTimeout(waitMs);
    context.addInitScript("try { window.localStorage.setItem('townhall.lang', '" + lang + "'); } catch (e) { }");
    contexts.add(context);
    Page page = context.newPage();
    watch(page, path);
    page.navigate(origin + path);
    return page;
  }

  /** Collects {@code page}'s console errors and uncaught errors, named by {@code where}. */
  public void watch(Page page, String where) {
    watch(page, where, null);
  }

  /**
   * As {@link #watch(Page, String)}, but a console error containing {@code expected} is one the page is meant to log
   * (e.g. a 401 the browser reports for a fetch the page makes before it may), not a problem.
   */
  public void watch(Page page, String where, String expected) {
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type()) && (expected == null || !message.text().contains(expected))) {
        problems.add(where + " console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add(where + " page error: " + error));
  }

  /** Closes every page opened, then fails if any of them logged an error. */
  public void closeAndAssertNoErrors() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    List<String> seen = List.copyOf(problems);
    problems.clear();
    assertEquals(List.of(), seen, "console or page errors");
  }
}

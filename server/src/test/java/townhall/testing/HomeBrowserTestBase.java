package townhall.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The organization's pages in Chromium: {@link HomeTestBase}'s Redis, PostgreSQL and node, one headless Chromium
 * for the class, and the accessibility checks every view of those pages passes.
 */
public abstract class HomeBrowserTestBase extends HomeTestBase {
  /** How long a page may take to show what a step waits for. */
  protected static final double WAIT_MS = 15_000;
  private static HeadlessChromium chromium;
  protected static Browser browser;

  @BeforeAll
  static void launchChromium() {
    chromium = HeadlessChromium.launch(WAIT_MS);
    browser = chromium.browser();
  }

  @AfterAll
  static void closeChromium() {
    if (chromium != null) {
      chromium.close();
    }
  }

  /** The address of the node the pages are served from. */
  protected String base() {
    return "http://127.0.0.1:" + node.port();
  }

  /** axe-core finds nothing blocking, and nothing scrolls sideways. */
  protected static void accessible(Page page) {
    List<Axe.Violation> blocking = Axe.check(page).stream().filter(Axe.Violation::blocking).toList();
    assertEquals(List.of(), blocking, page.url());
    assertFalse(Axe.scrollsSideways(page), "no sideways scrolling on " + page.url());
  }

  /**
   * Accessible as the page opens (Vietnamese), then after the switch (waiting for {@code english} in
   * {@code selector}), then switched back.
   */
  protected static void accessibleInBothLanguages(Page page, String selector, String english) {
    accessible(page);
    page.click("#lang-switch");
    assertThat(page.locator(selector).first()).containsText(english);
    accessible(page);
    page.click("#lang-switch");
  }
}

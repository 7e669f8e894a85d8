package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.WsClient;

/**
 * The resident and moderator flows with the keyboard only: Tab, Shift+Tab, Enter, Space, Escape, typing, and the
 * console's documented shortcuts. No click, no fill. After every step the focus is on an element of the page (never
 * lost to the body), and that element shows a visible focus indicator.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeyboardBrowserTest extends BrowserTestBase {
  private static final int MAX_TABS = 60;


  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());



  @BeforeEach
  void nothingYet() {
    contexts.clear();
    problems.clear();
  }

  @AfterEach
  void closeAndCheckConsoles() {
    contexts.forEach(BrowserContext::close);
    assertEquals(List.of(), List.copyOf(problems), "console errors or page errors");
  }

  @Test
  void residentJoinsAsksUpvotesSortsAndSwitchesLanguageWithTheKeyboard() {
    JsonObject session = api.createSession("Đối thoại phường Bến Nghé", "post", true);
    String code = session.getString("code");
    String neighbour;
    try (WsClient other = Moderation.join(vertx, node.port(), session.getString("id"), null)) {
      other.next("welcome");
      neighbour = Moderation.asked(other, "Khi nào phường lắp đèn chiếu sáng ở hẻm 42?");
    }

    Page page = open("/", 360, 740);
    // The join page puts the focus in the code field.
    assertFocused(page, "#code-input");
    page.keyboard().type(code);
    page.keyboard().press("Enter");
    page.waitForURL("**/j/" + code);
    assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
    assertThat(page.locator("#questions li.question")).hasCount(1);

    tabTo(page, "#ask-text");
    String text = "Phường có kế hoạch nạo vét cống trước mùa mưa không?";
    page.keyboard().type(text);
    tabTo(page, "#ask-author");
    page.keyboard().type("Chú Ba");
    tabTo(page, "#ask-submit");
    page.keyboard().press("Enter");
    Locator mine = page.locator("#questions li.question.is-mine");
    assertThat(mine).hasCount(1);
    assertThat(mine.locator(".q-text")).hasText(text);
    assertThat(page.locator("#ask-text")).hasValue("");
    assertFocusVisible(page);

    // Upvote the neighbour's question with Space; the list re-renders and re-sorts, the focus stays on the button.
    String vote = "#questions li.question[data-id='" + neighbour + "'] button.q-vote";
    tabTo(page, vote);
    page.keyboard().press("Space");
    assertThat(page.locator(vote)).hasAttribute("aria-pressed", "true");
    assertThat(page.locator(vote + " .q-votes")).hasText("1");
    assertFocused(page, vote);
    page.keyboard().press("Enter");
    assertThat(page.locator(vote)).hasAttribute("aria-pressed", "false");
    assertFocused(page, vote);
    page.keyboard().press("Space");
    assertThat(page.locator(vote)).hasAttribute("aria-pressed", "true");

    // Sort by recent, backwards through the page.
    shiftTabTo(page, "#sort-recent");
    page.keyboard().press("Enter");
    assertThat(page.locator("#sort-recent")).hasAttribute("aria-pressed", "true");
    assertThat(page.locator("#questions li.question").first()).hasClass(java.util.regex.Pattern.compile("is-mine"));
    assertFocused(page, "#sort-recent");

    // Switch the language; the focus stays on the switch.
    shiftTabTo(page, "#lang-switch");
    page.keyboard().press("Enter");
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("#ask-submit")).hasText("Send question");
    assertFocused(page, "#lang-switch");
    page.keyboard().press("Space");
    assertThat(page.locator("html")).hasAttribute("lang", "vi");
    assertFocused(page, "#lang-switch");
  }

  @Test
  void moderatorApprovesRejectsAnswersAndPutsOnStageWithTheKeyboard() {
    JsonObject session = api.createSession("Phiên điều phối bằng bàn phím", "pre", true);
    String id = session.getString("id");
    List<String> ids = new ArrayList<>();
    WsClient resident = Moderation.join(vertx, node.port(), id, null);
    try (resident) {
      resident.next("welcome");
      for (int i = 1; i <= 4; i++) {
        ids.add(Moderation.asked(resident, "Câu hỏi " + i + " về thoát nước ở tổ " + i + "?"));
      }
    }
    Page m = open("/m/" + id + "#token=" + session.getString("moderatorToken"), 1280, 800);
    assertThat(m.locator("#mod-conn-state")).hasAttribute("data-state", "online");
    assertThat(m.locator("#tab-pending .tab-count")).hasText("4");

    // 1: the pending tab, its selected row focused.
    m.keyboard().press("1");
    assertFocused(m, "#list-pending li.mod-question[data-id='" + ids.get(0) + "']");

    // a approves the first; the focus moves on to the row that took its place.
    m.keyboard().press("a");
    assertThat(m.locator("#tab-live .tab-count")).hasText("1");
    assertFocused(m, "#list-pending li.mod-question[data-id='" + ids.get(1) + "']");

    // Tab into the row's own buttons: its approve button, pressed with Space.
    tabTo(m, "#list-pending li.mod-question[data-id='" + ids.get(1) + "'] button.act-approve");
    m.keyboard().press("Space");
    assertThat(m.locator("#tab-live .tab-count")).hasText("2");
    assertFocused(m, "#list-pending li.mod-question[data-id='" + ids.get(2) + "']");

    // r opens the reject dialog; a category (its preset reason comes with it) with Space, then Tab to confirm and
    // Enter.
    m.keyboard().press("r");
    assertThat(m.locator("#reject-dialog")).isVisible();
    assertFocused(m, "#reject-dialog input[name='reject-category']");
    m.keyboard().press("Space");
    assertThat(m.locator("#reject-reason-text")).not().hasValue("");
    tabTo(m, "#reject-reason-text");
    m.keyboard().press("End");
    m.keyboard().type(" (bàn phím)");
    tabTo(m, "#reject-confirm");
    m.keyboard().press("Enter");
    assertThat(m.locator("#reject-dialog")).isHidden();
    assertThat(m.locator("#tab-rejected .tab-count")).hasText("1");
    assertFocused(m, "#list-pending li.mod-question[data-id='" + ids.get(3) + "']");

    // Escape closes a dialog and gives the focus back to the row.
    m.keyboard().press("m");
    assertThat(m.locator("#merge-dialog")).isVisible();
    m.keyboard().press("Escape");
    assertThat(m.locator("#merge-dialog")).isHidden();
    assertFocused(m, "#list-pending li.mod-question[data-id='" + ids.get(3) + "']");

    // 2: the live tab; j moves down; h puts the selected question on stage.
    m.keyboard().press("2");
    assertFocused(m, "#list-live li.mod-question[data-id='" + ids.get(0) + "']");
    m.keyboard().press("j");
    assertFocused(m, "#list-live li.mod-question[data-id='" + ids.get(1) + "']");
    m.keyboard().press("h");
    assertThat(m.locator("#mod-stage-current")).isVisible();
    assertThat(m.locator("#mod-stage-id")).hasText("#" + ids.get(1));
    assertFocused(m, "#list-live li.mod-question[data-id='" + ids.get(1) + "']");

    // t answers it: type the answer, Tab to confirm, Enter; the row leaves the tab, the focus does not get lost.
    m.keyboard().press("t");
    assertThat(m.locator("#answer-dialog")).isVisible();
    assertFocused(m, "#answer-text");
    m.keyboard().type("Tháng sau phường sẽ nạo vét toàn bộ tuyến cống.");
    tabTo(m, "#answer-confirm");
    m.keyboard().press("Enter");
    assertThat(m.locator("#answer-dialog")).isHidden();
    assertThat(m.locator("#tab-answered .tab-count")).hasText("1");
    assertFocused(m, "#list-live li.mod-question[data-id='" + ids.get(0) + "']");

    // x archives the last live row: with no row left in the tab, the focus goes to the tab itself.
    m.keyboard().press("x");
    assertThat(m.locator("#tab-archived .tab-count")).hasText("1");
    assertFocused(m, "#tab-live");

    // 5: the rejected tab, its row selected and shown whole, with the reason typed above.
    m.keyboard().press("5");
    assertFocused(m, "#list-rejected li.mod-question[data-id='" + ids.get(2) + "']");
    assertThat(m.locator("li.mod-question[data-id='" + ids.get(2) + "'] .q-reason")).containsText("(bàn phím)");

    // ? opens the shortcut help, Escape closes it.
    m.keyboard().press("?");
    assertThat(m.locator("#shortcuts-help")).isVisible();
    m.keyboard().press("Escape");
    assertThat(m.locator("#shortcuts-help")).isHidden();
    assertFocusVisible(m);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private Page open(String path, int width, int height) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    context.setDefaultTimeout(WAIT_MS);
    contexts.add(context);
    // The last moves of the focus, for the message of a failed assertion.
    context.addInitScript("window.__focusLog = [];"
        + "document.addEventListener('focusin', (e) => window.__focusLog.push('in ' + (e.target.id || e.target.className"
        + "  || e.target.tagName) + ' ' + (e.target.dataset?.id ?? '')), true);"
        + "document.addEventListener('focusout', (e) => window.__focusLog.push('out ' + (e.target.id"
        + "  || e.target.className || e.target.tagName) + ' ' + (e.target.dataset?.id ?? '')), true);");
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        problems.add(path + " console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add(path + " page error: " + error));
    page.navigate("http://127.0.0.1:" + node.port() + path);
    return page;
  }

  /** Presses Tab until the focus is on {@code selector}; every element passed on the way shows its focus. */
  private static void tabTo(Page page, String selector) {
    move(page, selector, "Tab");
  }

  private static void shiftTabTo(Page page, String selector) {
    move(page, selector, "Shift+Tab");
  }

  private static void move(Page page, String selector, String key) {
    for (int i = 0; i < MAX_TABS; i++) {
      if (isFocused(page, selector)) {
        assertFocusVisible(page);
        return;
      }
      page.keyboard().press(key);
      assertFocusVisible(page);
    }
    throw new AssertionError(selector + " not reached with " + key + " in " + MAX_TABS + " presses; focus is on "
        + describeFocus(page));
  }

  private static boolean isFocused(Page page, String selector) {
    return (Boolean) page.evaluate("s => document.activeElement !== null && document.activeElement.matches(s)",
        selector);
  }

  /** Waits (the page may move the focus a frame later) until {@code selector} has the focus, visibly. */
  private static void assertFocused(Page page, String selector) {
    try {
      page.waitForFunction("s => document.activeElement !== null && document.activeElement.matches(s)", selector,
          new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
    } catch (RuntimeException e) {
      throw new AssertionError("expected the focus on " + selector + ", it is on " + describeFocus(page), e);
    }
    assertFocusVisible(page);
  }

  /** The focused element is not the body, matches :focus-visible and draws an outline of at least 2 px. */
  private static void assertFocusVisible(Page page) {
    String problem = (String) page.evaluate("() => {"
        + "  const el = document.activeElement;"
        + "  if (!el || el === document.body || el === document.documentElement) return 'the focus is lost';"
        + "  if (!el.matches(':focus-visible')) return 'no :focus-visible on ' + el.outerHTML.slice(0, 120);"
        + "  const s = getComputedStyle(el);"
        + "  if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2) return 'no outline on '"
        + "    + el.outerHTML.slice(0, 120);"
        + "  if (!el.checkVisibility()) return 'the focused element is not visible: ' + el.outerHTML.slice(0, 120);"
        + "  return null;"
        + "}");
    assertTrue(problem == null, problem);
  }

  private static String describeFocus(Page page) {
    return (String) page.evaluate("() => (document.activeElement ? document.activeElement.outerHTML.slice(0, 160) "
        + ": 'nothing') + '; the last focus moves: ' + window.__focusLog.slice(-12).join(', ')");
  }
}

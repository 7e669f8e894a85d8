package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import townhall.testing.Axe;
import townhall.testing.BrowserTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WatchedPages;

/**
 * The organizer page (issue 13, item 6) on a laptop (1366 × 768) and a phone (360 × 740), in Vietnamese and
 * English: a new session is scrolled to and focused; the public record's link is clean; links that carry a token
 * are shortened on screen and copied whole; each saved session shows its date and status; "publish" is disabled
 * once the record is published; and the join code has one name on every page. Layout by element positions; axe-core
 * on every new state.
 */
class OrganizerPageBrowserTest extends BrowserTestBase {
  private final WatchedPages pages = new WatchedPages();

  @AfterEach
  void closePages() {
    pages.closeAndAssertNoErrors();
  }

  @ParameterizedTest(name = "{0} at {1}×{2}")
  @CsvSource({"vi,1366,768", "en,1366,768", "vi,360,740", "en,360,740"})
  void aNewSessionIsShownWhereTheEyeIsWithACleanRecordLinkShortTokenLinksDatesStatusesAndPublishOnce(String lang,
      int width, int height) {
    Page o = open(lang, "/organize", width, height);
    o.locator("#admin-token").fill(TestNodes.ADMIN_TOKEN);
    o.locator("#create-title").fill("Đối thoại phường Tân Định " + lang + width);
    o.locator("#create-submit").click();
    assertThat(o.locator("#created-code")).hasText(Pattern.compile("^\\d{6}$"));
    String code = o.locator("#created-code").textContent();

    // what was created, where the eye is: the session's card is on screen and has the focus
    assertThat(o.locator("#org-session-heading")).isFocused();
    assertOnScreen(o, "#org-session-heading");
    assertOnScreen(o, "#org-created-note");
    assertThat(o.locator("#org-created-note")).containsText(code);

    String moderatorLink = o.locator("#created-moderator-link").getAttribute("href");
    String id = moderatorLink.replaceAll(".*/m/([^/#]+)#.*", "$1");
    String token = moderatorLink.replaceAll(".*#token=", "");
    assertTrue(token.length() > 20, "a token link: " + moderatorLink);

    // the public record's link: clean, shown whole
    Locator record = o.locator("#created-record-link");
    assertThat(record).hasAttribute("href", origin() + "/r/" + id);
    assertThat(record).hasText(origin() + "/r/" + id);
    assertFalse(record.getAttribute("href").contains("token"), "no token in the public record's link");

    // links with a token: shortened on screen (never the token), copied whole
    for (String link : List.of("#created-moderator-link", "#created-stage-link", "#created-speaker-link")) {
      String href = o.locator(link).getAttribute("href");
      String shown = o.locator(link).textContent();
      assertTrue(href.contains("#token="), link + " carries its token: " + href);
      assertFalse(shown.contains(href.replaceAll(".*#token=", "")), link + " shows its token: " + shown);
      assertTrue(shown.length() < href.length(), link + " is shortened: " + shown);
      assertTrue(o.locator(link).boundingBox().width <= width, link + " fits the screen");
    }
    o.context().grantPermissions(List.of("clipboard-read", "clipboard-write"), new BrowserContext.GrantPermissionsOptions()
        .setOrigin(origin()));
    o.locator("[data-copy=created-moderator-link]").click();
    assertThat(o.locator("#org-copy-note")).not().isEmpty();
    assertEquals(moderatorLink, o.evaluate("() => navigator.clipboard.readText()"), "the whole link is copied");
    check(o, "session created", lang);

    // each saved session: its date and its status
    Locator saved = o.locator("#org-sessions li[data-id='" + id + "']");
    assertThat(saved.locator(".org-saved-date")).hasText(Pattern.compile(lang.equals("vi")
        ? "^Tạo lúc \\d\\d:\\d\\d, \\d\\d/\\d\\d/\\d{4}$" : "^Created \\d\\d:\\d\\d, \\d{1,2} \\w+ \\d{4}$"));
    assertThat(saved.locator(".org-saved-status")).hasText(lang.equals("vi") ? "Đang nhận câu hỏi" : "Taking questions");
    assertEquals(200, api.post("/api/sessions/" + id + "/status", new JsonObject().put("status", "closed").encode(),
        TestNodes.ADMIN_TOKEN).status());
    o.reload();
    assertThat(saved.locator(".org-saved-status")).hasAttribute("data-status", "closed");
    check(o, "saved sessions with their status", lang);

    // publish, once
    Locator publish = o.locator("#org-record-publish");
    assertThat(publish).isEnabled();
    publish.click();
    assertThat(publish).isDisabled();
    assertThat(publish).hasText(lang.equals("vi") ? "Đã công bố" : "Published");
    assertEquals(200, api.get("/api/sessions/" + id + "/record").status());
    assertThat(saved.locator(".org-saved-published")).isVisible();
    check(o, "record published", lang);
    o.reload();
    assertThat(o.locator("#org-record-publish")).isDisabled();
  }

  @Test
  void theJoinCodeHasOneNameOnEveryPage() {
    for (String lang : List.of("vi", "en")) {
      String name = lang.equals("vi") ? "Mã tham gia" : "Join code";
      Page join = open(lang, "/", 360, 740);
      assertThat(join.locator("label[for=code-input]")).hasText(name);
      Page organizer = open(lang, "/organize", 1366, 768);
      organizer.locator("#admin-token").fill(TestNodes.ADMIN_TOKEN);
      organizer.locator("#create-title").fill("Mã tham gia " + lang);
      organizer.locator("#create-submit").click();
      assertThat(organizer.locator(".org-join .field-label")).hasText(name);
    }
    for (String file : List.of("vi", "en")) {
      String strings = api.get("/assets/app/strings/" + file + ".js").body();
      for (String other : List.of("Mã phiên", "mã phiên", "Session code", "session code")) {
        assertFalse(strings.contains(other), file + ".js calls the join code '" + other + "'");
      }
    }
  }

  private static void assertOnScreen(Page page, String selector) {
    Object box = page.evaluate("s => { const r = document.querySelector(s).getBoundingClientRect();"
        + " return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }", selector);
    assertEquals(Boolean.TRUE, box, selector + " is on the screen");
  }

  private void check(Page page, String where, String lang) {
    assertAccessible(page, where, lang);
    assertFalse(Axe.scrollsSideways(page), where + ": the page scrolls sideways");
  }

  private Page open(String lang, String path, int width, int height) {
    return pages.open(browser, origin(), lang, path, width, height, WAIT_MS);
  }
}

package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Media;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.BrowserTestBase;
import townhall.testing.Axe;
import townhall.testing.Moderation;
import townhall.testing.RecordScenario;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The public record page of a published session, read without a token on a phone-sized screen: every question
 * with its fate, the totals and the final hash; search (without diacritics) and the fate filter; the three charts
 * drawn by Chart.js from our own origin under the strict CSP; Vietnamese and English; the print stylesheet (every
 * question, no controls). A record not yet published is withheld from the public and previewed, then published,
 * by a moderator; the console links to it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RecordPageBrowserTest extends BrowserTestBase {
  private static final String CSP_LISTENER = "window.__csp = [];"
      + "document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' '"
      + " + e.blockedURI));";




  @Test
  void publishedRecordShowsEveryFateSearchesFiltersChartsSwitchesLanguageAndPrints() {
    RecordScenario.Result s = RecordScenario.run(vertx, api, node.port());
    assertEquals(200, api.post("/api/sessions/" + s.sessionId() + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    JsonObject record = api.get("/api/sessions/" + s.sessionId() + "/record").json();

    Screen screen = open(origin() + "/r/" + s.sessionId());
    Page page = screen.page();
    assertThat(page.locator("#rec-title")).hasText(RecordScenario.TITLE);
    Locator questions = page.locator("#rec-list li.rec-q");
    assertThat(questions).hasCount(8);
    Map<Integer, String> fates = Map.of(1, "answered", 2, "open", 3, "merged", 4, "rejected", 5, "archived",
        6, "withdrawn", 7, "answered", 8, "not_reviewed");
    fates.forEach((n, fate) -> assertThat(item(page, s.q(n))).hasAttribute("data-fate", fate));
    assertThat(item(page, s.q(1)).locator(".rec-q-text")).hasText(RecordScenario.Q1_EDITED);
    assertThat(item(page, s.q(1)).locator(".rec-q-original")).hasCount(0);
    assertThat(item(page, s.q(8)).locator(".rec-q-text"))
        .hasText("Nội dung không công bố: chưa từng được hiển thị trong phiên");
    assertFalse(page.content().contains(RecordScenario.Q8), "a question never reviewed is not public");
    assertFalse(page.content().contains(RecordScenario.Q4_REASON), "a rejection's reason of category other is not");
    assertFalse(page.content().contains(RecordScenario.Q1), "the wording an edit replaced is not public");
    assertThat(item(page, s.q(1)).locator(".rec-q-answer-text")).hasText(RecordScenario.Q1_ANSWER);
    assertThat(item(page, s.q(4)).locator(".rec-q-text")).hasText(RecordScenario.Q4);
    assertThat(item(page, s.q(3)).locator(".rec-q-merged a")).hasAttribute("href", "#q-" + s.q(2));
    assertThat(item(page, s.q(2)).locator(".rec-q-author")).hasText("Ẩn danh");
    assertThat(item(page, s.q(1)).locator(".rec-step-by").first()).hasText("Điều phối viên 1");
    assertThat(page.locator("#rec-hash")).hasText(record.getJsonObject("chain").getString("finalHash"));
    assertThat(page.locator("[data-total=questions] dd")).hasText("8");
    assertThat(page.locator("[data-total=rejected] dd")).hasText("1");

    for (String chart : List.of("participation", "questions", "fates")) {
      String canvas = "#rec-chart-" + chart;
      assertTrue((Boolean) page.evaluate("s => { const c = document.querySelector(s);"
          + " return window.Chart.getChart(c) !== undefined && c.width > 0 && c.height > 0; }", canvas),
          chart + " chart drawn by Chart.js");
      assertTrue(page.locator(canvas).getAttribute("aria-label").length() > 0, chart + " chart described");
    }

    page.locator("#rec-search").fill("duong le loi");
    assertThat(visible(page)).hasCount(1);
    assertThat(visible(page).first()).hasAttribute("data-id", s.q(1));
    page.locator("#rec-search").fill("");
    page.locator("#rec-fate").selectOption("open");
    assertThat(visible(page)).hasCount(1);
    page.locator("#rec-fate").selectOption("not_reviewed");
    assertThat(visible(page)).hasCount(1);
    page.locator("#rec-fate").selectOption("rejected");
    assertThat(visible(page)).hasCount(1);
    assertThat(visible(page).first()).hasAttribute("data-id", s.q(4));

    page.locator("#lang-switch").click();
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("#rec-questions-heading")).hasText("Questions");
    assertThat(item(page, s.q(4)).locator(".rec-fate")).hasText("Rejected");
    assertThat(item(page, s.q(1)).locator(".rec-step-by").first()).hasText("Moderator 1");
    assertThat(visible(page)).hasCount(1);
    page.locator("#lang-switch").click();
    assertThat(page.locator("#rec-questions-heading")).hasText("Các câu hỏi");

    // the screen shows only the rejected question; the printed minutes show all of them, without the controls
    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
    assertThat(page.locator("#rec-controls")).isHidden();
    assertThat(page.locator("#lang-switch")).isHidden();
    assertThat(page.locator(".rec-charts")).isHidden();
    assertThat(page.locator(".rec-downloads")).isHidden();
    for (int n = 1; n <= 8; n++) {
      assertThat(item(page, s.q(n))).isVisible();
    }
    assertThat(page.locator("#rec-title")).isVisible();
    assertThat(page.locator("#rec-totals")).isVisible();
    assertThat(page.locator("#rec-hash")).isVisible();
    assertEquals("rgb(0, 0, 0)", page.evaluate("getComputedStyle(document.body).color"), "black on white");
    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));
    assertThat(visible(page)).hasCount(1);
    screen.assertClean();
  }

  @Test
  void recordPageWritesVietnameseDatesLinksHowToVerifyAndTheVerifyPagePassesAxeInBothLanguages() {
    RecordScenario.Result s = RecordScenario.run(vertx, api, node.port());
    assertEquals(200, api.post("/api/sessions/" + s.sessionId() + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    Screen screen = open(origin() + "/r/" + s.sessionId());
    Page page = screen.page();
    assertThat(page.locator("#rec-list li.rec-q")).hasCount(8);
    assertTrue(page.locator("#rec-generated").textContent().matches(".*\\d\\d:\\d\\d, \\d\\d/\\d\\d/\\d{4}.*"),
        "the Vietnamese way: " + page.locator("#rec-generated").textContent());
    assertFalse(page.content().contains("java -cp"), "no command line on the public record");
    assertThat(page.locator("#rec-verify-link")).hasAttribute("href", "/verify");
    screen.assertClean();

    for (String language : List.of("vi", "en")) {
      Screen verify = open(origin() + "/verify");
      Page v = verify.page();
      if (language.equals("en")) {
        v.locator("#lang-switch").click();
        assertThat(v.locator("html")).hasAttribute("lang", "en");
      }
      assertThat(v.locator("h1")).not().isEmpty();
      assertTrue(v.locator(".verify-steps").textContent().contains("VerifyRecord"), "the command is here");
      List<String> blocking = new ArrayList<>();
      for (Axe.Violation violation : Axe.check(v)) {
        if (Axe.BLOCKING.contains(violation.impact())) {
          blocking.add(violation.toString());
        }
      }
      assertEquals(List.of(), blocking, "axe-core in " + language);
      verify.assertClean();
      verify.context().close();
    }
    screen.context().close();
  }

  @Test
  void anUnpublishedRecordIsWithheldFromThePublicAndPreviewedByAModeratorAndPublishedByTheOrganizer() {
    JsonObject created = api.createSession("Phiên chưa công bố", "post", true);
    String id = created.getString("id");
    String moderatorToken = created.getString("moderatorToken");
    try (WsClient alice = Moderation.join(vertx, node.port(), id, null)) {
      alice.next("welcome");
      Moderation.asked(alice, "<img src=x onerror=\"window.__xss='record'\"> Câu hỏi chưa công bố");
    }

    Screen anonymous = open(origin() + "/r/" + id);
    assertThat(anonymous.page().locator("#rec-withheld")).isVisible();
    assertThat(anonymous.page().locator("#rec-body")).isHidden();
    anonymous.assertCleanBut("401");

    Screen console = open(origin() + "/m/" + id + "#token=" + moderatorToken);
    assertThat(console.page().locator("#mod-link-record")).hasAttribute("href", "/r/" + id + "#preview");
    // the link carries no token: the record page it opens asks the open console for it
    Page opened = console.page().waitForPopup(() -> console.page().locator("#mod-link-record").click());
    assertThat(opened.locator("#rec-preview")).isVisible();
    assertThat(opened.locator("#rec-list li.rec-q")).hasCount(1);
    assertEquals(origin() + "/r/" + id, opened.url(), "no fragment left in the address bar");
    opened.close();
    console.assertClean();

    Screen preview = open(origin() + "/r/" + id + "#token=" + moderatorToken);
    Page page = preview.page();
    assertThat(page.locator("#rec-list li.rec-q")).hasCount(1);
    assertThat(page.locator(".rec-q-text"))
        .hasText("<img src=x onerror=\"window.__xss='record'\"> Câu hỏi chưa công bố");
    assertThat(page.locator("#rec-preview")).isVisible();
    assertEquals(origin() + "/r/" + id, page.url(), "the token left the address bar");
    assertEquals(401, api.post("/api/sessions/" + id + "/publish", "", moderatorToken).status(),
        "a moderator cannot publish");
    preview.assertClean();
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());

    Screen published = open(origin() + "/r/" + id);
    assertThat(published.page().locator("#rec-list li.rec-q")).hasCount(1);
    assertThat(published.page().locator("#rec-preview")).isHidden();
    published.assertClean();
  }

  @Test
  void theOrganizerOpensPublishesAndDeletesASessionsRecordFromTheOrganizerPage() {
    Screen organizer = open(origin() + "/organize");
    Page o = organizer.page();
    o.locator("#admin-token").fill(TestNodes.ADMIN_TOKEN);
    o.locator("#create-title").fill("Phiên của ban tổ chức");
    o.locator("#create-submit").click();
    assertThat(o.locator("#created-code")).hasText(java.util.regex.Pattern.compile("^\\d{6}$"));
    String moderatorLink = o.locator("#created-moderator-link").getAttribute("href");
    String id = moderatorLink.replaceAll(".*/m/([^/#]+)#.*", "$1");
    assertThat(o.locator("#org-record-link")).hasAttribute("href", "/r/" + id);
    // token links are kept for the tab only; another tab asks the server for them again with the admin token
    assertFalse(((String) o.evaluate("JSON.stringify(localStorage)")).contains("token="),
        "no token link in localStorage");
    Page later = organizer.context().newPage();
    later.navigate(origin() + "/organize");
    later.locator("#admin-token").fill(TestNodes.ADMIN_TOKEN);
    later.locator("#org-sessions li[data-id='" + id + "'] .org-saved-show").click();
    assertThat(later.locator("#created-moderator-link"))
        .hasAttribute("href", java.util.regex.Pattern.compile(".*/m/" + id + "#token=.+"));
    later.close();

    assertEquals(401, api.get("/api/sessions/" + id + "/record").status());
    o.locator("#org-record-publish").click();
    assertThat(o.locator("#org-record-note")).hasText("Đã công bố: ai có liên kết đều xem được biên bản.");
    assertEquals(200, api.get("/api/sessions/" + id + "/record").status());

    o.locator("#org-delete").click();
    assertThat(o.locator("#org-delete")).hasText("Bấm lần nữa để xóa vĩnh viễn");
    assertEquals(200, api.get("/api/sessions/" + id).status(), "one press deletes nothing");
    o.locator("#org-delete").click();
    assertThat(o.locator("#org-list-note")).hasText("Đã xóa phiên.");
    assertThat(o.locator("#org-sessions li[data-id=\"" + id + "\"]")).hasCount(0);
    assertEquals(404, api.get("/api/sessions/" + id).status());
    organizer.assertClean();
  }

  private static Locator item(Page page, String questionId) {
    return page.locator("#q-" + questionId);
  }

  private static Locator visible(Page page) {
    return page.locator("#rec-list li.rec-q:not(.is-filtered-out)");
  }

  /** Opens a page on a phone-sized screen, collecting CSP violations, console errors, page errors and dialogs. */
  private Screen open(String url) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
        .setLocale("vi-VN"));
    context.setDefaultTimeout(WAIT_MS);
    context.addInitScript(CSP_LISTENER);
    Page page = context.newPage();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type())) {
        problems.add("console error: " + m.text());
      }
    });
    page.onPageError(e -> problems.add("page error: " + e));
    page.onDialog(d -> {
      problems.add("dialog: " + d.message());
      d.dismiss();
    });
    Response response = page.navigate(url);
    String policy = response.headers().get("content-security-policy");
    assertTrue(policy != null && policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"),
        "a strict CSP header: " + policy);
    return new Screen(context, page, problems);
  }

  private record Screen(BrowserContext context, Page page, List<String> problems) {
    void assertClean() {
      assertCleanBut(null);
    }

    /** No CSP violation, injected element or payload run, and no console error but one naming {@code status}. */
    void assertCleanBut(String status) {
      try {
        assertEquals(List.of(), page.evaluate("window.__csp"), "CSP violations");
        assertEquals(null, page.evaluate("window.__xss"), "a payload ran");
        assertEquals(0, ((Number) page.evaluate("document.querySelectorAll('script:not([src]), iframe, "
            + "img[src=\"x\"], [onerror], style').length")).intValue(), "an element came from user text");
        synchronized (problems) {
          List<String> unexpected = problems.stream()
              .filter(p -> status == null || !p.contains("status of " + status)).toList();
          assertEquals(List.of(), unexpected, "console errors, page errors or dialogs");
        }
      } finally {
        context.close();
      }
    }
  }
}

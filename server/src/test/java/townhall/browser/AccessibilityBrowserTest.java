package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.BrowserTestBase;
import townhall.testing.Axe;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * axe-core on every page in each state that matters, in Vietnamese and in English: the join page, the resident
 * page (empty, with questions, with an answer, a question on stage, a rejection, an error, offline, paused, closed,
 * not found), the moderator console (each tab, each dialog, the shortcut help, the signals panel, inline editing,
 * paused and closed, a link that is not a moderator's), the stage screen and the speaker view (empty, with questions,
 * a question on stage with its answer, paused, a refused link), the organizer page (empty, a session created, an
 * error). Any serious or critical violation fails the test, each listed with its page, state, language, impact and
 * rule. The same states are checked for touch targets of at least 44 × 44 px and for sideways scrolling at 320 CSS px
 * wide (and at 200 % text on the resident page).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AccessibilityBrowserTest extends BrowserTestBase {


  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  /** Every finding of the current test: "page · state · lang: violation". */
  private final List<String> blocking = new ArrayList<>();
  private final List<String> minor = new ArrayList<>();
  private final List<String> layout = new ArrayList<>();
  private int checkedStates;



  @BeforeEach
  void nothingYet() {
    contexts.clear();
    problems.clear();
    blocking.clear();
    minor.clear();
    layout.clear();
    checkedStates = 0;
  }

  @AfterEach
  void closeAndReport() {
    for (BrowserContext context : contexts) {
      context.close();
    }
    System.out.printf("[axe %s] %d states checked; serious or critical: %d; moderate or minor: %d; layout: %d%n",
        Axe.VERSION, checkedStates, blocking.size(), minor.size(), layout.size());
    minor.forEach(line -> System.out.println("[axe] (not blocking) " + line));
    blocking.forEach(line -> System.out.println("[axe] BLOCKING " + line));
    layout.forEach(line -> System.out.println("[layout] " + line));
    assertEquals(List.of(), blocking, "serious or critical axe violations");
    assertEquals(List.of(), layout, "touch targets under 44 × 44 px or sideways scrolling");
    assertEquals(List.of(), List.copyOf(problems), "console errors or page errors");
  }

  // ------------------------------------------------------------------------------------------------ resident

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void residentAndJoinPages(String lang) {
    JsonObject session = api.createSession("Đối thoại phường Bến Nghé", "pre", true);
    String id = session.getString("id");
    String code = session.getString("code");
    String modToken = session.getString("moderatorToken");

    Page join = open(lang, "/", 360, 740);
    check(join, "join", "empty", lang);
    join.locator("#code-input").fill("12");
    join.locator("#join-submit").click();
    assertThat(join.locator("#join-error")).isVisible();
    check(join, "join", "invalid code", lang);

    Page missing = open(lang, "/j/000000", 360, 740);
    assertThat(missing.locator("#not-found")).isVisible();
    check(missing, "resident", "session not found", lang);

    BrowserContext residentContext = context(lang, 360, 740);
    // Everything the polite live region ever says, in order.
    residentContext.addInitScript("document.addEventListener('DOMContentLoaded', () => {"
        + "  window.__announced = [];"
        + "  const region = document.getElementById('live-region');"
        + "  new MutationObserver(() => { if (region.textContent) window.__announced.push(region.textContent); })"
        + "    .observe(region, { childList: true, characterData: true, subtree: true });"
        + "});");
    Page r = page(residentContext, "/j/" + code);
    awaitOnline(r);
    assertThat(r.locator("#questions-empty")).isVisible();
    check(r, "resident", "empty session", lang);

    try (WsClient mod = Moderation.join(vertx, node.port(), id, modToken);
        WsClient other = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      other.next("welcome");
      String q1 = Moderation.asked(other, "Khi nào phường sửa xong đường Lê Lợi?");
      String q2 = Moderation.asked(other, "Lịch thu gom rác ở tổ 7 có thay đổi không?");
      String q3 = Moderation.asked(other, "Phường có kế hoạch mở thêm bãi giữ xe gần chợ không?");
      for (String q : List.of(q1, q2, q3)) {
        Moderation.ok(mod, Moderation.approve(q));
      }
      r.locator("#ask-text").fill("Câu hỏi của tôi, đang chờ duyệt");
      r.locator("#ask-submit").click();
      Locator mine = r.locator("#questions li.question.is-mine");
      assertThat(mine).hasCount(1);
      assertThat(r.locator("#questions li.question")).hasCount(4);
      r.locator("#questions li.question[data-id='" + q2 + "'] button.q-vote").click();
      assertThat(r.locator("#questions li.question[data-id='" + q2 + "'] button.q-vote"))
          .hasAttribute("aria-pressed", "true");
      check(r, "resident", "with questions, one mine pending, one upvoted", lang);
      // user text is in no known language (lang=""), the interface in the reader's
      assertThat(r.locator("#questions li.question[data-id='" + q2 + "'] .q-text")).hasAttribute("lang", "");
      assertThat(r.locator("#session-title")).hasAttribute("lang", "");
      assertThat(r.locator("#questions li.question[data-id='" + q2 + "'] .q-author")).not().hasAttribute("lang", "");
      textAt200Percent(r, "resident", "with questions", lang);

      Moderation.ok(mod, Moderation.answer(q1, "Tháng 12 năm nay sẽ xong."));
      assertThat(r.locator("#questions li.question[data-id='" + q1 + "'] .q-answer")).isVisible();
      assertThat(r.locator("#live-region")).containsText("Khi nào phường sửa xong đường Lê Lợi?");
      check(r, "resident", "with an answer", lang);

      Moderation.ok(mod, Moderation.highlight(q2));
      assertThat(r.locator("#questions li.question[data-id='" + q2 + "'] .q-onstage")).isVisible();
      assertThat(r.locator("#live-region")).containsText("Lịch thu gom rác ở tổ 7 có thay đổi không?");
      // votes are not news: a burst of them leaves the live region alone
      for (int i = 0; i < 6; i++) {
        Moderation.ok(other, Moderation.vote(i % 2 == 0 ? q2 : q3, 1 - (i / 2) % 2));
      }
      check(r, "resident", "question on stage", lang);

      String myId = mine.getAttribute("data-id");
      Moderation.ok(mod, Moderation.reject(myId, "Câu hỏi trùng với câu đã có."));
      assertThat(mine.locator(".q-reason")).isVisible();
      assertThat(r.locator("#live-region")).containsText("Câu hỏi trùng với câu đã có.");
      assertEquals(4, ((List<?>) r.evaluate("window.__announced")).size(), "one announcement each for the"
          + " question received, the answer, the stage and the rejection: " + r.evaluate("window.__announced"));
      check(r, "resident", "own question rejected with a reason", lang);

      r.locator("#ask-text").focus(); // the form stands as one line until focused
      r.locator("#ask-submit").click();
      assertThat(r.locator("#error-box")).isVisible();
      check(r, "resident", "error banner", lang);
      r.locator("#error-dismiss").click();

      residentContext.setOffline(true);
      assertThat(r.locator("#conn-state")).hasAttribute("data-state", "offline");
      assertThat(r.locator("#ask-offline")).isVisible();
      assertThat(r.locator("#offline-notice")).isVisible();
      r.locator("#ask-text").fill("Hỏi khi mất mạng");
      r.locator("#ask-submit").click();
      assertThat(r.locator("#pending-section")).isVisible();
      check(r, "resident", "offline, a question waiting to be sent", lang);
      residentContext.setOffline(false);
      awaitOnline(r);
      assertThat(r.locator("#offline-notice")).isHidden();

      Moderation.ok(mod, Moderation.session("pause"));
      assertThat(r.locator("#session-notice")).hasAttribute("data-status", "paused");
      check(r, "resident", "paused notice", lang);
      Moderation.ok(mod, Moderation.session("close"));
      assertThat(r.locator("#session-notice")).hasAttribute("data-status", "closed");
      check(r, "resident", "closed notice", lang);
    }
  }

  // ------------------------------------------------------------------------------------------------ moderator

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void moderatorConsole(String lang) {
    JsonObject session = api.createSession("Phiên điều phối", "pre", true);
    String id = session.getString("id");

    Page denied = open(lang, "/m/" + id, 1280, 800);
    assertThat(denied.locator("#mod-denied")).isVisible();
    check(denied, "moderator", "not a moderator link", lang);

    Page m = open(lang, "/m/" + id + "#token=" + session.getString("moderatorToken"), 1280, 800);
    assertThat(m.locator("#mod-conn-state")).hasAttribute("data-state", "online");
    check(m, "moderator", "empty session", lang);

    try (WsClient mod = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
        WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      resident.next("welcome");
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        ids.add(Moderation.asked(resident, "Câu hỏi số " + i + " về đường sá, điện, nước ở tổ " + i + "?"));
      }
      assertThat(m.locator("#tab-pending .tab-count")).hasText("7");
      check(m, "moderator", "pending tab with questions", lang);

      Moderation.ok(mod, Moderation.approve(ids.get(0)));
      Moderation.ok(mod, Moderation.approve(ids.get(1)));
      Moderation.ok(mod, Moderation.approve(ids.get(2)));
      Moderation.ok(mod, Moderation.highlight(ids.get(0)));
      Moderation.ok(mod, Moderation.answer(ids.get(2), "Đã có kế hoạch."));
      Moderation.ok(mod, Moderation.reject(ids.get(3), "Không đúng chủ đề."));
      Moderation.ok(mod, Moderation.approve(ids.get(4)));
      Moderation.ok(mod, Moderation.archive(ids.get(4)));
      assertThat(m.locator("#mod-stage-current")).isVisible();
      for (String tab : List.of("live", "answered", "archived", "rejected")) {
        m.locator("#tab-" + tab).click();
        assertThat(m.locator("#panel-" + tab + " li.mod-question").first()).isVisible();
        check(m, "moderator", tab + " tab", lang);
      }

      m.locator("#tab-pending").click();
      Locator row = m.locator("#list-pending li.mod-question").first();
      for (String dialog : List.of("reject", "merge", "ban")) {
        ModeratorConsoleBrowserTest.act(m, row, dialog);
        assertThat(m.locator("#" + dialog + "-dialog")).isVisible();
        check(m, "moderator", dialog + " dialog open", lang);
        m.keyboard().press("Escape");
        assertThat(m.locator("#" + dialog + "-dialog")).isHidden();
      }
      ModeratorConsoleBrowserTest.act(m, row, "reject");
      m.locator("#reject-confirm").click();
      assertThat(m.locator("#reject-error")).isVisible();
      check(m, "moderator", "reject dialog with an error", lang);
      m.keyboard().press("Escape");

      m.locator("#tab-live").click();
      ModeratorConsoleBrowserTest.act(m, m.locator("#list-live li.mod-question[data-id='" + ids.get(1) + "']"),
          "answer");
      assertThat(m.locator("#answer-dialog")).isVisible();
      check(m, "moderator", "answer dialog open", lang);
      m.keyboard().press("Escape");

      m.locator("#session-close").click();
      assertThat(m.locator("#close-dialog")).isVisible();
      check(m, "moderator", "close-session dialog open", lang);
      m.keyboard().press("Escape");

      ModeratorConsoleBrowserTest.act(m, m.locator("#list-live li.mod-question[data-id='" + ids.get(1) + "']"),
          "edit");
      assertThat(m.locator("#list-live .mq-editor")).isVisible();
      check(m, "moderator", "inline edit", lang);
      m.locator("#list-live .mq-editor button.edit-cancel").click();

      m.locator("#help-toggle").click();
      assertThat(m.locator("#shortcuts-help")).isVisible();
      check(m, "moderator", "shortcut help open", lang);
      m.locator("#help-toggle").click();

      m.locator("#signals-toggle").click();
      assertThat(m.locator("#mod-signals")).isVisible();
      assertThat(m.locator("#mod-signals-status")).not().hasAttribute("data-state", "loading");
      check(m, "moderator", "signals panel open", lang);
      m.locator("#signals-toggle").click();

      m.locator("#session-pause").click();
      assertThat(m.locator("#mod-session-notice")).hasAttribute("data-status", "paused");
      check(m, "moderator", "paused", lang);
      m.locator("#session-close").click();
      m.locator("#close-confirm").click();
      assertThat(m.locator("#mod-session-notice")).hasAttribute("data-status", "closed");
      check(m, "moderator", "closed", lang);
    }
  }

  // ------------------------------------------------------------------------------------------------ displays

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void stageAndSpeakerScreens(String lang) {
    JsonObject session = api.createSession("Đối thoại phường Đa Kao", "post", true);
    String id = session.getString("id");
    String stageToken = session.getString("stageToken");

    Page invalid = open(lang, "/stage/" + id, 1280, 720);
    assertThat(invalid.locator("#stage-invalid")).isVisible();
    check(invalid, "stage", "refused link", lang);
    Page invalidSpeaker = open(lang, "/speaker/" + id, 1024, 768);
    assertThat(invalidSpeaker.locator("#speaker-invalid")).isVisible();
    check(invalidSpeaker, "speaker", "refused link", lang);

    Page stage = open(lang, "/stage/" + id + "#token=" + stageToken, 1280, 720);
    Page speaker = open(lang, "/speaker/" + id + "#token=" + stageToken, 1024, 768);
    assertThat(stage.locator("#conn-state")).hasAttribute("data-state", "online");
    assertThat(speaker.locator("#conn-state")).hasAttribute("data-state", "online");
    check(stage, "stage", "empty", lang);
    check(speaker, "speaker", "empty", lang);

    try (WsClient mod = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
        WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      resident.next("welcome");
      String q1 = Moderation.asked(resident, "Khi nào phường sửa xong đường Lê Lợi và lắp đèn chiếu sáng?");
      Moderation.asked(resident, "Lịch thu gom rác ở tổ 7 có thay đổi không?");
      Moderation.asked(resident, "Phường có kế hoạch mở thêm bãi giữ xe không?");
      assertThat(stage.locator("#stage-next li")).hasCount(3);
      check(stage, "stage", "next questions", lang);
      check(speaker, "speaker", "next questions", lang);

      Moderation.ok(mod, Moderation.highlight(q1));
      Moderation.ok(mod, Moderation.answer(q1, "Tháng 12 năm nay sẽ xong."));
      assertThat(stage.locator("#stage-question .q-answer")).isVisible();
      assertThat(speaker.locator("#speaker-question")).isVisible();
      check(stage, "stage", "question on stage with its answer", lang);
      check(speaker, "speaker", "question on stage", lang);

      Moderation.ok(mod, Moderation.session("pause"));
      assertThat(stage.locator("#stage-status")).isVisible();
      check(stage, "stage", "paused", lang);
    }
  }

  // ------------------------------------------------------------------------------------------------ organizer

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void organizerPage(String lang) {
    Page o = open(lang, "/organize", 1280, 800);
    o.onDialog(dialog -> dialog.accept());
    check(o, "organizer", "empty", lang);
    o.locator("#admin-token").fill("not-the-token");
    o.locator("#create-title").fill("Tiếp xúc cử tri quý IV");
    o.locator("#create-submit").click();
    assertThat(o.locator("#org-error-box")).isVisible();
    check(o, "organizer", "refused token error", lang);
    o.locator("#admin-token").fill(TestNodes.ADMIN_TOKEN);
    o.locator("#create-submit").click();
    assertThat(o.locator("#org-session-body")).isVisible();
    assertThat(o.locator("#created-code")).not().isEmpty();
    check(o, "organizer", "session created", lang);
  }

  // ------------------------------------------------------------------------------------------------ record

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void publicRecordPage(String lang) {
    JsonObject session = api.createSession("Biên bản đối thoại", "post", true);
    String id = session.getString("id");
    String modToken = session.getString("moderatorToken");
    try (WsClient resident = Moderation.join(vertx, node.port(), id, null);
         WsClient moderator = Moderation.join(vertx, node.port(), id, modToken)) {
      resident.next("welcome");
      moderator.next("welcome");
      String answered = Moderation.asked(resident, "Khi nào sửa đường Lê Lợi?");
      String rejected = Moderation.asked(resident, "Câu hỏi không phù hợp");
      Moderation.asked(resident, "Câu hỏi còn mở về trường học");
      Moderation.ok(moderator, Moderation.answer(answered, "Tháng sau sẽ sửa xong."));
      Moderation.ok(moderator, Moderation.reject(rejected, "Không liên quan"));
    }
    Page withheld = open(lang, "/r/" + id, 360, 740);
    assertThat(withheld.locator("#rec-withheld")).isVisible();
    check(withheld, "record", "not yet published", lang);

    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    Page record = open(lang, "/r/" + id, 360, 740);
    assertThat(record.locator("#rec-list li.rec-q")).hasCount(3);
    check(record, "record", "published", lang);
    record.locator("#rec-search").fill("đường");
    assertThat(record.locator("#rec-list li.rec-q:visible")).hasCount(1);
    check(record, "record", "searched", lang);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  /** axe, touch targets and reflow at 320 px for the page as it is; the viewport is restored afterwards. */
  private void check(Page page, String name, String state, String lang) {
    checkedStates++;
    String where = name + " · " + state + " · " + lang;
    awaitLanguage(page, lang);
    for (Axe.Violation violation : Axe.check(page)) {
      (violation.blocking() ? blocking : minor).add(where + ": " + violation);
    }
    for (String small : Axe.smallTargets(page)) {
      layout.add(where + ": target under 44 × 44 px: " + small);
    }
    var size = page.viewportSize();
    page.setViewportSize(320, size.height);
    if (Axe.scrollsSideways(page)) {
      layout.add(where + ": scrolls sideways at 320 CSS px");
    }
    page.setViewportSize(size.width, size.height);
  }

  /** Text at 200 % (the root font size doubled, as a browser's text-size setting does) on a 640 px wide screen. */
  private void textAt200Percent(Page page, String name, String state, String lang) {
    var size = page.viewportSize();
    page.setViewportSize(640, size.height);
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }");
    if (Axe.scrollsSideways(page)) {
      layout.add(name + " · " + state + " · " + lang + ": scrolls sideways with text at 200 %");
    }
    Object clipped = page.evaluate("() => [...document.querySelectorAll('body *')].filter(el => {"
        + "  const s = getComputedStyle(el);"
        + "  if (s.display === 'none' || el.closest('.visually-hidden')) return false;"
        + "  const hides = ['hidden', 'clip'].includes(s.overflowY) || ['hidden', 'clip'].includes(s.overflowX);"
        + "  return hides && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);"
        + "}).map(el => el.id || el.className)");
    if (!List.of().equals(clipped)) {
      layout.add(name + " · " + state + " · " + lang + ": clipped with text at 200 %: " + clipped);
    }
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }");
    page.setViewportSize(size.width, size.height);
  }

  private BrowserContext context(String lang, int width, int height) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    context.setDefaultTimeout(WAIT_MS);
    context.addInitScript("window.localStorage.setItem('townhall.lang', '" + lang + "');");
    contexts.add(context);
    return context;
  }

  private Page open(String lang, String path, int width, int height) {
    return page(context(lang, width, height), path);
  }

  private Page page(BrowserContext context, String path) {
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type()) && !message.text().endsWith("net::ERR_INTERNET_DISCONNECTED")
          && !message.text().contains("the server responded with a status of 4")) {
        problems.add(path + " console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add(path + " page error: " + error));
    page.navigate("http://127.0.0.1:" + node.port() + path);
    return page;
  }

  private static void awaitOnline(Page page) {
    assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
  }
}

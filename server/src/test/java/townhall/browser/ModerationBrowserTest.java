package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The moderator console, the stage screen, the speaker view and the organizer page in a real headless Chromium,
 * against real nodes and a real Redis, together with resident pages: every participant has a browser context of
 * its own. With two nodes (same Redis, same key prefix) the moderator console, the stage and the organizer page
 * talk to node A and the residents and the speaker view to node B, so every event crosses nodes. Every wait is one
 * of Playwright's auto-waiting assertions or a wait with a deadline; nothing sleeps.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ModerationBrowserTest extends BrowserTestBase {
  private static final int SEEDED = 500;

  /** The base's node, and a second one on the same Redis and key prefix. */
  private TownhallNode nodeA;
  private TownhallNode nodeB;
  private Api apiA;
  private Api apiB;

  /** Everything opened by the current test, closed after it. */
  private final List<BrowserContext> contexts = new ArrayList<>();
  /** Console errors and uncaught page errors of every page of the current test, each prefixed by its page. */
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  /** One page of one participant; {@code frames} are the WebSocket text frames it received (when recorded). */
  private record Screen(String name, BrowserContext context, Page page, List<String> frames) {
  }

  @BeforeAll
  void startASecondNode() {
    nodeA = node;
    apiA = api;
    nodeB = TestNodes.start(redis, keyPrefix);
    apiB = new Api(nodeB.port());
  }

  @AfterAll
  void stopTheSecondNode() {
    TestNodes.stop(nodeB);
  }

  @BeforeEach
  void nothingOpenYet() {
    contexts.clear();
    problems.clear();
  }

  /** No page may have logged a console error (CSP violations are console errors) or thrown an uncaught error. */
  @AfterEach
  void closeEverythingAndCheckConsoles() {
    List<String> seen;
    synchronized (problems) {
      seen = List.copyOf(problems);
    }
    for (BrowserContext context : contexts) {
      context.close();
    }
    assertEquals(List.of(), seen, "console errors or page errors");
  }

  // ------------------------------------------------------------------------------------------------ the flow

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"one node", "two nodes"})
  void moderatorResidentsStageAndSpeakerRunAPreModeratedSession(String topology) {
    boolean twoNodes = "two nodes".equals(topology);
    TownhallNode consoleNode = nodeA;
    TownhallNode residentNode = twoNodes ? nodeB : nodeA;
    String title = "Đối thoại phường Bến Nghé (" + topology + ")";
    JsonObject session = apiA.createSession(title, "pre", true);
    String id = session.getString("id");
    String code = session.getString("code");

    Screen mod = open("moderator", newContext(), consoleUrl(consoleNode, session), false);
    Screen stage = open("stage", newContext(), session.getJsonObject("links").getString("stage"), false);
    Screen speaker = open("speaker", newContext(), url(residentNode, "/speaker/" + id + "#token="
        + session.getString("stageToken")), false);
    Screen r1 = open("R1", newContext(), url(residentNode, "/j/" + code), true);
    Screen r2 = open("R2", newContext(), url(residentNode, "/j/" + code), true);
    Screen organizer = openOrganizerOf(session, title, residentNode);

    Page m = mod.page();
    assertThat(m.locator("#mod-conn-state")).hasAttribute("data-state", "online");
    assertThat(m.locator("#session-title")).hasText(title);
    assertThat(m.locator("#mod-session-status")).hasAttribute("data-status", "open");
    awaitOnline(r1);
    awaitOnline(r2);
    assertThat(stage.page().locator("#conn-state")).hasAttribute("data-state", "online");
    assertThat(speaker.page().locator("#conn-state")).hasAttribute("data-state", "online");
    assertThat(stage.page().locator("#stage-code")).hasText(code);
    assertThat(stage.page().locator("#stage-empty")).isVisible();
    assertThat(stage.page().locator("#stage-question")).isHidden();
    assertImageLoaded(stage.page(), "stage-qr");
    // moderator, R1 and R2, on one node or spread over two; the stage and the speaker view are screens, not people
    assertThat(stage.page().locator("#stage-presence")).hasText("3");
    // the stage token left the address bar: a projector does not show it to the hall
    assertFalse(stage.page().url().contains("token"), stage.page().url());
    assertThat(m.locator("#mod-link-stage")).hasAttribute("href", Pattern.compile("/stage/" + id + "#token=.+"));
    assertThat(m.locator("#mod-link-speaker")).hasAttribute("href", Pattern.compile("/speaker/" + id + "#token=.+"));
    assertThat(organizer.page().locator("#org-status")).hasAttribute("data-status", "open");

    // R1 asks: it waits for review; only R1 and the moderator see it.
    String q1Text = "Khi nào phường sửa xong đường Lê Lợi và lắp đèn chiếu sáng ở hẻm 42?";
    String q1 = ask(r1, q1Text, "Chị Lan, tổ 5");
    assertThat(ownItem(r1, q1)).hasAttribute("data-status", "pending");
    assertThat(m.locator("#tab-pending .tab-count")).hasText("1");
    Locator modRow1 = modRow(mod, q1);
    assertThat(modRow1).hasAttribute("data-status", "pending");
    assertThat(modRow1.locator(".q-text")).hasText(q1Text);
    assertThat(m.locator("#list-pending li.mod-question")).hasCount(1);
    assertThat(m.locator("#mod-live-region")).hasText("1 câu hỏi mới chờ duyệt");
    assertThat(r2.page().locator("#questions li.question")).hasCount(0);
    assertThat(stage.page().locator("#stage-next li")).hasCount(0);

    // Approve: everybody sees it live.
    modRow1.locator("button.act-approve").click();
    assertThat(m.locator("#tab-pending .tab-count")).hasText("0");
    assertThat(m.locator("#tab-live .tab-count")).hasText("1");
    m.locator("#tab-live").click();
    assertThat(modRow1).hasAttribute("data-status", "live");
    for (Screen resident : List.of(r1, r2)) {
      assertThat(item(resident, q1)).hasAttribute("data-status", "live");
      assertThat(item(resident, q1).locator(".q-text")).hasText(q1Text);
    }
    assertNeverSeenAs(r2, q1, "pending");
    assertThat(stage.page().locator("#stage-next li")).hasCount(1);
    assertThat(stage.page().locator("#stage-next li .q-text")).hasText(q1Text);
    assertThat(speaker.page().locator("#speaker-next li .q-text")).hasText(q1Text);

    // Highlight: on stage, on the speaker's tablet, marked on the residents' pages.
    m.locator("#tab-live").click();
    modRow1.locator("button.act-highlight").click();
    assertThat(stage.page().locator("#stage-question .q-text")).hasText(q1Text);
    assertThat(stage.page().locator("#stage-question .q-author")).hasText("Chị Lan, tổ 5");
    assertThat(stage.page().locator("#stage-question .q-votes")).hasText("0");
    assertThat(stage.page().locator("#stage-empty")).isHidden();
    assertThat(stage.page().locator("#stage-next li")).hasCount(0);
    assertThat(speaker.page().locator("#speaker-question .q-text")).hasText(q1Text);
    assertThat(speaker.page().locator("#speaker-next li")).hasCount(0);
    for (Screen resident : List.of(r1, r2)) {
      assertThat(item(resident, q1).locator(".q-onstage")).isVisible();
    }
    assertThat(modRow1.locator("button.act-unhighlight")).isVisible();
    assertThat(modRow1.locator("button.act-highlight")).hasCount(0);

    // Answer with a written answer.
    String answer = "Tháng 12 năm nay sẽ xong; phường đã ký hợp đồng thi công, lắp 14 bóng đèn mới.";
    ModeratorConsoleBrowserTest.act(m, modRow1, "answer");
    assertThat(m.locator("#answer-dialog")).isVisible();
    m.locator("#answer-text").fill(answer);
    m.locator("#answer-confirm").click();
    assertThat(m.locator("#answer-dialog")).isHidden();
    assertThat(m.locator("#tab-answered .tab-count")).hasText("1");
    assertThat(m.locator("#tab-live .tab-count")).hasText("0");
    m.locator("#tab-answered").click();
    assertThat(modRow1).hasAttribute("data-status", "answered");
    for (Screen resident : List.of(r1, r2)) {
      assertThat(item(resident, q1)).hasAttribute("data-status", "answered");
      assertThat(item(resident, q1).locator(".q-answer")).hasText(answer);
    }
    assertThat(stage.page().locator("#stage-question .q-answer")).hasText(answer);

    // R2 asks a second question; the moderator rejects it with a reason. Only R2 (and moderators) see it.
    String q2Text = "Xin hỏi số điện thoại riêng của ông chủ tịch phường là bao nhiêu?";
    String q2 = ask(r2, q2Text, "");
    m.locator("#tab-pending").click();
    assertThat(m.locator("#tab-pending .tab-count")).hasText("1");
    Locator modRow2 = modRow(mod, q2);
    assertThat(modRow2.locator(".q-text")).hasText(q2Text);
    ModeratorConsoleBrowserTest.act(m, modRow2, "reject");
    assertThat(m.locator("#reject-dialog")).isVisible();
    String reason = "Câu hỏi về thông tin cá nhân, xin gửi qua bộ phận một cửa.";
    m.locator("#reject-reason-text").fill(reason);
    m.locator("#reject-confirm").click();
    assertThat(m.locator("#reject-dialog")).isHidden();
    assertThat(m.locator("#tab-rejected .tab-count")).hasText("1");
    assertThat(m.locator("#tab-pending .tab-count")).hasText("0");
    m.locator("#tab-rejected").click();
    assertThat(modRow2).hasAttribute("data-status", "rejected");
    assertThat(ownItem(r2, q2)).hasAttribute("data-status", "rejected");
    assertThat(ownItem(r2, q2).locator(".q-reason")).containsText(reason);
    assertThat(ownItem(r2, q2).locator(".q-reason .q-reason-text")).hasText(reason);

    // A third question, approved: R1 receives that event, and still has never heard of the rejected one.
    String q3Text = "Phường có kế hoạch mở thêm bãi giữ xe gần chợ Bến Thành không?";
    String q3 = ask(r1, q3Text, "Anh Minh");
    m.locator("#tab-pending").click();
    assertThat(m.locator("#tab-pending .tab-count")).hasText("1");
    modRow(mod, q3).locator("button.act-approve").click();
    assertThat(item(r2, q3)).hasAttribute("data-status", "live");
    assertThat(item(r1, q3)).hasAttribute("data-status", "live");
    assertThat(r1.page().locator("#questions li.question[data-id='" + q2 + "']")).hasCount(0);
    assertThat(r1.page().locator("#questions li.question")).hasCount(2);
    assertTrue(sightings(r1, q2).isEmpty(), "R1 received the rejected question: " + sightings(r1, q2));
    assertFalse(r1.frames().stream().anyMatch(f -> f.contains(reason)), "R1 received the rejection reason");
    assertFalse(r1.frames().stream().anyMatch(f -> f.contains(q2Text)), "R1 received the rejected text");
    assertThat(stage.page().locator("#stage-next li .q-text")).hasText(q3Text);
    assertThat(speaker.page().locator("#speaker-next li .q-text")).hasText(q3Text);

    // Pause: residents are told and cannot ask; the organizer sees the status.
    m.locator("#session-pause").click();
    assertThat(m.locator("#mod-session-status")).hasAttribute("data-status", "paused");
    assertThat(m.locator("#session-pause")).isDisabled();
    assertThat(m.locator("#session-open")).isEnabled();
    for (Screen resident : List.of(r1, r2)) {
      assertThat(resident.page().locator("#session-notice")).isVisible();
      assertThat(resident.page().locator("#session-notice")).hasAttribute("data-status", "paused");
      assertThat(resident.page().locator("#ask-submit")).isDisabled();
    }
    assertEquals("paused", apiB.get("/api/sessions/" + id).json().getString("status"), "status over HTTP");
    organizer.page().locator("#org-refresh").click();
    assertThat(organizer.page().locator("#org-status")).hasAttribute("data-status", "paused");

    // Reopen: residents may ask again, and a new question reaches the moderator.
    m.locator("#session-open").click();
    assertThat(m.locator("#mod-session-status")).hasAttribute("data-status", "open");
    for (Screen resident : List.of(r1, r2)) {
      assertThat(resident.page().locator("#session-notice")).isHidden();
      assertThat(resident.page().locator("#ask-submit")).isEnabled();
    }
    organizer.page().locator("#org-refresh").click();
    assertThat(organizer.page().locator("#org-status")).hasAttribute("data-status", "open");
    String q4Text = "Sau khi mở lại: lịch thu gom rác ở tổ 7 có thay đổi không?";
    String q4 = ask(r2, q4Text, "");
    assertThat(m.locator("#tab-pending .tab-count")).hasText("1");
    assertThat(modRow(mod, q4).locator(".q-text")).hasText(q4Text);
  }

  // ------------------------------------------------------------------------------------------------ organizer

  @Test
  void organizerCreatesASessionAndOpensTheModeratorLink() {
    BrowserContext context = newContext();
    Screen organizer = open("organizer", context, url(nodeA, "/organize"), false);
    Page o = organizer.page();
    o.onDialog(dialog -> dialog.accept());
    String title = "Tiếp xúc cử tri quý IV — phường Đa Kao";
    o.locator("#admin-token").fill(TestNodes.ADMIN_TOKEN);
    o.locator("#create-title").fill(title);
    o.locator("#create-moderation-pre").check();
    o.locator("#create-submit").click();
    assertThat(o.locator("#org-error-box")).isHidden();
    assertThat(o.locator("#created-code")).hasText(Pattern.compile("^\\d{6}$"));
    String code = o.locator("#created-code").textContent();
    assertThat(o.locator("#created-moderator-link")).hasAttribute("href", Pattern.compile("/m/[^/#]+#token=.+"));
    String moderatorLink = o.locator("#created-moderator-link").getAttribute("href");
    assertThat(o.locator("#created-audience-link")).hasAttribute("href", Pattern.compile("/j/" + code + "$"));
    assertThat(o.locator("#created-stage-link")).hasAttribute("href", Pattern.compile("/stage/[^/#]+#token=.+"));
    assertThat(o.locator("#created-speaker-link")).hasAttribute("href", Pattern.compile("/speaker/[^/#]+#token=.+"));
    assertThat(o.locator("#org-status")).hasAttribute("data-status", "open");
    assertImageLoaded(o, "created-qr");

    Screen mod = open("moderator", context, moderatorLink, false);
    assertThat(mod.page().locator("#mod-conn-state")).hasAttribute("data-state", "online");
    assertThat(mod.page().locator("#session-title")).hasText(title);
    assertThat(mod.page().locator("#mod-session-status")).hasAttribute("data-status", "open");

    o.bringToFront();
    o.locator("#org-close").click();
    assertThat(o.locator("#org-status")).hasAttribute("data-status", "closed");
    assertThat(o.locator("#org-error-box")).isHidden();
    assertThat(mod.page().locator("#mod-session-status")).hasAttribute("data-status", "closed");
    assertThat(mod.page().locator("#mod-session-notice")).isVisible();
    assertThat(mod.page().locator("#session-close")).isDisabled();
  }

  // ------------------------------------------------------------------------------------------------ refused links

  @Test
  void stageAndModeratorLinksWithARefusedTokenSayTheLinkIsNoLongerValid() {
    JsonObject session = apiA.createSession("Phiên với liên kết hỏng", "pre", true);
    String id = session.getString("id");
    String moderatorToken = session.getString("moderatorToken");
    String forgedModerator = moderatorToken.substring(0, moderatorToken.length() - 1)
        + (moderatorToken.endsWith("A") ? "B" : "A");
    String stageAsModerator = Moderation.withRoleMark(session.getString("stageToken"), "m");

    Screen noToken = open("stage without a token", newContext(), url(nodeA, "/stage/" + id), false);
    Screen forgedStage = open("forged stage", newContext(), url(nodeA, "/stage/" + id + "#token=" + stageAsModerator),
        false);
    Screen forgedSpeaker = open("forged speaker", newContext(),
        url(nodeA, "/speaker/" + id + "#token=" + stageAsModerator), false);
    Screen mod = open("forged moderator", newContext(), url(nodeA, "/m/" + id + "#token=" + forgedModerator), false);

    for (Screen stage : List.of(noToken, forgedStage)) {
      assertThat(stage.page().locator("#stage-invalid")).isVisible();
      assertThat(stage.page().locator("#stage-invalid .display-empty-title")).hasText("Liên kết này không còn hợp lệ");
      assertThat(stage.page().locator("#stage")).isHidden();
      assertThat(stage.page().locator("#conn-state")).hasAttribute("data-state", "offline");
    }
    assertThat(forgedSpeaker.page().locator("#speaker-invalid")).isVisible();
    assertThat(forgedSpeaker.page().locator("#speaker")).isHidden();
    assertThat(mod.page().locator("#mod-expired")).isVisible();
    assertThat(mod.page().locator("#mod-console")).isHidden();
    assertThat(mod.page().locator("#mod-conn-state")).hasAttribute("data-state", "offline");
    assertTrue(noToken.page().evaluate("() => Object.keys(window.localStorage).length").equals(0),
        "a stage page without a token keeps no identity");
    // the session is as it was: nobody joined as a moderator or a resident through these pages
    assertEquals("open", apiA.get("/api/sessions/" + id).json().getString("status"));
  }

  // ------------------------------------------------------------------------------------------------ 500 pending

  @Test
  void consoleStaysResponsiveWith500PendingQuestions() {
    JsonObject session = apiA.createSession("Phiên đông người hỏi", "pre", true);
    String id = session.getString("id");
    // 25 residents with at most 4 asks each in flight: a socket that is sent many frames at once by the node's hub
    // is closed as a slow consumer (see consoleKeepsItsConnectionWhileManyResidentsAskAtOnce), and this test is
    // about the console, not about that.
    askOverProtocol(nodeA, id, SEEDED, 25, 4);

    BrowserContext context = newContext();
    // From the first frame on, note (in the page's own clock, zero = navigation start) when 500 rows exist.
    context.addInitScript("(() => {"
        + "  const poll = () => {"
        + "    const count = document.querySelector('#tab-pending .tab-count');"
        + "    if (count && count.textContent === '" + SEEDED + "'"
        + "        && document.querySelector('#list-pending li.mod-question')) {"
        + "      window.__rowsAt = performance.now();"
        + "      return;"
        + "    }"
        + "    requestAnimationFrame(poll);"
        + "  };"
        + "  requestAnimationFrame(poll);"
        + "})();");
    long started = System.nanoTime();
    Screen mod = open("moderator", context, consoleUrl(nodeA, session), false);
    Page m = mod.page();
    assertThat(m.locator("#tab-pending .tab-count")).hasText(String.valueOf(SEEDED),
        new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    awaitInPage(m, "window.__rowsAt !== undefined");
    double rowsMs = ((Number) m.evaluate("window.__rowsAt")).doubleValue();
    long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    // only the rows on screen (and a few more) are in the DOM
    int rendered = m.locator("#list-pending li.mod-question").count();
    assertTrue(rendered > 0 && rendered <= 60, "rows in the DOM: " + rendered);
    assertThat(m.locator("#mod-conn-state")).hasAttribute("data-state", "online");

    // Approve the first row: time from the click event to its data-status being "live", polled per frame.
    Locator first = m.locator("#list-pending li.mod-question").first();
    String firstId = first.getAttribute("data-id");
    m.evaluate("id => {"
        + "  const li = document.querySelector(`#list-pending li.mod-question[data-id='${id}']`);"
        + "  const button = li.querySelector('button.act-approve');"
        + "  button.addEventListener('click', () => {"
        + "    const t0 = performance.now();"
        + "    const poll = () => {"
        + "      if (li.dataset.status === 'live') window.__approveMs = performance.now() - t0;"
        + "      else requestAnimationFrame(poll);"
        + "    };"
        + "    requestAnimationFrame(poll);"
        + "  }, { once: true });"
        + "}", firstId);
    Locator row = m.locator("li.mod-question[data-id='" + firstId + "']");
    row.locator("button.act-approve").click();
    awaitInPage(m, "window.__approveMs !== undefined");
    double approveMs = ((Number) m.evaluate("window.__approveMs")).doubleValue();
    assertThat(m.locator("#tab-pending .tab-count")).hasText(String.valueOf(SEEDED - 1));
    assertThat(m.locator("#tab-live .tab-count")).hasText("1");

    System.out.printf("[ModerationBrowserTest] %d pending questions: navigation -> %d pending listed %.0f ms "
        + "(page clock; %d ms wall clock from the test thread incl. page open); approve click -> row live %.0f ms%n",
        SEEDED, SEEDED, rowsMs, wallMs, approveMs);
  }


  // ------------------------------------------------------------------------------------------------ a burst

  /**
   * 100 residents ask 3 questions each at once while four moderators have the console open: every console must
   * receive all 300 and keep its one connection. Each page records its WebSocket close codes and every connection
   * state it showed. (Four consoles, because a socket that happens to live on the event loop of the node's hub
   * is not exposed to what this test looks for; with four, at least one almost surely is not.)
   */
  @Test
  void consoleKeepsItsConnectionWhileManyResidentsAskAtOnce() {
    JsonObject session = apiA.createSession("Phiên hỏi dồn dập", "pre", true);
    String id = session.getString("id");
    String link = consoleUrl(nodeA, session);
    List<Screen> consoles = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      BrowserContext context = newContext();
      context.addInitScript(RECORD_CONSOLE_CONNECTION);
      consoles.add(open("moderator " + i, context, link, false));
    }
    for (Screen console : consoles) {
      assertThat(console.page().locator("#mod-conn-state")).hasAttribute("data-state", "online");
      console.page().evaluate("() => { window.__connStates = []; }");
    }

    askOverProtocol(nodeA, id, 300, 100, 3);

    List<String> dropped = new ArrayList<>();
    for (Screen console : consoles) {
      Page m = console.page();
      assertThat(m.locator("#tab-pending .tab-count")).hasText("300",
          new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertThat(m.locator("#list-pending li.mod-question").first()).isVisible();
      assertThat(m.locator("#mod-conn-state")).hasAttribute("data-state", "online");
      Object closes = m.evaluate("window.__wsCloses");
      Object states = m.evaluate("window.__connStates");
      Object opened = m.evaluate("window.__wsOpened");
      if (!List.of().equals(closes) || !List.of().equals(states) || ((Number) opened).intValue() != 1) {
        dropped.add(console.name() + ": WebSocket closes " + closes + ", states shown " + states + ", sockets opened "
            + opened);
      }
    }
    assertEquals(List.of(), dropped, "consoles that lost their connection while residents asked");
  }

  /** Records in the page every WebSocket it opens, their close codes, and each change of #mod-conn-state. */
  private static final String RECORD_CONSOLE_CONNECTION = "(() => {"
      + "  window.__wsCloses = [];"
      + "  window.__wsOpened = 0;"
      + "  const Native = window.WebSocket;"
      + "  window.WebSocket = class extends Native {"
      + "    constructor(...args) {"
      + "      super(...args);"
      + "      window.__wsOpened += 1;"
      + "      this.addEventListener('close', (e) => window.__wsCloses.push(e.code + ' ' + e.reason));"
      + "    }"
      + "  };"
      + "  window.__connStates = [];"
      + "  document.addEventListener('DOMContentLoaded', () => {"
      + "    const el = document.getElementById('mod-conn-state');"
      + "    new MutationObserver(() => window.__connStates.push(el.dataset.state))"
      + "      .observe(el, { attributes: true, attributeFilter: ['data-state'] });"
      + "  });"
      + "})();";

  // ------------------------------------------------------------------------------------------------ helpers

  private static String url(TownhallNode node, String path) {
    return "http://127.0.0.1:" + node.port() + path;
  }

  /** The moderator link of a session created through {@link Api#createSession}, on this node. */
  private static String consoleUrl(TownhallNode node, JsonObject created) {
    return url(node, "/m/" + created.getString("id") + "#token=" + created.getString("moderatorToken"));
  }

  /** Waits (up to 20 s) until the JavaScript expression is true in the page. */
  private static void awaitInPage(Page page, String expression) {
    page.waitForFunction("() => " + expression, null, new Page.WaitForFunctionOptions().setTimeout(20_000));
  }

  private BrowserContext newContext() {
    BrowserContext context = browser.newContext();
    context.setDefaultTimeout(WAIT_MS);
    contexts.add(context);
    return context;
  }

  /** A new page in {@code context} on {@code url}, its console watched; its WebSocket frames kept if asked. */
  private Screen open(String name, BrowserContext context, String url, boolean recordFrames) {
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        problems.add(name + " console error: " + message.text() + " (" + message.location() + ")");
      }
    });
    page.onPageError(error -> problems.add(name + " page error: " + error));
    List<String> frames = new CopyOnWriteArrayList<>();
    if (recordFrames) {
      page.onWebSocket(ws -> ws.onFrameReceived(frame -> frames.add(frame.text())));
    }
    page.navigate(url);
    return new Screen(name, context, page, frames);
  }

  /**
   * The organizer page as the organizer's browser has it after creating this session (organize.js keeps the
   * sessions it created in localStorage under {@code townhall.organizer.sessions}; the page lists them and shows
   * the newest).
   */
  private Screen openOrganizerOf(JsonObject created, String title, TownhallNode node) {
    BrowserContext context = newContext();
    JsonObject links = created.getJsonObject("links");
    JsonArray entries = new JsonArray().add(new JsonObject().put("id", created.getString("id"))
        .put("code", created.getString("code")).put("title", title).put("moderatorLink", links.getString("moderator"))
        .put("audienceLink", links.getString("audience")).put("stageLink", links.getString("stage"))
        .put("speakerLink", links.getString("speaker"))
        .put("createdAt", System.currentTimeMillis()));
    context.addInitScript("window.localStorage.setItem('townhall.organizer.sessions', "
        + new JsonObject().put("v", entries.encode()).encode() + ".v);");
    return open("organizer", context, url(node, "/organize"), false);
  }

  private static void awaitOnline(Screen resident) {
    assertThat(resident.page().locator("#conn-state")).hasAttribute("data-state", "online");
  }

  /** Asks through the form and answers the new question's id, read from the asker's own list. */
  private static String ask(Screen resident, String text, String author) {
    Page page = resident.page();
    page.locator("#ask-text").fill(text);
    page.locator("#ask-author").fill(author);
    page.locator("#ask-submit").click();
    assertThat(page.locator("#ask-text")).hasValue("");
    assertThat(page.locator("#error-banner")).isHidden();
    Locator withText = page.locator(".q-text", new Page.LocatorOptions().setHasText(text));
    Locator mine = page.locator("#questions li.question.is-mine").filter(new Locator.FilterOptions().setHas(withText));
    assertThat(mine).hasCount(1);
    String id = mine.getAttribute("data-id");
    assertNotNull(id, resident.name() + ": own question without an id");
    return id;
  }

  private static Locator item(Screen resident, String questionId) {
    return resident.page().locator("#questions li.question[data-id='" + questionId + "']");
  }

  private static Locator ownItem(Screen resident, String questionId) {
    return resident.page().locator("#questions li.question.is-mine[data-id='" + questionId + "']");
  }

  private static Locator modRow(Screen mod, String questionId) {
    return mod.page().locator("li.mod-question[data-id='" + questionId + "']");
  }

  /** Waits until the image has loaded, then checks it decoded to something with a width. */
  private static void assertImageLoaded(Page page, String imgId) {
    page.waitForFunction("id => { const img = document.getElementById(id); return img && img.src && img.complete; }",
        imgId, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
    Number width = (Number) page.evaluate("id => document.getElementById(id).naturalWidth", imgId);
    assertTrue(width.intValue() > 0, "#" + imgId + " did not load (naturalWidth " + width + ")");
  }

  /** Every state of this question a page received: in a welcome's list or in a question event. */
  private static List<JsonObject> sightings(Screen screen, String questionId) {
    List<JsonObject> seen = new ArrayList<>();
    for (String text : screen.frames()) {
      JsonObject frame;
      try {
        frame = new JsonObject(text);
      } catch (RuntimeException e) {
        continue;
      }
      if ("question".equals(frame.getString("type"))
          && questionId.equals(frame.getJsonObject("question", new JsonObject()).getString("id"))) {
        seen.add(frame.getJsonObject("question"));
      }
      if ("welcome".equals(frame.getString("type"))) {
        JsonArray questions = frame.getJsonArray("questions", new JsonArray());
        for (int i = 0; i < questions.size(); i++) {
          if (questionId.equals(questions.getJsonObject(i).getString("id"))) {
            seen.add(questions.getJsonObject(i));
          }
        }
      }
    }
    return seen;
  }

  private static void assertNeverSeenAs(Screen screen, String questionId, String status) {
    List<JsonObject> seen = sightings(screen, questionId);
    assertFalse(seen.isEmpty(), screen.name() + " received nothing about question " + questionId);
    for (JsonObject question : seen) {
      assertFalse(status.equals(question.getString("status")),
          screen.name() + " received question " + questionId + " while " + status + ": " + question);
    }
  }

  /**
   * Asks {@code count} questions over the protocol from {@code sockets} resident sockets on {@code node}. Each
   * round sends up to {@code window} asks on every socket before reading any answer; every ask must be acked.
   */
  private void askOverProtocol(TownhallNode node, String sessionId, int count, int sockets, int window) {
    List<WsClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < sockets; i++) {
        WsClient ws = Moderation.join(vertx, node.port(), sessionId, null);
        ws.next("welcome");
        clients.add(ws);
      }
      int sent = 0;
      while (sent < count) {
        List<Set<String>> waiting = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
          waiting.add(new HashSet<>());
        }
        for (int round = 0; round < window && sent < count; round++) {
          for (int i = 0; i < sockets && sent < count; i++) {
            sent++;
            String text = "Câu hỏi số " + sent + ": phường có kế hoạch gì cho việc nâng cấp hệ thống thoát nước"
                + " ở tổ " + (sent % 40 + 1) + " trước mùa mưa năm nay không ạ?";
            waiting.get(i).add(Moderation.sendOnly(clients.get(i), Moderation.ask(text)));
          }
        }
        for (int i = 0; i < sockets; i++) {
          WsClient ws = clients.get(i);
          Set<String> refs = waiting.get(i);
          while (!refs.isEmpty()) {
            JsonObject answer;
            try {
              answer = ws.next(f -> refs.contains(f.getString("ref")), "an answer to an ask");
            } catch (AssertionError e) {
              throw new AssertionError("resident socket " + i + ": " + refs.size() + " asks unanswered"
                  + (ws.isClosed() ? "; the server closed the socket with " + ws.awaitClose() : ""), e);
            }
            Moderation.assertAck(answer);
            refs.remove(answer.getString("ref"));
          }
        }
      }
    } finally {
      clients.forEach(WsClient::close);
    }
  }
}

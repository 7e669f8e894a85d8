package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.service.Tokens;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.WsClient;

/**
 * The resident page (/j/&lt;code&gt;) in a real headless Chromium against a real node and a real Redis: two
 * residents, each in a browser context of their own (own localStorage, so own participant token), one of them on a
 * phone-sized viewport. Every wait is one of Playwright's auto-waiting assertions or a wait with a deadline.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResidentPageBrowserTest extends BrowserTestBase {
  /** The node's token secret, so the test can sign a token that expired long ago. */
  private static final String TOKEN_SECRET = "resident-page-browser-test-token-secret-0123456789";
  private static final Duration TOKEN_TTL = Duration.ofHours(720);


  @Override
  protected Map<String, ?> nodeSettings() {
    // holdFlagged off: the many similar questions of the paging test would otherwise be held as repeats.
    return Map.of("security.tokenSecret", TOKEN_SECRET, "security.tokenTtlHours", TOKEN_TTL.toHours(),
        "moderation.holdFlagged", false);
  }

  /** Everything opened by the current test, closed after it. */
  private final List<Resident> residents = new ArrayList<>();

  /** One browser context and its page; {@code problems} collects console errors and uncaught page errors. */
  private record Resident(String name, BrowserContext context, Page page, List<String> problems) {
  }



  @BeforeEach
  void noResidentsYet() {
    residents.clear();
  }

  /** No page may have logged a console error (CSP violations are console errors) or thrown an uncaught error. */
  @AfterEach
  void closeResidentsAndCheckTheirConsoles() {
    List<String> problems = new ArrayList<>();
    for (Resident resident : residents) {
      problems.addAll(resident.problems());
      resident.context().close();
    }
    assertEquals(List.of(), problems, "console errors or page errors");
  }

  /**
   * A session with more questions than the bounded welcome carries: scrolling to the end of the list loads the
   * rest page by page (the "show more" button is the observed sentinel), each question once, and the button goes
   * away when the server has no more.
   */
  @Test
  void scrollingToTheEndLoadsTheQuestionsTheWelcomeLeftOut() {
    JsonObject session = api.createSession("Phiên nhiều câu hỏi", "post", true);
    int total = 130;
    List<WsClient> askers = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        WsClient ws = WsClient.join(vertx, node.port(), session.getString("id"), new JsonObject());
        ws.next("welcome");
        askers.add(ws);
      }
      for (int n = 1; n <= total; n++) {
        Moderation.assertAck(askers.get(n % askers.size()).act(Moderation.ask("Câu hỏi số " + n + " về khu phố")));
      }
    } finally {
      askers.forEach(WsClient::close);
    }

    Resident a = open("A", session.getString("code"), true);
    awaitOnline(a);
    Page page = a.page();
    Locator items = page.locator("#questions > li");
    Locator more = page.locator("#questions-more");
    assertThat(more).isVisible();
    // the list is windowed: how many questions it holds is each row's aria-setsize, not how many rows are rendered
    String listed = "() => Number(document.querySelector('#questions > li')?.getAttribute('aria-setsize') ?? 0)";
    assertTrue(((Number) page.evaluate(listed)).intValue() < total, "the welcome is bounded");
    // Scroll to the end; each time, wait until a page arrived (the list grew) or there is no more.
    for (int i = 0; i < 20 && more.isVisible(); i++) {
      int shown = ((Number) page.evaluate(listed)).intValue();
      page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
      page.waitForFunction("n => Number(document.querySelector('#questions > li')?.getAttribute('aria-setsize')) > n"
          + " || document.getElementById('questions-more').hidden", shown);
    }
    assertThat(more).isHidden();
    assertThat(items.first()).hasAttribute("aria-setsize", String.valueOf(total));
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
    assertThat(items.last()).hasAttribute("aria-posinset", String.valueOf(total));
    Object distinct = items.evaluateAll("lis => new Set(lis.map(li => li.dataset.id)).size === lis.length");
    assertEquals(Boolean.TRUE, distinct, "each question once");
  }

  @Test
  void twoResidentsHoldALiveExchange() {
    JsonObject session = api.createSession("Đối thoại phường Bến Nghé", "post", true);
    String code = session.getString("code");
    Resident a = open("A", code, true);
    Resident b = open("B", code, false);
    awaitOnline(a);
    awaitOnline(b);
    assertThat(a.page().locator("#session-title")).hasText("Đối thoại phường Bến Nghé");
    assertThat(b.page().locator("#session-title")).hasText("Đối thoại phường Bến Nghé");
    assertThat(a.page().locator("#presence-count")).hasText("2");
    assertThat(b.page().locator("#presence-count")).hasText("2");

    String text = "Khi nào phường sửa xong đường Lê Lợi và lắp đèn chiếu sáng ở hẻm 42?";
    String author = "Chị Lan, tổ 5";
    ask(a, text, author);

    Locator seenByB = b.page().locator("#questions li.question");
    assertThat(seenByB).hasCount(1);
    assertThat(seenByB.locator(".q-text")).hasText(text);
    assertEquals(text, seenByB.locator(".q-text").textContent(), "B sees exactly the text A typed");
    assertThat(seenByB.locator(".q-author")).hasText(author);
    assertThat(seenByB).hasAttribute("data-status", "live");
    assertThat(seenByB.locator(".q-votes")).hasText("0");
    String questionId = seenByB.getAttribute("data-id");
    Locator seenByA = a.page().locator("#questions li.question[data-id='" + questionId + "']");
    assertThat(seenByA.locator(".q-text")).hasText(text);
    assertThat(a.page().locator("#pending-asks li.pending-ask")).hasCount(0);

    Locator voteOfB = seenByB.locator("button.q-vote");
    assertThat(voteOfB).hasAttribute("aria-pressed", "false");
    voteOfB.click();
    assertThat(voteOfB).hasAttribute("aria-pressed", "true");
    assertThat(seenByB.locator(".q-votes")).hasText("1");
    assertThat(seenByA.locator(".q-votes")).hasText("1");
    assertThat(seenByA.locator("button.q-vote")).hasAttribute("aria-pressed", "false");

    // The vote was acknowledged: nothing is left in B's outbox, so after a reload only the server can say "voted".
    awaitEmptyOutbox(b, session.getString("id"));
    List<String> framesAfterReload = new CopyOnWriteArrayList<>();
    b.page().onWebSocket(ws -> ws.onFrameReceived(frame -> framesAfterReload.add(frame.text())));
    b.page().reload();
    awaitOnline(b);
    b.page().waitForCondition(() -> welcomeSaysVoted(framesAfterReload, questionId),
        new Page.WaitForConditionOptions().setTimeout(WAIT_MS));
    Locator afterReload = b.page().locator("#questions li.question[data-id='" + questionId + "']");
    assertThat(afterReload.locator(".q-text")).hasText(text);
    assertThat(afterReload.locator("button.q-vote")).hasAttribute("aria-pressed", "true");
    assertThat(afterReload.locator(".q-votes")).hasText("1");
    assertThat(b.page().locator("#questions li.question")).hasCount(1);
    assertThat(seenByA.locator(".q-votes")).hasText("1");
  }

  @Test
  void userTextIsRenderedAsTextNotHtml() {
    String code = api.createSession("Phiên kiểm tra hiển thị", "post", true).getString("code");
    Resident a = open("A", code, true);
    Resident b = open("B", code, false);
    awaitOnline(a);
    awaitOnline(b);

    String payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
    String author = "<b>bold</b>";
    ask(a, payload, author);

    for (Resident resident : List.of(b, a)) {
      Locator question = resident.page().locator("#questions li.question");
      assertThat(question).hasCount(1);
      assertThat(question.locator(".q-text")).hasText(payload);
      assertEquals(payload, question.locator(".q-text").textContent(), resident.name() + ": text shown as typed");
      assertEquals(author, question.locator(".q-author").textContent(), resident.name() + ": author as typed");
      assertThat(resident.page().locator("#questions img")).hasCount(0);
      assertThat(resident.page().locator("#questions script")).hasCount(0);
      assertThat(resident.page().locator("#questions b")).hasCount(0);
      assertNull(resident.page().evaluate("window.__xss"), resident.name() + ": the payload ran");
    }
  }

  @Test
  void questionTypedOfflineIsSentOnceBackOnline() {
    JsonObject session = api.createSession("Phiên mất mạng", "post", true);
    String code = session.getString("code");
    Resident a = open("A", code, true);
    Resident b = open("B", code, false);
    awaitOnline(a);
    awaitOnline(b);

    a.context().setOffline(true);
    assertThat(a.page().locator("#conn-state")).hasAttribute("data-state", "offline");
    assertThat(a.page().locator("#ask-offline")).isVisible();

    String text = "Mất mạng rồi, câu hỏi này có được gửi không ạ?";
    ask(a, text, "Anh Minh");
    Locator pending = a.page().locator("#pending-asks li.pending-ask");
    assertThat(pending).hasCount(1);
    assertThat(pending.locator(".pending-text")).hasText(text);
    assertThat(a.page().locator("#conn-state")).hasAttribute("data-state", "offline");
    assertThat(b.page().locator("#questions li.question")).hasCount(0);

    a.context().setOffline(false);
    assertThat(a.page().locator("#conn-state")).hasAttribute("data-state", "online");
    assertThat(pending).hasCount(0);
    awaitEmptyOutbox(a, session.getString("id"));
    Locator mine = a.page().locator("#questions li.question.is-mine");
    assertThat(mine).hasCount(1);
    assertThat(mine.locator(".q-text")).hasText(text);

    Locator seenByB = b.page().locator("#questions li.question");
    assertThat(seenByB).hasCount(1);
    assertEquals(text, seenByB.locator(".q-text").textContent());

    // A newcomer reads the session from the server's snapshot: the question is stored exactly once.
    Resident c = open("C", code, false);
    awaitOnline(c);
    Locator seenByC = c.page().locator("#questions li.question");
    assertThat(seenByC).hasCount(1);
    assertEquals(text, seenByC.locator(".q-text").textContent());
    assertThat(seenByB).hasCount(1);
    assertThat(a.page().locator("#questions li.question")).hasCount(1);
  }

  @Test
  void languageSwitchChangesUiStrings() {
    String code = api.createSession("Phiên song ngữ", "post", true).getString("code");
    Resident a = open("A", code, true);
    awaitOnline(a);
    Page page = a.page();
    assertThat(page.locator("html")).hasAttribute("lang", "vi");
    assertThat(page.locator("#ask-submit")).hasText("Gửi câu hỏi");
    assertThat(page.locator("#conn-state")).hasText("Đã kết nối");
    assertThat(page.locator("#lang-switch")).hasText("English");

    page.locator("#lang-switch").click();
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("#ask-submit")).hasText("Send question");
    assertThat(page.locator("#conn-state")).hasText("Online");
    assertThat(page.locator("#lang-switch")).hasText("Tiếng Việt");

    // The reader's own choice outlives a reload and wins over the session's locale.
    page.reload();
    awaitOnline(a);
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("#ask-submit")).hasText("Send question");

    page.locator("#lang-switch").click();
    assertThat(page.locator("html")).hasAttribute("lang", "vi");
    assertThat(page.locator("#ask-submit")).hasText("Gửi câu hỏi");
  }

  @Test
  void residentHoldingAnExpiredOrForeignTokenJoinsAgainAsANewResident() {
    JsonObject session = api.createSession("Phiên có danh tính cũ", "post", true);
    String id = session.getString("id");
    String code = session.getString("code");
    Instant longAgo = Instant.now().minus(TOKEN_TTL).minus(Duration.ofDays(1));
    String expired = new Tokens(TOKEN_SECRET, List.of(), TOKEN_TTL, Clock.fixed(longAgo, ZoneOffset.UTC))
        .sign(new Participant(id, "Q2FuTmdvY0R1b25n", Role.RESIDENT));
    String foreign = api.createSession("Phiên khác", "post", true).getString("moderatorToken");

    for (String stale : List.of(expired, foreign)) {
      Resident r = open("holding " + (stale.equals(expired) ? "an expired" : "a foreign") + " token", code, true,
          "window.localStorage.setItem('townhall.token." + id + "', '" + stale + "');" + RECORD_CLOSES);
      awaitOnline(r);
      assertThat(r.page().locator("#error-banner")).hasText(Pattern.compile("tham gia lại"));
      assertEquals(List.of(4403), r.page().evaluate("() => window.__wsCloses"),
          "one socket, refused for its token, before the one that joined");

      Object kept = r.page().evaluate("id => window.localStorage.getItem('townhall.token.' + id)", id);
      assertTrue(kept instanceof String token && !token.isEmpty() && !token.equals(stale),
          () -> "the page keeps its new identity's token, not the refused one: " + kept);
      ask(r, "Câu hỏi sau khi tham gia lại", "");
      assertThat(r.page().locator("#questions li.question.is-mine")).hasCount(1);
    }
  }

  // --- helpers ---

  /** An init script that records the close code of every WebSocket the page opens in {@code window.__wsCloses}. */
  private static final String RECORD_CLOSES = "(() => {"
      + "  window.__wsCloses = [];"
      + "  const Native = window.WebSocket;"
      + "  window.WebSocket = class extends Native {"
      + "    constructor(...args) {"
      + "      super(...args);"
      + "      this.addEventListener('close', (e) => window.__wsCloses.push(e.code));"
      + "    }"
      + "  };"
      + "})();";

  /** A resident in a fresh browser context (own localStorage) on /j/&lt;code&gt;; a phone viewport if asked. */
  private Resident open(String name, String code, boolean phone) {
    return open(name, code, phone, null);
  }

  /** Like {@link #open(String, String, boolean)}, running {@code initScript} before the page's own scripts. */
  private Resident open(String name, String code, boolean phone, String initScript) {
    Browser.NewContextOptions options = new Browser.NewContextOptions();
    if (phone) {
      options.setViewportSize(360, 740).setIsMobile(true).setHasTouch(true);
    }
    BrowserContext context = browser.newContext(options);
    context.setDefaultTimeout(WAIT_MS);
    if (initScript != null) {
      context.addInitScript(initScript);
    }
    Page page = context.newPage();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type()) && !isOfflineReconnectAttempt(message.text())) {
        problems.add(name + " console error: " + message.text() + " (" + message.location() + ")");
      }
    });
    page.onPageError(error -> problems.add(name + " page error: " + error));
    Resident resident = new Resident(name, context, page, problems);
    residents.add(resident);
    page.navigate("http://127.0.0.1:" + node.port() + "/j/" + code);
    return resident;
  }

  /**
   * Chromium's own log line for a WebSocket handshake refused because the context is emulating "offline": the page
   * retries with backoff while offline, which is expected; any other console error still fails the test.
   */
  private boolean isOfflineReconnectAttempt(String text) {
    return text.startsWith("WebSocket connection to 'ws://127.0.0.1:" + node.port() + "/ws/sessions/")
        && text.endsWith("net::ERR_INTERNET_DISCONNECTED");
  }

  /** Waits for the server's welcome; on failure the page's console errors so far are part of the message. */
  private static void awaitOnline(Resident resident) {
    try {
      assertThat(resident.page().locator("#conn-state")).hasAttribute("data-state", "online");
    } catch (AssertionError e) {
      List<String> problems;
      synchronized (resident.problems()) {
        problems = List.copyOf(resident.problems());
      }
      throw new AssertionError(resident.name() + " never came online; its console errors: " + problems + "\n"
          + e.getMessage(), e);
    }
  }

  private static void ask(Resident resident, String text, String author) {
    Page page = resident.page();
    page.locator("#ask-text").fill(text);
    page.locator("#ask-author").fill(author);
    page.locator("#ask-submit").click();
    assertThat(page.locator("#ask-text")).hasValue("");
    assertThat(page.locator("#error-banner")).isHidden();
  }

  /**
   * Waits until every queued action of this page was acknowledged by the server (acknowledged asks stay in the
   * outbox, marked settled, so one lost by Redis later can be sent again).
   */
  private static void awaitEmptyOutbox(Resident resident, String sessionId) {
    resident.page().waitForFunction("id => JSON.parse(window.localStorage.getItem('townhall.outbox.' + id) || '[]')"
        + ".every(m => m.settled)", sessionId, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
  }

  /** Whether a welcome frame lists the question with {@code voted: true} for this participant. */
  private static boolean welcomeSaysVoted(List<String> frames, String questionId) {
    for (String frame : frames) {
      JsonObject message;
      try {
        message = new JsonObject(frame);
      } catch (RuntimeException e) {
        continue;
      }
      if (!"welcome".equals(message.getString("type"))) {
        continue;
      }
      JsonArray questions = message.getJsonArray("questions", new JsonArray());
      for (int i = 0; i < questions.size(); i++) {
        JsonObject question = questions.getJsonObject(i);
        if (questionId.equals(question.getString("id"))) {
          assertTrue(question.getBoolean("voted", false), "the server's welcome after reload says not voted");
          return true;
        }
      }
    }
    return false;
  }
}

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
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.Axe;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Issue 13 on the resident page, on a 360 × 740 phone, in Vietnamese and in English (the browser's language, not a
 * choice made with the switch): the questions on the first screen (measured by where the elements are), the ask
 * form as one line, the question just sent shown as received, the stage pinned on top with one state badge, the
 * answered and mine filters with a bounded welcome, the withdrawal confirmed in the page, a kept draft, a ban, the
 * end of the session with its record, and an unknown code. axe-core checks every new state.
 */
class ResidentQuestionsFirstBrowserTest extends BrowserTestBase {
  private static final int WIDTH = 360;
  private static final int HEIGHT = 740;
  private static final int QUESTIONS = 20;

  @Override
  protected Map<String, ?> nodeSettings() {
    // a welcome of a few questions, so the answered filter has to page for the older answered ones
    return Map.of("delivery.welcomeQuestions", 5, "moderation.holdFlagged", false);
  }

  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final List<WsClient> sockets = new ArrayList<>();
  /** The unknown code's lookup answers 404, which Chromium logs as a console error. */
  private boolean lookupMisses;

  @BeforeEach
  void nothingOpenYet() {
    contexts.clear();
    problems.clear();
    sockets.clear();
    lookupMisses = false;
  }

  @AfterEach
  void closeAndCheckConsoles() {
    sockets.forEach(WsClient::close);
    contexts.forEach(BrowserContext::close);
    assertEquals(List.of(), problems, "console errors or page errors");
  }

  /** A session (pre-moderation) with twenty approved questions, the two oldest answered, some upvoted. */
  private record Hall(String id, String code, WsClient moderator, List<String> questions) {
  }

  private Hall hall(String title) {
    JsonObject session = api.createSession(title, "pre", true);
    String id = session.getString("id");
    WsClient moderator = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
    WsClient asker = Moderation.join(vertx, node.port(), id, null);
    sockets.add(moderator);
    sockets.add(asker);
    moderator.next("welcome");
    asker.next("welcome");
    List<String> questions = new ArrayList<>();
    for (int n = 1; n <= QUESTIONS; n++) {
      String q = Moderation.asked(asker, "Câu hỏi số " + n + " về đường sá và chiếu sáng ở khu phố " + n);
      Moderation.ok(moderator, Moderation.approve(q));
      questions.add(q);
    }
    for (int n = 6; n <= 12; n++) {
      Moderation.ok(asker, Moderation.vote(questions.get(n - 1), 1));
    }
    Moderation.ok(moderator, Moderation.answer(questions.get(0), "Đã có kế hoạch sửa trong tháng 12."));
    Moderation.ok(moderator, Moderation.answer(questions.get(1), "Phường sẽ lắp đèn trong quý tới."));
    return new Hall(id, session.getString("code"), moderator, questions);
  }

  /** A phone whose browser is set to {@code lang} (no choice made on the page). */
  private Page phone(String lang, String path) {
    return phone(lang, path, null);
  }

  private Page phone(String lang, String path, String initScript) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(WIDTH, HEIGHT)
        .setIsMobile(true).setHasTouch(true).setLocale("en".equals(lang) ? "en-US" : "vi-VN"));
    context.setDefaultTimeout(WAIT_MS);
    if (initScript != null) {
      context.addInitScript(initScript);
    }
    contexts.add(context);
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      boolean miss = lookupMisses && message.text().contains("status of 404");
      if ("error".equals(message.type()) && !miss) {
        problems.add("console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add("page error: " + error));
    page.onDialog(dialog -> {
      problems.add("a browser dialog: " + dialog.message());
      dialog.dismiss();
    });
    page.navigate(origin() + path);
    return page;
  }

  private static void awaitOnline(Page page) {
    assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
  }

  private static String say(String lang, String vi, String en) {
    return "en".equals(lang) ? en : vi;
  }

  /** axe-core finds nothing serious or critical on the page as it stands. */
  private static void axe(Page page, String state) {
    List<Axe.Violation> blocking = Axe.check(page).stream().filter(Axe.Violation::blocking).toList();
    assertEquals(List.of(), blocking, state);
  }

  /** Top and bottom of the element, in CSS pixels from the top of the viewport. */
  private static double[] box(Locator element) {
    @SuppressWarnings("unchecked")
    List<Number> edges = (List<Number>) element.evaluate("e => { const r = e.getBoundingClientRect();"
        + " return [r.top, r.bottom]; }");
    return new double[] {edges.get(0).doubleValue(), edges.get(1).doubleValue()};
  }

  private static boolean onScreen(Locator element) {
    double[] edges = box(element);
    return edges[0] >= 0 && edges[1] <= HEIGHT;
  }

  /** How many questions are whole on the screen as it is scrolled now. */
  private static int questionsOnScreen(Page page) {
    return ((Number) page.evaluate("() => [...document.querySelectorAll('#questions > li')].filter(li => {"
        + " const r = li.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }).length"))
        .intValue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void theQuestionsAreOnTheFirstScreenAndTheFormIsOneLine(String lang) {
    Hall hall = hall("Đối thoại phường Bến Nghé");
    Page page = phone(lang, "/j/" + hall.code());
    awaitOnline(page);
    assertThat(page.locator("html")).hasAttribute("lang", lang);
    assertThat(page.locator("#questions > li").first()).isVisible();

    Locator text = page.locator("#ask-text");
    assertThat(page.locator("#ask-form")).hasClass(Pattern.compile("is-collapsed"));
    assertThat(text).hasAttribute("placeholder", say(lang, "Đặt câu hỏi…", "Ask a question…"));
    assertThat(page.locator("#ask-submit")).isHidden();
    assertTrue(box(text)[1] - box(text)[0] <= 60, "the form is one line: " + box(text)[1] + " - " + box(text)[0]);
    int whole = questionsOnScreen(page);
    assertTrue(whole >= 3, "at least three whole questions on the first screen, saw " + whole);
    axe(page, "collapsed form, " + lang);

    text.focus();
    assertThat(page.locator("#ask-form")).not().hasClass(Pattern.compile("is-collapsed"));
    assertThat(page.locator("#ask-submit")).isVisible();
    assertThat(page.locator("#ask-author")).isVisible();
    axe(page, "expanded form, " + lang);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void theQuestionJustSentIsShownAsReceivedAndAwaitingReview(String lang) {
    Hall hall = hall("Phiên hỏi đáp");
    Page page = phone(lang, "/j/" + hall.code());
    awaitOnline(page);
    page.locator("#ask-text").fill("Câu hỏi mới của tôi về rác thải ở hẻm 42");
    page.locator("#ask-submit").click();

    Locator mine = page.locator("#questions li.question.is-mine");
    assertThat(mine).hasCount(1);
    Locator received = mine.locator(".q-received");
    assertThat(received).isVisible();
    assertThat(received).containsText(say(lang, "chờ ban tổ chức duyệt", "waiting for the organizers to review"));
    assertThat(mine.locator(".q-status")).hasText(say(lang, "Chờ duyệt", "Awaiting moderation"));
    page.waitForCondition(() -> onScreen(mine), new Page.WaitForConditionOptions().setTimeout(WAIT_MS));
    assertTrue(onScreen(received), "the received note is on screen: " + box(received)[0]);
    assertThat(page.locator("#live-region")).containsText(say(lang, "chờ duyệt", "waiting for review"));
    axe(page, "question received, " + lang);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void theQuestionOnStageIsPinnedOnTopWithOneBadge(String lang) {
    Hall hall = hall("Phiên sân khấu");
    Page page = phone(lang, "/j/" + hall.code());
    awaitOnline(page);
    // newest first; the fourth is answered, then put on stage
    page.locator("#sort-recent").click();
    String answered = page.locator("#questions > li").nth(3).getAttribute("data-id");
    Moderation.ok(hall.moderator(), Moderation.answer(answered, "Trả lời trên sân khấu."));
    assertThat(page.locator("#questions li[data-id='" + answered + "'] .q-status")).isVisible();
    Moderation.ok(hall.moderator(), Moderation.highlight(answered));
    Locator first = page.locator("#questions > li").first();
    assertThat(first).hasAttribute("data-id", answered);
    assertThat(first.locator(".q-flags > .q-onstage")).hasText(say(lang, "Đang trả lời", "Answering now"));
    assertThat(first.locator(".q-flags > .q-status")).hasCount(0);
    assertTrue(onScreen(first), "the question on stage is on the first screen");
    axe(page, "question on stage, " + lang);

    Moderation.ok(hall.moderator(), Moderation.unhighlight(answered));
    Locator item = page.locator("#questions li[data-id='" + answered + "']");
    assertThat(item.locator(".q-flags > .q-status")).hasText(say(lang, "Đã trả lời", "Answered"));
    assertThat(item.locator(".q-flags > .q-onstage")).hasCount(0);

    // an old question the bounded welcome left out goes on stage: the page finds it and pins it
    String old = hall.questions().get(1);
    assertThat(page.locator("#questions li[data-id='" + old + "']")).hasCount(0);
    Moderation.ok(hall.moderator(), Moderation.highlight(old));
    assertThat(page.locator("#questions > li").first()).hasAttribute("data-id", old);
    assertThat(page.locator("#questions > li").first().locator(".q-flags > span[data-status]")).hasCount(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void answeredAndMineFiltersReadWhatTheBoundedWelcomeLeftOut(String lang) {
    Hall hall = hall("Phiên có bộ lọc");
    Page page = phone(lang, "/j/" + hall.code());
    awaitOnline(page);
    Locator items = page.locator("#questions > li");
    assertThat(page.locator("#questions-more")).isVisible();
    assertThat(page.locator("#questions li[data-id='" + hall.questions().get(0) + "']")).hasCount(0);

    page.locator("#filter-answered").click();
    assertThat(page.locator("#filter-answered")).hasAttribute("aria-pressed", "true");
    assertThat(items).hasCount(2);
    assertThat(page.locator("#questions > li[data-status='answered']")).hasCount(2);
    assertThat(page.locator("#questions-more")).isHidden();
    axe(page, "answered filter, " + lang);

    page.locator("#filter-mine").click();
    assertThat(page.locator("#questions-empty")).isVisible();
    assertThat(page.locator("#questions-empty")).hasText(say(lang, "Bạn chưa đặt câu hỏi nào trong phiên này.",
        "You have not asked a question in this session."));
    assertThat(page.locator("#questions-more")).isHidden();
    axe(page, "mine filter, empty, " + lang);

    page.locator("#ask-text").fill("Câu hỏi của tôi trong bộ lọc");
    page.locator("#ask-submit").click();
    assertThat(items).hasCount(1);
    assertThat(items.first()).hasClass(Pattern.compile("is-mine"));

    page.locator("#filter-all").click();
    assertThat(page.locator("#questions li.is-mine")).hasCount(1);
    assertTrue(items.count() > 2, "all: more than the answered ones");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void withdrawingIsConfirmedInThePage(String lang) {
    Hall hall = hall("Phiên rút câu hỏi");
    Page page = phone(lang, "/j/" + hall.code());
    awaitOnline(page);
    page.locator("#ask-text").fill("Câu hỏi tôi sẽ rút lại");
    page.locator("#ask-submit").click();
    Locator mine = page.locator("#questions li.question.is-mine");
    assertThat(mine).hasCount(1);

    mine.locator("button.q-withdraw").click();
    Locator confirm = mine.locator(".q-withdraw-confirm");
    assertThat(confirm).isVisible();
    assertThat(confirm.locator(".q-withdraw-question")).hasText(say(lang,
        "Rút lại câu hỏi này? Bạn không thể hoàn tác.", "Withdraw this question? This cannot be undone."));
    assertThat(confirm.locator(".q-withdraw-no")).isFocused();
    axe(page, "withdraw confirmation, " + lang);

    confirm.locator(".q-withdraw-no").click();
    assertThat(confirm).isHidden();
    assertThat(mine.locator("button.q-withdraw")).isFocused();
    mine.locator("button.q-withdraw").click();
    confirm.locator(".q-withdraw-yes").click();
    assertThat(mine).hasCount(0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void aHalfTypedQuestionSurvivesAReload(String lang) {
    Hall hall = hall("Phiên giữ bản nháp");
    Page page = phone(lang, "/j/" + hall.code());
    awaitOnline(page);
    page.locator("#ask-text").fill("Tôi đang gõ dở câu hỏi này thì");
    page.reload();
    awaitOnline(page);
    assertThat(page.locator("#ask-text")).hasValue("Tôi đang gõ dở câu hỏi này thì");
    assertThat(page.locator("#ask-form")).not().hasClass(Pattern.compile("is-collapsed"));
    page.locator("#ask-submit").click();
    assertThat(page.locator("#questions li.question.is-mine")).hasCount(1);
    page.reload();
    awaitOnline(page);
    assertThat(page.locator("#ask-text")).hasValue("");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void aBannedResidentIsToldSoAndTheFormIsDisabled(String lang) {
    Hall hall = hall("Phiên có người bị chặn");
    Page page = phone(lang, "/j/" + hall.code());
    awaitOnline(page);
    page.locator("#ask-text").fill("Câu hỏi trước khi bị chặn");
    page.locator("#ask-submit").click();
    Locator mine = page.locator("#questions li.question.is-mine");
    assertThat(mine).hasCount(1);
    Moderation.ok(hall.moderator(), Moderation.ban(mine.getAttribute("data-id")));

    // told at once, by the server (the banned question comes again with authorBanned), before trying anything
    Locator notice = page.locator("#ask-notice");
    assertThat(notice).isVisible();
    assertThat(notice).containsText(say(lang, "Ban tổ chức đã chặn bạn", "The organizers have blocked you"));
    assertThat(page.locator("#ask-text")).isDisabled();
    assertThat(page.locator("#error-box")).isHidden();
    assertThat(page.locator("#questions > li button.q-vote").first()).isDisabled();
    axe(page, "banned, " + lang);

    page.reload();
    awaitOnline(page);
    assertThat(page.locator("#ask-notice")).isVisible();
    assertThat(page.locator("#ask-text")).isDisabled();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void aClosedSessionSaysSoAndLinksItsRecordOncePublished(String lang) {
    Hall hall = hall("Phiên kết thúc");
    Page page = phone(lang, "/j/" + hall.code());
    awaitOnline(page);
    page.locator("#ask-text").fill("Câu hỏi không kịp được duyệt");
    page.locator("#ask-submit").click();
    Locator mine = page.locator("#questions li.question.is-mine");
    assertThat(mine.locator(".q-status")).hasText(say(lang, "Chờ duyệt", "Awaiting moderation"));

    Moderation.ok(hall.moderator(), Moderation.session("close"));
    assertThat(page.locator("#ask-form")).isHidden();
    assertThat(page.locator("#session-notice")).hasAttribute("data-status", "closed");
    assertThat(page.locator("#session-notice")).isVisible();
    assertThat(mine.locator(".q-status")).hasText(say(lang, "Chưa được duyệt", "Not reviewed"));
    assertThat(mine.locator(".q-not-reviewed")).isVisible();
    assertThat(page.locator("#record-pending")).isVisible();
    assertThat(page.locator("#record-link")).isHidden();
    page.evaluate("window.scrollTo(0, 0)");
    assertTrue(onScreen(page.locator("#session-notice")), "the end is said on the first screen");
    axe(page, "closed, record not published, " + lang);

    assertEquals(200, api.post("/api/sessions/" + hall.id() + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    page.reload();
    Locator link = page.locator("#record-link");
    assertThat(link).isVisible();
    assertThat(link).hasAttribute("href", "/r/" + hall.id());
    assertThat(page.locator("#record-pending")).isHidden();
    axe(page, "closed, record published, " + lang);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void anUnknownCodeShowsOnlyThatThereIsNoSuchSession(String lang) {
    lookupMisses = true;
    Page page = phone(lang, "/j/000000");
    assertThat(page.locator("#not-found")).isVisible();
    assertThat(page.locator("#not-found h2")).hasText(say(lang, "Không tìm thấy phiên", "Session not found"));
    assertThat(page.locator("#conn-state")).isHidden();
    assertThat(page.locator(".presence")).isHidden();
    assertThat(page.locator("#error-box")).isHidden();
    axe(page, "unknown code, " + lang);
  }

  @Test
  void aChoiceMadeWithTheSwitchWinsOverAnEnglishBrowser() {
    Hall hall = hall("Phiên song ngữ");
    Page english = phone("en", "/j/" + hall.code());
    awaitOnline(english);
    assertThat(english.locator("html")).hasAttribute("lang", "en");
    assertThat(english.locator("#lang-switch")).hasText("Tiếng Việt");
    english.locator("#lang-switch").click();
    assertThat(english.locator("html")).hasAttribute("lang", "vi");
    english.reload();
    awaitOnline(english);
    assertThat(english.locator("html")).hasAttribute("lang", "vi");
    assertThat(english.locator("#filter-answered")).hasText("Đã trả lời");
  }
}

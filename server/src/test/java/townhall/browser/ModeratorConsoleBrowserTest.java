package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.Axe;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.WsClient;

/**
 * The moderator console holding a busy hall, at a laptop's 1366 × 768, in Vietnamese and in English: ten questions
 * and more on the first screen (counted by the rows' positions), one primary action per row and the rest in a menu,
 * the stage card collapsible, a search across every tab that ignores diacritics (and the merge picker's, with whole
 * texts), "approve all shown" with its undo, rejection categories, withholding a text from the record, and a banned
 * author's questions marked. axe-core, touch targets and sideways scrolling are checked in every new state.
 */
class ModeratorConsoleBrowserTest extends BrowserTestBase {
  private static final int WIDTH = 1366;
  private static final int HEIGHT = 768;

  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final List<String> findings = new ArrayList<>();

  @BeforeEach
  void nothingYet() {
    contexts.clear();
    problems.clear();
    findings.clear();
  }

  @AfterEach
  void closeAndReport() {
    for (BrowserContext context : contexts) {
      context.close();
    }
    assertEquals(List.of(), findings, "serious or critical axe violations, small targets or sideways scrolling");
    assertEquals(List.of(), List.copyOf(problems), "console errors or page errors");
  }

  // ------------------------------------------------------------------------------------------------ ten rows

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void tenQuestionsAndMoreFitTheFirstScreenOfALaptop(String lang) {
    JsonObject session = api.createSession("Đối thoại với nhân dân phường Bến Nghé, quý IV", "pre", true);
    String id = session.getString("id");
    try (WsClient mod = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
        WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      resident.next("welcome");
      String onStage = Moderation.asked(resident, "Khi nào phường lắp lại đèn đường ở hẻm 42 Nguyễn Trãi? Đã ba tháng"
          + " nay hẻm tối om, người già và trẻ em đi lại rất nguy hiểm, nhất là những tối mưa.");
      Moderation.ok(mod, Moderation.approve(onStage));
      Moderation.ok(mod, Moderation.highlight(onStage));
      for (int i = 1; i <= 14; i++) {
        Moderation.ok(resident, Moderation.ask(question(i)).put("author", i % 3 == 0 ? null : "Cô Hạnh, tổ " + i));
      }

      Page m = open(lang, consoleUrl(session));
      assertThat(m.locator("#tab-pending .tab-count")).hasText("14");
      assertThat(m.locator("#mod-stage-current")).isVisible();
      int shown = fullyVisibleRows(m, "#list-pending");
      assertTrue(shown >= 10, "rows wholly on the first screen at 1366×768: " + shown);
      // one primary action per row; the others are in its menu
      Locator second = m.locator("#list-pending li.mod-question").nth(1);
      assertThat(second.locator("button.mq-act:visible")).hasCount(1);
      assertThat(second.locator("button.act-approve")).isVisible();
      assertThat(second.locator("button.act-reject")).isHidden();
      assertThat(second.locator(".mq-votes-label")).hasText("vi".equals(lang) ? "lượt ủng hộ" : "upvotes");
      check(m, "ten rows", lang);

      second.locator("button.mq-more").click();
      assertThat(second.locator("button.act-reject")).isVisible();
      assertThat(second.locator("button.act-reject")).isFocused();
      check(m, "a row's menu open", lang);
      m.keyboard().press("Escape");
      assertThat(second.locator("button.act-reject")).isHidden();
      assertThat(second.locator("button.mq-more")).isFocused();

      // live: putting on stage is the one button
      m.locator("#tab-live").click();
      Locator staged = m.locator("#list-live li.mod-question[data-id='" + onStage + "']");
      assertThat(staged.locator("button.act-unhighlight")).isVisible();
      assertThat(staged.locator("button.mq-act:visible")).hasCount(1);

      // the stage card is one line until opened, and stays open after a reload
      assertThat(m.locator("#mod-stage-toggle")).hasAttribute("aria-expanded", "false");
      double folded = m.locator("#mod-stage").boundingBox().height;
      m.locator("#mod-stage-toggle").click();
      assertThat(m.locator("#mod-stage-toggle")).hasAttribute("aria-expanded", "true");
      double opened = m.locator("#mod-stage").boundingBox().height;
      assertTrue(folded < opened, "the stage card opens: " + folded + " -> " + opened);
      check(m, "stage card open", lang);
      m.reload();
      assertThat(m.locator("#mod-stage-current")).isVisible();
      assertThat(m.locator("#mod-stage-toggle")).hasAttribute("aria-expanded", "true");
    }
  }

  // ------------------------------------------------------------------------------------------------ search

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void searchIgnoresDiacriticsInEveryTabAndInTheMergePicker(String lang) {
    JsonObject session = api.createSession("Phiên tìm kiếm", "pre", true);
    String id = session.getString("id");
    String longLive = "Cống thoát nước trên đường Lê Lợi bị tắc từ đầu mùa mưa; nước tràn vào nhà dân ở đoạn gần chợ,"
        + " phường đã báo công ty thoát nước chưa và bao giờ thì nạo vét xong để bà con yên tâm buôn bán?";
    try (WsClient mod = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
        WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      resident.next("welcome");
      String pendingLamp = Moderation.asked(resident, "Đèn đường hẻm 42 không sáng");
      Moderation.asked(resident, "Xin hỏi về học phí năm nay");
      String liveDrain = Moderation.asked(resident, longLive);
      Moderation.ok(mod, Moderation.approve(liveDrain));
      String rejectedLamp = Moderation.asked(resident, "ĐÈN ĐƯỜNG ở chợ hư hoài");
      Moderation.ok(mod, Moderation.reject(rejectedLamp, "Trùng lặp", "duplicate"));

      Page m = open(lang, consoleUrl(session));
      assertThat(m.locator("#tab-pending .tab-count")).hasText("2");
      m.locator("#list-pending li.mod-question").first().focus();
      m.keyboard().press("/");
      assertThat(m.locator("#mod-search")).isFocused();
      m.keyboard().type("den duong");
      assertThat(m.locator("#tab-pending .tab-count")).hasText("1");
      assertThat(m.locator("#tab-live .tab-count")).hasText("0");
      assertThat(m.locator("#tab-rejected .tab-count")).hasText("1");
      assertThat(m.locator("#list-pending li.mod-question")).hasCount(1);
      assertThat(m.locator("#list-pending li.mod-question")).hasAttribute("data-id", pendingLamp);
      assertThat(m.locator("#mod-search-count")).containsText("2");
      check(m, "a search", lang);
      m.locator("#tab-live").click();
      assertThat(m.locator("#empty-live")).isVisible();
      check(m, "a search that finds nothing in a tab", lang);
      m.locator("#tab-rejected").click();
      assertThat(m.locator("#list-rejected li.mod-question[data-id='" + rejectedLamp + "']")).isVisible();

      // Escape empties the search; the merge picker has the same search, and shows whole texts
      m.locator("#mod-search").press("Escape");
      assertThat(m.locator("#mod-search")).hasValue("");
      assertThat(m.locator("#tab-rejected .tab-count")).hasText("1");
      m.locator("#tab-pending").click();
      assertThat(m.locator("#tab-pending .tab-count")).hasText("2");
      Locator lamp = m.locator("#list-pending li.mod-question[data-id='" + pendingLamp + "']");
      act(m, lamp, "merge");
      assertThat(m.locator("#merge-dialog")).isVisible();
      m.locator("#merge-filter").fill("cong thoat nuoc le loi");
      assertThat(m.locator("#merge-target .merge-choice")).hasCount(1);
      assertThat(m.locator("#merge-target .merge-choice-text")).hasText(longLive);
      check(m, "merge picker filtered", lang);
      m.locator("#merge-target .merge-choice").click();
      m.locator("#merge-confirm").click();
      assertThat(m.locator("#tab-pending .tab-count")).hasText("1");
      assertThat(m.locator("#tab-archived .tab-count")).hasText("1");
    }
  }

  // ------------------------------------------------------------------------------------------------ bulk

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void approveAllShownWaitsForItsUndo(String lang) {
    JsonObject session = api.createSession("Phiên duyệt hàng loạt", "pre", true);
    String id = session.getString("id");
    try (WsClient mod = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
        WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      resident.next("welcome");
      List<String> water = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        water.add(Moderation.asked(resident, "Nước sinh hoạt ở tổ " + i + " bị cúp nhiều ngày"));
      }
      String other = Moderation.asked(resident, "Khi nào sửa trường tiểu học?");

      Page m = open(lang, consoleUrl(session));
      assertThat(m.locator("#tab-pending .tab-count")).hasText("4");
      m.locator("#mod-search").fill("nuoc sinh hoat");
      assertThat(m.locator("#tab-pending .tab-count")).hasText("3");
      assertThat(m.locator("#approve-shown")).containsText("3");
      m.locator("#approve-shown").click();
      assertThat(m.locator("#approve-undo")).isVisible();
      assertThat(m.locator("#tab-pending .tab-count")).hasText("0");
      check(m, "approve all shown, undo offered", lang);
      m.locator("#approve-undo-button").click();
      assertThat(m.locator("#approve-undo")).isHidden();
      assertThat(m.locator("#tab-pending .tab-count")).hasText("3");
      // nothing went to the server
      assertEquals(List.of("pending", "pending", "pending"), statuses(session, water));

      m.locator("#approve-shown").click();
      m.locator("#approve-undo-now").click();
      assertThat(m.locator("#tab-live .tab-count")).hasText("3");
      m.locator("#mod-search").fill("");
      assertThat(m.locator("#tab-pending .tab-count")).hasText("1");
      assertEquals(List.of("live", "live", "live", "pending"),
          statuses(session, List.of(water.get(0), water.get(1), water.get(2), other)));
    }
  }

  // ------------------------------------------------------------------------------------------------ categories

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void rejectionCategoriesWithholdingAndBannedAuthors(String lang) {
    JsonObject session = api.createSession("Phiên phân loại", "pre", true);
    String id = session.getString("id");
    try (WsClient mod = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
        WsClient resident = Moderation.join(vertx, node.port(), id, null);
        WsClient spammer = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      resident.next("welcome");
      spammer.next("welcome");
      String spam = Moderation.asked(spammer, "Vay tiền nhanh lãi suất thấp, gọi ngay");
      String spamAgain = Moderation.asked(spammer, "Vay tiền nhanh không cần thế chấp");
      String personal = Moderation.asked(resident, "Ông Tư ở số 12 nợ tiền điện, số điện thoại của ông ấy là…");
      Moderation.ok(mod, Moderation.approve(personal));

      Page m = open(lang, consoleUrl(session));
      assertThat(m.locator("#tab-pending .tab-count")).hasText("2");
      Locator spamRow = m.locator("li.mod-question[data-id='" + spam + "']");
      act(m, spamRow, "reject");
      assertThat(m.locator("#reject-dialog")).isVisible();
      m.locator("#reject-dialog input[value='spam']").check();
      assertThat(m.locator("#reject-reason-text")).not().hasValue("");
      assertThat(m.locator("#reject-public")).not().hasText("");
      check(m, "reject dialog with a category", lang);
      m.locator("#reject-confirm").click();
      assertThat(m.locator("#tab-rejected .tab-count")).hasText("1");
      JsonObject rejected = questionOf(session, spam);
      assertEquals("spam", rejected.getString("category"), rejected::encode);
      m.locator("#tab-rejected").click();
      // its text will not be in the public record: the row says so
      assertThat(m.locator("li.mod-question[data-id='" + spam + "'] .mq-withheld")).isVisible();
      m.locator("#tab-pending").click();

      // ban the spammer: both their questions are marked
      Locator againRow = m.locator("li.mod-question[data-id='" + spamAgain + "']");
      act(m, againRow, "ban");
      m.locator("#ban-confirm").click();
      assertThat(againRow.locator(".mq-banned")).isVisible();
      check(m, "a banned author's question", lang);
      m.locator("#tab-rejected").click();
      assertThat(m.locator("li.mod-question[data-id='" + spam + "'] .mq-banned")).isVisible();
      // another moderator's console, which did not ban anyone, marks them too: the server says whom was banned
      Page other = open(lang, consoleUrl(session));
      assertThat(other.locator("li.mod-question[data-id='" + spamAgain + "'] .mq-banned")).isVisible();
      other.locator("#tab-rejected").click();
      assertThat(other.locator("li.mod-question[data-id='" + spam + "'] .mq-banned")).isVisible();
      other.close();

      // withhold an approved question's text from the record, then take it back
      m.locator("#tab-live").click();
      Locator personalRow = m.locator("li.mod-question[data-id='" + personal + "']");
      act(m, personalRow, "withhold");
      assertThat(m.locator("#withhold-dialog")).isVisible();
      check(m, "withhold dialog", lang);
      m.locator("#withhold-reason").fill("Có thông tin cá nhân của người khác");
      m.locator("#withhold-confirm").click();
      assertThat(personalRow.locator(".mq-withheld")).isVisible();
      assertEquals("personal_data", questionOf(session, personal).getJsonObject("withheld").getString("category"));
      check(m, "a withheld question", lang);
      act(m, personalRow, "unwithhold");
      assertThat(personalRow.locator(".mq-withheld")).hasCount(0);
      assertEquals(null, questionOf(session, personal).getJsonObject("withheld"));
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static String question(int i) {
    String[] topics = {"đèn đường", "cống thoát nước", "học phí", "rác thải", "giấy phép xây dựng", "chợ tạm",
        "vỉa hè bị lấn chiếm", "tiếng ồn quán karaoke"};
    return "Câu hỏi " + i + ": xin phường cho biết kế hoạch giải quyết " + topics[i % topics.length] + " ở tổ dân phố "
        + i + " trong năm tới, và người dân có thể theo dõi tiến độ ở đâu?";
  }

  private String consoleUrl(JsonObject session) {
    return "/m/" + session.getString("id") + "#token=" + session.getString("moderatorToken");
  }

  /** The rows of a list wholly on screen: inside the window and inside the list's scrolling box. */
  private static int fullyVisibleRows(Page page, String list) {
    return ((Number) page.evaluate("sel => {"
        + "  const box = document.querySelector(sel).closest('.mod-scroll').getBoundingClientRect();"
        + "  const top = Math.max(0, box.top) - 0.5;"
        + "  const bottom = Math.min(window.innerHeight, box.bottom) + 0.5;"
        + "  return [...document.querySelectorAll(sel + ' li.mod-question')].filter((li) => {"
        + "    const r = li.getBoundingClientRect();"
        + "    return r.height > 0 && r.top >= top && r.bottom <= bottom;"
        + "  }).length;"
        + "}", list)).intValue();
  }

  /** Runs a row's action: its button when it is the primary one, else through the row's menu. */
  static void act(Page page, Locator row, String action) {
    row.scrollIntoViewIfNeeded();
    row.click(new Locator.ClickOptions().setPosition(4, 4));
    Locator button = row.locator("button.act-" + action);
    if (!button.isVisible()) {
      row.locator("button.mq-more").click();
    }
    button.click();
  }

  /** The question as a moderator's fresh welcome (and pages) has it. */
  private JsonObject questionOf(JsonObject session, String questionId) {
    try (WsClient ws = Moderation.join(vertx, node.port(), session.getString("id"),
        session.getString("moderatorToken"))) {
      JsonArray questions = ws.next("welcome").getJsonArray("questions");
      for (int i = 0; i < questions.size(); i++) {
        if (questionId.equals(questions.getJsonObject(i).getString("id"))) {
          return questions.getJsonObject(i);
        }
      }
    }
    throw new AssertionError("question " + questionId + " not in a moderator's welcome");
  }

  private List<String> statuses(JsonObject session, List<String> ids) {
    List<String> statuses = new ArrayList<>();
    for (String questionId : ids) {
      statuses.add(questionOf(session, questionId).getString("status"));
    }
    return statuses;
  }

  private void check(Page page, String state, String lang) {
    String where = state + " · " + lang;
    awaitLanguage(page, lang);
    for (Axe.Violation violation : Axe.check(page)) {
      if (violation.blocking()) {
        findings.add(where + ": " + violation);
      }
    }
    for (String small : Axe.smallTargets(page)) {
      findings.add(where + ": target under 44 × 44 px: " + small);
    }
    if (Axe.scrollsSideways(page)) {
      findings.add(where + ": scrolls sideways at " + WIDTH + " px");
    }
  }

  private Page open(String lang, String path) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(WIDTH, HEIGHT));
    context.setDefaultTimeout(WAIT_MS);
    context.addInitScript("window.localStorage.setItem('townhall.lang', '" + lang + "');");
    contexts.add(context);
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        problems.add(path + " console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add(path + " page error: " + error));
    page.navigate(origin() + path);
    assertThat(page.locator("#mod-conn-state")).hasAttribute("data-state", "online");
    return page;
  }
}

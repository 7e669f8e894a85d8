package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.Await;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Topics in the browser (issue 17): a moderator classifies a question in one keystroke ("c" confirms the topic its
 * words suggest) and the row shows it; the record page shows the classified summary (the ward's tables, the topics'
 * chart, the texts by topic) and filters by topic; both pages in Vietnamese and English, checked with axe-core.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TopicsBrowserTest extends BrowserTestBase {
  private static final String RUBBISH = "Rác thải ở đầu hẻm 45 bốc mùi hôi thối cả tuần nay không ai thu gom";
  private static final String HEALTH = "Trạm y tế phường có tiêm chủng cho trẻ vào thứ bảy không?";
  private static final String WATER = "Hẻm 12 mất nước ba ngày nay, khi nào có nước sạch lại?";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void oneKeyClassifiesAndTheRecordSummarisesByTopic(String lang) {
    JsonObject session = api.createSession("Đối thoại phường Bến Nghé", "post", true);
    String id = session.getString("id");
    String token = session.getString("moderatorToken");
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768));
    context.setDefaultTimeout(WAIT_MS);
    context.addInitScript("window.localStorage.setItem('townhall.lang', '" + lang + "');");
    try (WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      resident.next("welcome");
      String rubbish = Moderation.asked(resident, RUBBISH);
      JsonObject picked = resident.act(Moderation.ask(HEALTH).put("topic", "y-te"));
      assertEquals("ack", picked.getString("type"), picked::encode);

      // a resident picks a topic when asking, and filters the list by topic
      Page phone = open(context, problems, "/j/" + session.getString("code"));
      phone.locator("#ask-text").click();
      phone.locator("#ask-text").fill(WATER);
      assertThat(phone.locator("#ask-topic-box")).isVisible();
      phone.locator("#ask-topic").selectOption("ha-tang-do-thi");
      phone.locator("#ask-submit").click();
      assertThat(phone.locator("#ask-text")).hasValue("");
      assertThat(phone.locator("#questions li[data-topic='ha-tang-do-thi']")).hasCount(1);
      phone.locator("#topic-filter").selectOption("y-te");
      assertThat(phone.locator("#questions li:not([hidden])")).hasCount(1);
      assertThat(phone.locator("#questions li:not([hidden])")).containsText(HEALTH);
      assertAccessible(phone, "resident page with topics", lang);
      phone.close();

      Page console = open(context, problems, "/m/" + id + "#token=" + token);
      assertThat(console.locator("#mod-conn-state")).hasAttribute("data-state", "online");
      console.locator("#tab-live").click();
      Locator row = console.locator("#list-live li.mod-question[data-id='" + rubbish + "']");
      row.click(new Locator.ClickOptions().setPosition(4, 4));
      console.keyboard().press("c");
      assertThat(row.locator(".mq-topic")).hasText("vi".equals(lang) ? "Môi trường" : "Environment");
      Locator picked2 = console.locator("#list-live li.mod-question[data-id='" + picked.getString("questionId")
          + "'] .mq-topic");
      assertThat(picked2).hasText("vi".equals(lang) ? "Y tế" : "Health");
      assertAccessible(console, "console with topics", lang);
      // Shift+C: the picker, with the question's topic chosen; another topic saved with Enter on "save"
      console.keyboard().press("Shift+C");
      assertThat(console.locator("#classify-dialog")).isVisible();
      assertThat(console.locator("#classify-topic")).hasValue("moi-truong");
      assertAccessible(console, "the topic picker", lang);
      console.locator("#classify-topic").selectOption("ha-tang-do-thi");
      console.locator("#classify-confirm").click();
      assertThat(row.locator(".mq-topic")).hasText("vi".equals(lang) ? "Hạ tầng đô thị" : "Urban infrastructure");
      console.keyboard().press("Shift+C");
      console.locator("#classify-topic").selectOption("moi-truong");
      console.locator("#classify-confirm").click();
      assertThat(row.locator(".mq-topic")).hasText("vi".equals(lang) ? "Môi trường" : "Environment");
      console.locator("#mod-topic-filter").selectOption("y-te");
      assertThat(console.locator("#list-live li.mod-question")).hasCount(1);
      console.locator("#mod-topic-filter").selectOption("*");
      assertThat(console.locator("#list-live li.mod-question")).hasCount(3);

      try (WsClient mod = mod(id, token)) {
        Moderation.ok(mod, Moderation.highlight(rubbish));
      }
      Page stage = open(context, problems, "/stage/" + id + "#token=" + session.getString("stageToken"));
      assertThat(stage.locator("#stage-question .q-topic"))
          .hasText(java.util.regex.Pattern.compile("Môi trường|Environment"));

      Await.until(() -> "moi-truong".equals(questionOf(api.get("/api/sessions/" + id + "/record",
          TestNodes.ADMIN_TOKEN).json(), rubbish).getString("topic")), 10, "the classification in the record");
      JsonObject record = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
      assertTrue(record.getJsonObject("chain").getJsonArray("links").stream()
          .anyMatch(l -> ((JsonObject) l).getString("entry").contains("\"classified\"")), "chained");

      Page page = open(context, problems, "/r/" + id + "#token=" + token);
      Locator tables = page.locator("#rec-classified-box table.rec-classified-table");
      assertThat(tables).hasCount(3);
      Locator groups = page.locator("#rec-classified-box .rec-classified-group");
      assertThat(groups.filter(new Locator.FilterOptions().setHasText(RUBBISH)).locator("h3"))
          .hasText(("vi".equals(lang) ? "Môi trường" : "Environment") + " (1)");
      assertTrue((Boolean) page.evaluate("() => { const c = document.querySelector('#rec-chart-topics');"
          + " return window.Chart.getChart(c) !== undefined && c.width > 0; }"), "the topics' chart drawn");
      assertThat(groups.filter(new Locator.FilterOptions().setHasText(WATER)).locator("h3"))
          .hasText(("vi".equals(lang) ? "Hạ tầng đô thị" : "Urban infrastructure") + " (1)");
      page.locator("#rec-topic").selectOption("y-te");
      assertThat(page.locator("#rec-list li.rec-q:not(.is-filtered-out)")).hasCount(1);
      assertThat(page.locator("#rec-list li.rec-q:not(.is-filtered-out) .rec-q-text")).hasText(HEALTH);
      assertAccessible(page, "record with its classified summary", lang);

      // printed, as the ward sends it up: the tables and the texts by topic on a page of their own, no chart
      page.locator("#rec-topic").selectOption("all");
      page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
      assertThat(tables).hasCount(3);
      for (int i = 0; i < 3; i++) {
        assertThat(tables.nth(i)).isVisible();
      }
      assertThat(groups.filter(new Locator.FilterOptions().setHasText(RUBBISH))).isVisible();
      assertThat(page.locator(".rec-classified .rec-chart")).isHidden();
      assertEquals("page", page.evaluate(
          "() => getComputedStyle(document.querySelector('.rec-classified')).breakBefore"), "a page of its own");
    } finally {
      context.close();
    }
    assertEquals(List.of(), List.copyOf(problems), "console errors or page errors");
  }

  private WsClient mod(String id, String token) {
    WsClient mod = Moderation.join(vertx, node.port(), id, token);
    mod.next("welcome");
    return mod;
  }

  private static JsonObject questionOf(JsonObject record, String id) {
    JsonArray questions = record.getJsonArray("questions");
    for (int i = 0; i < questions.size(); i++) {
      if (id.equals(questions.getJsonObject(i).getString("id"))) {
        return questions.getJsonObject(i);
      }
    }
    return new JsonObject();
  }

  private Page open(BrowserContext context, List<String> problems, String path) {
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        problems.add(path + " console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add(path + " page error: " + error));
    page.navigate(origin() + path);
    return page;
  }
}

package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.Api;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Issue 16 item 7 in the browsers, in Vietnamese and in English: the second session of a series shows the first's
 * open question under "Trả lời câu hỏi kỳ trước" on the resident page and in the console; the moderator puts it on
 * stage (the stage screen and the speaker view show it) and marks it answered on stage with what was answered, after which it is carried
 * over no more. axe-core checks the resident page, the console and the stage.
 */
class CarryOverBrowserTest extends HomeBrowserTestBase {
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void closeAndCheckConsoles() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    List<String> seen = List.copyOf(problems);
    problems.clear();
    assertEquals(List.of(), seen, "console errors or page errors");
  }

  private Page open(Browser.NewContextOptions options, String lang, String path) {
    BrowserContext context = browser.newContext(options.setLocale("en".equals(lang) ? "en-US" : "vi-VN"));
    context.setDefaultTimeout(WAIT_MS);
    context.addInitScript("window.localStorage.setItem('townhall.lang', '" + lang + "');");
    contexts.add(context);
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        problems.add("console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add("page error: " + error));
    page.navigate(base() + path);
    assertThat(page.locator("html")).hasAttribute("lang", lang,
        new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS));
    return page;
  }

  private JsonObject session(String title, OffsetDateTime at, String lang) {
    Api.Reply created = api.post("/api/sessions", new JsonObject().put("title", title).put("organization", "ward-a")
        .put("moderation", "post").put("series", "quy").put("locale", lang).put("scheduledStart", at.toString())
        .put("scheduledEnd", at.plusHours(2).toString())
        .put("questionsOpenFrom", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString()).encode(),
        TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  @ParameterizedTest
  @ValueSource(strings = {"vi", "en"})
  void theNextSessionShowsPutsOnStageAndAnswersLastTimesQuestion(String lang, Vertx vertx) {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.HOURS);
    JsonObject first = session("Đối thoại quý I", start, lang);
    JsonObject second = session("Đối thoại quý II", start.plusDays(90), lang);
    String text = "Khi nào nạo vét kênh Nhiêu Lộc?";
    try (WsClient asker = WsClient.join(vertx, node.port(), first.getString("id"), Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), first.getString("id"),
             Msg.hello(first.getString("moderatorToken")))) {
      asker.next("welcome");
      moderator.next("welcome");
      String q = asker.act(Msg.ask(text)).getString("questionId");
      JsonObject ack = moderator.act(new JsonObject().put("type", "moderate").put("questionId", q)
          .put("action", "followUp").put("step", "referred").put("agency", "tnmt-a").put("due", "2020-01-15"));
      assertEquals("ack", ack.getString("type"), ack::encode);
    }
    String title = "vi".equals(lang) ? "Trả lời câu hỏi kỳ trước" : "Answers to last time's questions";

    Page resident = open(new Browser.NewContextOptions().setViewportSize(360, 740).setIsMobile(true)
        .setHasTouch(true), lang, "/j/" + second.getString("code"));
    Locator residentItem = resident.locator(".carried-over .carried-item");
    assertThat(resident.locator(".carried-over .carried-over-title")).hasText(title);
    assertThat(residentItem.locator(".carried-text")).hasText(text);
    assertThat(residentItem.locator(".carried-overdue")).isVisible();
    accessible(resident);

    Page stage = open(new Browser.NewContextOptions().setViewportSize(1280, 720), lang,
        "/stage/" + second.getString("id") + "#token=" + second.getString("stageToken"));
    Page speaker = open(new Browser.NewContextOptions().setViewportSize(1024, 768), lang,
        "/speaker/" + second.getString("id") + "#token=" + second.getString("stageToken"));
    Page console = open(new Browser.NewContextOptions().setViewportSize(1280, 800), lang,
        "/m/" + second.getString("id") + "#token=" + second.getString("moderatorToken"));
    Locator item = console.locator(".carried-over .carried-item");
    assertThat(item.locator(".carried-text")).hasText(text);
    item.getByText("vi".equals(lang) ? "Đưa lên sân khấu" : "Put on stage").click();
    assertThat(stage.locator(".carried-onstage-box .q-text")).hasText(text);
    assertThat(stage.locator("#stage-empty")).isHidden();
    accessible(stage);
    assertThat(speaker.locator(".carried-onstage-box .q-text")).hasText(text);
    accessible(speaker);
    assertThat(residentItem.locator(".carried-onstage")).isVisible();

    item.getByText("vi".equals(lang) ? "Đã trả lời…" : "Answered…").click();
    Locator answer = item.locator("textarea");
    assertThat(answer).isFocused();
    accessible(console);
    console.keyboard().type("Phường đã nạo vét xong trong tháng 3.");
    item.getByText("vi".equals(lang) ? "Ghi nhận đã trả lời" : "Record the answer").click();
    assertThat(console.locator(".carried-over")).isHidden();
    assertThat(stage.locator(".carried-onstage-box")).isHidden();
    assertThat(stage.locator("#stage-empty")).isVisible();
    assertThat(speaker.locator(".carried-onstage-box")).isHidden();
    assertThat(resident.locator(".carried-over")).isHidden();
  }
}

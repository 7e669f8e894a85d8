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
 * Issue 16 item 1 in the moderator console, in Vietnamese and in English, by keyboard: the key p on a question
 * opens the follow-up form, whose agency picker holds the ward's agencies (and, for a referral up, those above);
 * a missing due date is said in the form; Enter takes the step, the row shows "Chuyển Phòng TN-MT · hạn 20/12", and
 * the resident page shows the step under the question, live. axe-core checks the form and the resident page.
 */
class FollowUpConsoleBrowserTest extends HomeBrowserTestBase {
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

  private void org(String slug, String name, String kind, String parent) {
    Api.Reply reply = api.post("/api/orgs", new JsonObject().put("slug", slug).put("name", name).put("kind", kind)
        .put("parent", parent).encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, reply.status(), reply.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"vi", "en"})
  void aModeratorRefersAQuestionByKeyboardAndEveryScreenShowsIt(String lang, Vertx vertx) {
    org("ward-a", "Phường A", "ward", "main");
    org("tnmt-a", "Phòng TN-MT", "agency", "ward-a");
    org("so-xd", "Sở Xây dựng", "agency", "main");
    Api.Reply created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").put("locale", lang).encode(),
        TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    JsonObject session = created.json();
    String id = session.getString("id");
    String q;
    try (WsClient asker = WsClient.join(vertx, node.port(), id, Msg.hello())) {
      asker.next("welcome");
      q = asker.act(Msg.ask("Khi nào nạo vét kênh Nhiêu Lộc?")).getString("questionId");
    }

    Page console = open(new Browser.NewContextOptions().setViewportSize(1280, 800), lang,
        "/m/" + id + "#token=" + session.getString("moderatorToken"));
    assertThat(console.locator("#mod-conn-state")).hasAttribute("data-state", "online");
    console.keyboard().press("2");
    Locator row = console.locator("#list-live li.mod-question[data-id='" + q + "']");
    row.click(new Locator.ClickOptions().setPosition(4, 4));
    console.keyboard().press("p");
    Locator dialog = console.locator("#followup-dialog");
    assertThat(dialog).isVisible();
    assertThat(console.locator("#followup-step")).isFocused();
    assertThat(console.locator("#followup-agency option")).hasCount(1);
    assertThat(console.locator("#followup-agency option")).hasText("Phòng TN-MT");
    console.locator("#followup-step").selectOption("referredUp");
    assertThat(console.locator("#followup-agency option")).hasText("Sở Xây dựng — main");
    console.locator("#followup-step").selectOption("referred");
    accessible(console);

    console.keyboard().press("Tab");
    assertThat(console.locator("#followup-agency")).isFocused();
    console.keyboard().press("Enter");
    assertThat(console.locator("#followup-error")).isVisible();
    assertThat(console.locator("#followup-error")).hasText("vi".equals(lang) ? "Hãy chọn hạn trả lời."
        : "Choose a due date.");
    assertThat(console.locator("#followup-due")).isFocused();
    console.locator("#followup-due").fill("2027-12-20");
    console.locator("#followup-note").focus();
    console.keyboard().type("Chuyển phòng chuyên môn");
    console.locator("#followup-confirm").focus();
    console.keyboard().press("Enter");
    try {
      assertThat(dialog).isHidden();
    } catch (AssertionError e) {
      throw new AssertionError("the form stayed open: " + console.locator("#followup-error").textContent(), e);
    }
    String expected = "vi".equals(lang) ? "Chuyển Phòng TN-MT · hạn 20/12" : "Referred to Phòng TN-MT · due 20 Dec";
    assertThat(row.locator(".mq-followup")).hasText(expected);
    accessible(console);

    Page resident = open(new Browser.NewContextOptions().setViewportSize(360, 740).setIsMobile(true)
        .setHasTouch(true), lang, "/j/" + session.getString("code"));
    Locator step = resident.locator("li.question[data-id='" + q + "'] .q-followup-step");
    assertThat(step).hasText(expected);
    accessible(resident);
  }
}

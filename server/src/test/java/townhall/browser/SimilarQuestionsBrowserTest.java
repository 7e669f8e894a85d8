package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.Await;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.WsClient;

/**
 * Issue 17 on the resident page, on a phone, in Vietnamese and in English: a resident typing, without diacritics, a
 * question already asked is offered the existing one while typing, upvotes it with one tap instead of asking again,
 * and the session holds one more upvote and no new question; in the moderator console, a pending near-duplicate
 * opens the merge picker with its likely duplicate first and chosen, and Enter merges it. axe-core checks both pages.
 */
class SimilarQuestionsBrowserTest extends BrowserTestBase {
  private static final String LIGHTS = "Đèn đường ở tổ dân phố 7 bị hư cả tháng nay, bao giờ phường sửa?";
  private static final String RUBBISH = "Xe thu gom rác ở khu phố 2 đến không đúng giờ, rác bốc mùi hôi.";
  private static final String TYPED = "den duong to dan pho 7 bi hu lau roi, khi nao phuong sua";

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

  /** The resident page on a phone whose browser speaks {@code lang}. */
  private Page phone(String lang, String path) {
    return open(new Browser.NewContextOptions().setViewportSize(360, 740).setIsMobile(true).setHasTouch(true)
        .setLocale("en".equals(lang) ? "en-US" : "vi-VN"), null, path);
  }

  /** The moderator console on a laptop, in {@code lang} (chosen with the switch before, as the console keeps it). */
  private Page laptop(String lang, String path) {
    return open(new Browser.NewContextOptions().setViewportSize(1280, 800),
        "window.localStorage.setItem('townhall.lang', '" + lang + "');", path);
  }

  private Page open(Browser.NewContextOptions options, String initScript, String path) {
    BrowserContext context = browser.newContext(options);
    context.setDefaultTimeout(WAIT_MS);
    if (initScript != null) {
      context.addInitScript(initScript);
    }
    contexts.add(context);
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        problems.add("console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add("page error: " + error));
    page.navigate(origin() + path);
    return page;
  }

  @ParameterizedTest
  @ValueSource(strings = {"vi", "en"})
  void aPendingNearDuplicateIsMergedIntoItsLikelyDuplicateWithMThenEnter(String lang) {
    JsonObject session = api.createSession("Phiên kiểm duyệt " + lang, "pre", true);
    String id = session.getString("id");
    String moderatorToken = session.getString("moderatorToken");
    String lights;
    String again;
    try (WsClient moderator = Moderation.join(vertx, node.port(), id, moderatorToken);
        WsClient asker = Moderation.join(vertx, node.port(), id, null)) {
      moderator.next("welcome");
      asker.next("welcome");
      lights = ask(asker, LIGHTS);
      Moderation.ok(moderator, Moderation.approve(lights));
      Moderation.ok(moderator, Moderation.approve(ask(asker, RUBBISH)));
      again = ask(asker, "den duong to dan pho 7 hu lau roi, bao gio phuong sua vay");
    }

    Page page = laptop(lang, "/m/" + id + "#token=" + moderatorToken);
    awaitLanguage(page, lang);
    assertThat(page.locator("#mod-conn-state")).hasAttribute("data-state", "online");
    Locator row = page.locator("#list-pending li.mod-question[data-id='" + again + "']");
    row.click(new Locator.ClickOptions().setPosition(4, 4));
    page.keyboard().press("m");
    assertThat(page.locator("#merge-dialog")).isVisible();
    Locator likely = page.locator("#merge-target .merge-choice.is-likely");
    assertThat(likely).hasCount(1);
    assertThat(likely.locator("input")).hasValue(lights);
    assertThat(likely.locator("input")).isChecked();
    assertThat(page.locator("#merge-target .merge-choice").first()).hasClass(
        java.util.regex.Pattern.compile("is-likely"));
    assertAccessible(page, "the merge picker with a likely duplicate", lang);
    page.keyboard().press("Enter");

    assertThat(page.locator("#merge-dialog")).isHidden();
    assertThat(page.locator("#tab-pending .tab-count")).hasText("0");
    Await.until(() -> {
      JsonObject merged = Msg.question(Moderation.freshWelcome(vertx, node.port(), id, moderatorToken), again);
      return merged != null && lights.equals(merged.getString("mergedInto"));
    }, 15, "the pending question merged into the existing one");
  }

  private static String ask(WsClient asker, String text) {
    JsonObject ack = asker.act(Msg.ask(text));
    Moderation.assertAck(ack);
    return ack.getString("questionId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vi", "en"})
  void aResidentTypingANearDuplicateWithoutDiacriticsUpvotesTheExistingQuestionInstead(String lang) {
    JsonObject session = api.createSession("Đối thoại phường " + lang, "post", true);
    String id = session.getString("id");
    String lights;
    try (WsClient asker = Moderation.join(vertx, node.port(), id, null)) {
      asker.next("welcome");
      lights = ask(asker, LIGHTS);
      ask(asker, RUBBISH);
    }

    Page page = phone(lang, "/j/" + session.getString("code"));
    awaitLanguage(page, lang);
    assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
    Locator offer = page.locator("#similar-offer");
    page.locator("#ask-text").click();
    page.locator("#ask-text").pressSequentially("den duong");
    assertThat(offer).isHidden(); // two words say too little
    page.locator("#ask-text").fill(TYPED);

    assertThat(offer).isVisible();
    assertThat(page.locator("#similar-heading")).hasText("vi".equals(lang)
        ? "Đã có câu hỏi tương tự — ủng hộ câu hỏi đó thay vì hỏi lại?"
        : "Someone already asked something similar — upvote it instead of asking again?");
    Locator items = offer.locator(".similar-item");
    assertThat(items).hasCount(1);
    assertThat(items.first().locator(".similar-text")).hasText(LIGHTS);
    assertAccessible(page, "the resident page offering a similar question", lang);

    Locator upvote = items.first().locator("button.similar-vote");
    assertThat(upvote).hasAttribute("data-question-id", lights);
    upvote.click();
    assertThat(upvote).hasAttribute("aria-pressed", "true");
    assertThat(upvote).isDisabled();
    assertThat(upvote).hasText("vi".equals(lang) ? "Đã ủng hộ" : "Upvoted");

    Await.until(() -> {
      JsonObject welcome = Moderation.freshWelcome(vertx, node.port(), id, null);
      return Msg.question(welcome, lights).getInteger("votes") == 1;
    }, 15, "the existing question has the resident's upvote");
    JsonArray questions = Moderation.freshWelcome(vertx, node.port(), id, null).getJsonArray("questions");
    assertEquals(2, questions.size(), "no question was asked again: " + questions.encode());
    assertThat(page.locator("#ask-text")).hasValue(TYPED); // the draft stays: the resident may still ask theirs
  }
}

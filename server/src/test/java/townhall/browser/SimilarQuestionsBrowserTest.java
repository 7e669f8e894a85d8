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
 * and the session holds one more upvote and no new question. axe-core checks the page with the offer shown.
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

  private Page phone(String lang, String path) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
        .setIsMobile(true).setHasTouch(true).setLocale("en".equals(lang) ? "en-US" : "vi-VN"));
    context.setDefaultTimeout(WAIT_MS);
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
        ? "Đã có câu hỏi tương tự — bình chọn thay vì hỏi lại?"
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

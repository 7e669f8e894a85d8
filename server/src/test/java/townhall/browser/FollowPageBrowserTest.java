package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.WsClient;

/**
 * The asker sees the follow-up code under their question on the resident page (a phone), follows its link to
 * {@code /f/{code}}, and reads there, in Vietnamese and English, the question, the step a moderator took and the
 * answer, with dates; the "tell me by email" form under their question and on the page (this node sends no email, and
 * says so), and the rating of the answer, which the asker gives once from the same browser (their participant token);
 * axe-core finds nothing serious in either language, forms included.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FollowPageBrowserTest extends BrowserTestBase {

  @Test
  void theAskerFollowsTheirQuestionFromTheResidentPageToItsFollowUpPage() {
    JsonObject session = api.createSession("Đối thoại phường Bến Nghé", "post", true);
    BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
        .setIsMobile(true).setHasTouch(true));
    phone.setDefaultTimeout(WAIT_MS);
    try (WsClient moderator = WsClient.join(vertx, node.port(), session.getString("id"),
        Msg.hello(session.getString("moderatorToken")))) {
      moderator.next("welcome");
      Page page = phone.newPage();
      page.navigate(origin() + "/j/" + session.getString("code"));
      assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
      page.locator("#ask-text").fill("Khi nào nạo vét kênh Nhiêu Lộc – Thị Nghè?");
      page.locator("#ask-submit").click();
      Locator code = page.locator(".question.is-mine .q-follow-code");
      assertThat(code).hasText(Pattern.compile("^[A-HJKMNP-Z2-9]{2}-[A-HJKMNP-Z2-9]{4}$"));
      String followCode = code.textContent();

      Moderation.ok(moderator, new JsonObject().put("type", "moderate").put("questionId", "1")
          .put("action", "followUp").put("step", "promised").put("due", "2027-01-15")
          .put("note", "Phòng Quản lý đô thị sẽ trả lời"));
      Moderation.ok(moderator, Moderation.answer("1", "Quý 2 năm 2027 sẽ nạo vét xong."));

      // the answer has reached the page (its row changes no more), then the asker follows the link
      assertThat(page.locator(".question.is-mine .q-answer")).isVisible();
      Locator mail = page.locator(".question.is-mine .q-follow-mail");
      assertThat(mail.locator("summary")).hasText("Báo cho tôi qua email");
      mail.locator("summary").click();
      mail.locator("input[type=email]").fill("lan@example.vn");
      mail.locator("button[type=submit]").click();
      assertThat(mail.locator(".follow-mail-status")).hasText("Máy chủ này không gửi email.");
      assertAccessible(page, "/j/{code} with the email form open", "vi");
      assertThat(code).hasAttribute("href", "/f/" + followCode);
      code.click();
      page.waitForURL("**/f/" + followCode);
      assertThat(page.locator("#follow-code")).hasText(followCode);
      assertThat(page.locator("#follow-text")).hasText("Khi nào nạo vét kênh Nhiêu Lộc – Thị Nghè?");
      assertThat(page.locator("#follow-state")).hasText("Đã trả lời");
      assertThat(page.locator(".follow-step-what")).hasText("Hẹn trả lời bằng văn bản");
      assertThat(page.locator(".follow-step-due")).containsText("2027");
      assertThat(page.locator(".follow-step-note")).hasText("Phòng Quản lý đô thị sẽ trả lời");
      assertThat(page.locator("#follow-answer")).hasText("Quý 2 năm 2027 sẽ nạo vét xong.");
      assertThat(page.locator("#follow-mail-card")).isVisible();
      assertThat(page.locator("#follow-rating-form")).isVisible();
      assertAccessible(page, "/f/{code}", "vi");

      page.locator("#lang-switch").click();
      assertThat(page.locator(".follow-step-what")).hasText("A written answer was promised");
      assertThat(page.locator("#follow-state")).hasText("Answered");
      assertAccessible(page, "/f/{code}", "en");
      page.locator("#follow-rating-form label", new Page.LocatorOptions().setHasText("Not satisfied")).click();
      page.locator("#follow-rating-reason").fill("No date for the work");
      page.locator("#follow-rating-submit").click();
      assertThat(page.locator("#follow-rating-status")).hasText("Thank you: your rating is now part of the public record.");
      assertThat(page.locator("#follow-rating-result")).hasText("The asker is not satisfied with the answer.");
      assertThat(page.locator("#follow-rating-form")).isHidden();
      page.reload();
      assertThat(page.locator("#follow-rating-result")).hasText("The asker is not satisfied with the answer.");
      assertThat(page.locator("#follow-rating-form")).isHidden();
      int width = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
      assertTrue(width <= 360, "nothing wider than the phone: " + width);

      page.navigate(origin() + "/f/ZZ-ZZZZ");
      assertThat(page.locator("#follow-status")).hasText(Pattern.compile("No public question|Không tìm thấy"));
    } finally {
      phone.close();
    }
  }
}

package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.SlipFixtures;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Issue 17's paper slip photo in the browser: the clerk enters a paper question and attaches a photo of the slip with
 * the keyboard (the photo field follows the channel), the moderator opens it from the question's row in the console
 * and publishes it, and the record page shows it once the record is published. axe-core in Vietnamese and English on
 * the clerk's desk with its photo field, the console's photo dialog and the record page with the photo.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SlipPhotoBrowserTest extends HomeBrowserTestBase {
  private static final String TEXT = "Xin cấp lại sổ đỏ, hồ sơ nộp từ tháng 3";

  @Test
  void aClerkAttachesAPhotoTheModeratorPublishesItAndTheRecordShowsIt(Vertx vertx) {
    JsonObject session = api.createSession("Tiếp xúc cử tri phường Bến Nghé", "pre", true);
    String id = session.getString("id");
    String moderatorToken = session.getString("moderatorToken");
    String link = api.post("/api/sessions/" + id + "/clerk-token", "", moderatorToken).json()
        .getJsonObject("links").getString("clerk");
    BrowserContext laptop = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    laptop.setDefaultTimeout(WAIT_MS);
    try {
      Page clerk = laptop.newPage();
      clerk.navigate(base() + link.substring(link.indexOf("/clerk/")));
      assertThat(clerk.locator("#clerk-desk")).isVisible();
      assertThat(clerk.locator("#clerk-text")).isFocused();
      assertThat(clerk.locator("#clerk-slip-box")).isHidden();
      clerk.keyboard().type(TEXT);
      clerk.keyboard().press("Tab");
      clerk.keyboard().press("Tab");
      clerk.keyboard().press("Tab");
      clerk.keyboard().press("2"); // paper: the photo field appears after the channels
      assertThat(clerk.locator("#clerk-slip-box")).isVisible();
      clerk.keyboard().press("Tab");
      assertThat(clerk.locator("#clerk-slip")).isFocused();
      clerk.locator("#clerk-slip").setInputFiles(new FilePayload("phieu.jpg", "image/jpeg",
          SlipFixtures.jpegWithExif(800, 600, 1)));
      accessibleInBothLanguages(clerk, "#clerk-slip-box label", "Photo of the paper slip");
      clerk.locator("#clerk-slip").focus(); // the language switch took the focus
      clerk.keyboard().press("Tab");
      assertThat(clerk.locator("#clerk-send")).isFocused();
      clerk.keyboard().press("Enter");
      Locator entry = clerk.locator("#clerk-entries .clerk-entry").first();
      assertThat(entry.locator(".clerk-slip-state[data-state=attached]")).isVisible();
      assertThat(clerk.locator("#clerk-text")).isFocused();
      accessibleInBothLanguages(clerk, "#clerk-entries .clerk-slip-state", "Photo attached");

      JsonObject question = Moderation.question(Moderation.freshWelcome(vertx, node.port(), id, moderatorToken), "1");
      assertEquals("paper", question.getString("channel"));
      String sha = question.getJsonObject("slip").getString("sha256");

      // the console: the row's button opens the photo (fetched with the console's token), one key publishes it
      Page console = laptop.newPage();
      console.navigate(base() + "/m/" + id + "#token=" + moderatorToken);
      Locator row = console.locator("#list-pending li.mod-question[data-id='1']");
      Locator open = row.locator("button.mq-slip");
      assertThat(open).hasText("Ảnh phiếu");
      open.focus();
      console.keyboard().press("Enter");
      Locator dialog = console.locator("#slip-dialog");
      assertThat(dialog).isVisible();
      assertThat(console.locator("#slip-image")).isVisible();
      // the kept photo is shown whole (polled: an image decodes after it is shown)
      console.waitForFunction("() => { const img = document.getElementById('slip-image');"
          + " return img.complete && img.naturalWidth === 800; }");
      assertThat(console.locator("#slip-publish")).isFocused();
      // the modal dialog keeps the pointer from the language switch: it is switched by script, the dialog open
      accessible(console);
      console.evaluate("document.getElementById('lang-switch').click()");
      assertThat(console.locator("#slip-publish")).hasText("Publish the photo");
      assertThat(console.locator("#slip-image")).hasAttribute("alt", "Photo of the paper slip of question #1");
      accessible(console);
      console.evaluate("document.getElementById('lang-switch').click()");
      assertThat(console.locator("#slip-publish")).hasText("Công khai ảnh");
      console.locator("#slip-publish").focus();
      console.keyboard().press("Enter");
      assertThat(console.locator("#slip-state")).containsText("Đã công khai");
      assertThat(console.locator("#slip-public-link")).hasAttribute("href", "/api/slips/" + sha);
      assertThat(row.locator("button.mq-slip.is-public")).isVisible();
      console.keyboard().press("Escape");
      assertThat(dialog).isHidden();
      console.close();
      assertThat(entry.locator(".clerk-slip-state[data-state=public]")).isVisible();
    } finally {
      laptop.close();
    }

    try (WsClient moderator = Moderation.join(vertx, node.port(), id, moderatorToken)) {
      moderator.next("welcome");
      Moderation.ok(moderator, Moderation.approve("1"));
      Moderation.ok(moderator, Moderation.session("close"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());

    BrowserContext reader = browser.newContext();
    reader.setDefaultTimeout(WAIT_MS);
    try {
      Page page = reader.newPage();
      page.navigate(base() + "/r/" + id);
      Locator image = page.locator(".rec-q-slip-image");
      assertThat(image).isVisible();
      // the published photo is served to anyone (polled, scrolled to: a lazy image loads once near the viewport,
      // and the list is drawn again when the topic lists arrive)
      page.waitForFunction("() => { const img = document.querySelector('.rec-q-slip-image');"
          + " if (!img) return false; img.scrollIntoView({ block: 'center' });"
          + " return img.complete && img.naturalWidth === 800; }");
      assertThat(page.locator(".rec-q-slip-link")).hasAttribute("href",
          java.util.regex.Pattern.compile("/api/slips/[0-9a-f]{64}$"));
      accessibleInBothLanguages(page, ".rec-q-slip-caption", "Photo of the paper slip");
    } finally {
      reader.close();
    }
  }
}

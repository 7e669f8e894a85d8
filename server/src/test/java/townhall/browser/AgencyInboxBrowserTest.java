package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.FilePayload;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The agency's inbox in Chromium on a phone (360×740): the responder finds it from /home, reads the overdue question
 * first with its days overdue, saves a draft and attaches a PDF; the ward's organizer publishes it from the same page;
 * the asker's follow-up page shows the answer and its file. Every view passes axe-core in Vietnamese and English.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AgencyInboxBrowserTest extends HomeBrowserTestBase {
  private static final String PASSWORD = "browser inbox pw 1";
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

  private BrowserContext phone(SignedInClient who) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
        .setIsMobile(true).setHasTouch(true));
    context.setDefaultTimeout(WAIT_MS);
    String[] cookie = who.cookie().split("=", 2);
    context.addCookies(List.of(new Cookie(cookie[0], cookie[1]).setUrl(base())));
    return context;
  }

  private static JsonObject referred(String questionId, LocalDate due) {
    return new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "followUp")
        .put("step", "referred").put("agency", "tnmt-a").put("due", due.toString());
  }

  @Test
  void theResponderDraftsAndAttachesAndTheOrganizerPublishes(Vertx vertx) {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@main.vn").put("password", PASSWORD)
        .encode(), null));
    SignedInClient responder = invited(admin, "responder", "tnmt-a", PASSWORD);
    SignedInClient organizer = invited(admin, "organizer", "ward-a", PASSWORD);
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    String code;
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      resident.act(Msg.ask("Khi nào sửa đèn đường hẻm 12?"));
      resident.act(Msg.ask("Rác ở chợ phường chưa được thu gom"));
      code = moderator.next(f -> "question".equals(f.getString("type"))
          && "2".equals(f.getJsonObject("question").getString("id")), "question 2")
          .getJsonObject("question").getString("followCode");
      Moderation.ok(moderator, referred("1", TODAY.plusDays(6)));
      Moderation.ok(moderator, referred("2", TODAY.minusDays(4)));
    }

    try (BrowserContext context = phone(responder)) {
      Page page = context.newPage();
      page.navigate(base() + "/home");
      Locator link = page.locator("#home-inbox a");
      assertThat(link).hasText("Hộp thư của tnmt-a");
      accessible(page);
      link.click();
      page.waitForURL("**/inbox/tnmt-a");
      Locator items = page.locator("#inbox-items > li");
      assertThat(items).hasCount(2);
      Locator first = items.nth(0);
      assertThat(first.locator(".follow-text")).hasText("Rác ở chợ phường chưa được thu gom");
      assertThat(first.locator(".inbox-overdue")).hasText("Quá hạn 4 ngày");
      assertThat(page.locator("#inbox-publish-note")).isVisible();
      assertEquals(0, first.locator("button.primary").count(), "a responder does not publish by default");
      accessibleInBothLanguages(page, ".inbox-overdue", "4 days overdue");

      first.locator("textarea").fill("Đã thu gom xong; lịch thu gom mới đính kèm.");
      first.locator("button", new Locator.LocatorOptions().setHasText("Lưu bản nháp")).click();
      assertThat(first.locator("[role=status]")).hasText("Đã lưu bản nháp.");
      first.locator("input[type=file]").setInputFiles(new FilePayload("lich-thu-gom.pdf", "application/pdf",
          "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1)));
      assertThat(page.locator("#inbox-items > li").nth(0).locator(".answer-files a")).hasText("lich-thu-gom.pdf");
      page.locator("#inbox-items > li").nth(0).locator("input[type=file]").setInputFiles(new FilePayload(
          "anh.png", "image/png", "%PDF-1.4 not a png".getBytes(StandardCharsets.ISO_8859_1)));
      assertThat(page.locator("#inbox-items > li").nth(0).locator("[role=status]"))
          .containsText("chỉ nhận tệp PDF hoặc ảnh");
      accessible(page);
    }

    try (BrowserContext context = phone(organizer)) {
      Page page = context.newPage();
      page.navigate(base() + "/inbox/tnmt-a");
      Locator first = page.locator("#inbox-items > li").nth(0);
      assertThat(first.locator("textarea")).hasValue("Đã thu gom xong; lịch thu gom mới đính kèm.");
      accessibleInBothLanguages(page, "#inbox-items button.primary", "Publish the answer");
      first.locator("button.primary").click();
      assertThat(page.locator("#inbox-items > li")).hasCount(1);
      assertThat(page.locator("#inbox-status")).hasText("Đã công bố câu trả lời; câu hỏi rời hộp thư.");

      page.navigate(base() + "/f/" + code);
      assertThat(page.locator("#follow-answer")).hasText("Đã thu gom xong; lịch thu gom mới đính kèm.");
      Locator file = page.locator("#follow-answer-files a");
      assertThat(file).hasText("lich-thu-gom.pdf");
      assertThat(file).hasAttribute("href", java.util.regex.Pattern.compile("^/api/attachments/[0-9a-f]{64}$"));
      accessibleInBothLanguages(page, "#follow-answer-files", "PDF");
    }
  }
}

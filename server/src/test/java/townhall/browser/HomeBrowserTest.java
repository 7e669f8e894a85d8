package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.Api;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.TestNodes;

/**
 * The organization's pages in Chromium: the first administrator signs in through the setup link on a laptop, an
 * invited ward organizer accepts on a phone and schedules a session from /home, and residents find it on the ward's
 * public page with "ask now"; every page passes axe-core in Vietnamese and English.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HomeBrowserTest extends HomeBrowserTestBase {
  private static final String PASSWORD = "browser password 1";

  @Test
  void setupInvitationScheduleAndThePublicPage() {
    String setup = node.setupToken().orElseThrow();
    try (BrowserContext laptop = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
      Page page = laptop.newPage();
      page.navigate(base() + "/login#setup=" + setup);
      assertThat(page.locator("#login-title")).hasText("Tạo tài khoản quản trị đầu tiên");
      assertEquals(base() + "/login", page.url(), "the token leaves the address bar");
      accessible(page);
      page.fill("#login-email", "admin@example.vn");
      page.fill("#login-name", "Chị Lan");
      page.fill("#login-password", PASSWORD);
      page.click("#login-submit");
      page.waitForURL(base() + "/home");
      assertThat(page.locator("#home-who")).hasText("main: quản trị");
      accessible(page);
    }

    api.post("/api/orgs", new JsonObject().put("slug", "ben-nghe").put("name", "Phường Bến Nghé").put("kind", "ward")
        .encode(), TestNodes.ADMIN_TOKEN);
    String link = api.post("/api/orgs/ben-nghe/invitations", new JsonObject().put("email", "ward@example.vn")
        .put("role", "organizer").encode(), TestNodes.ADMIN_TOKEN).json().getString("link");

    try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
        .setIsMobile(true).setHasTouch(true))) {
      Page page = phone.newPage();
      page.navigate(link);
      assertThat(page.locator("#login-title")).hasText("Nhận lời mời");
      assertThat(page.locator("#login-email-row")).isHidden();
      page.fill("#login-password", PASSWORD);
      page.click("#login-submit");
      page.waitForURL(base() + "/home");
      assertThat(page.locator("#home-who")).hasText("ben-nghe: ban tổ chức");

      DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
      OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withHour(12).withMinute(0);
      page.fill("#home-title", "Đối thoại quý I phường Bến Nghé");
      page.fill("#home-start", start.format(local));
      page.fill("#home-end", start.plusHours(2).format(local));
      page.fill("#home-open", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).format(local));
      page.fill("#home-place", "Hội trường UBND phường");
      page.click("#home-create button[type=submit]");
      assertThat(page.locator("#home-created input[data-link]")).hasCount(4);
      assertThat(page.locator("#home-upcoming .home-item h3")).hasText("Đối thoại quý I phường Bến Nghé");
      page.fill("#home-search", "không có");
      assertThat(page.locator("#home-upcoming .home-item")).hasCount(0);
      accessible(page);

      page.navigate(base() + "/o/ben-nghe");
      assertThat(page.locator("#opage-name")).hasText("Phường Bến Nghé");
      assertThat(page.locator("#opage-upcoming .home-item h3")).hasText("Đối thoại quý I phường Bến Nghé");
      assertThat(page.locator("#opage-upcoming a.button")).hasText("Đặt câu hỏi ngay");
      // the session's stream link, once the organizer sets one (issue 18), beside "ask now"
      String sessionId = page.locator("#opage-upcoming .home-item").getAttribute("id");
      Api.Reply stream = api.request("PUT", "/api/sessions/" + sessionId + "/stream",
          "{\"streamUrl\":\"https://www.youtube.com/live/ben-nghe\"}", "Content-Type", "application/json",
          "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN);
      assertEquals(200, stream.status(), stream::body);
      page.reload();
      assertThat(page.locator("#opage-upcoming a.stream-link")).hasAttribute("href",
          "https://www.youtube.com/live/ben-nghe");
      assertThat(page.locator("#opage-upcoming a.stream-link")).hasText("Xem phát trực tiếp");
      accessible(page);
      page.click("#lang-switch");
      assertThat(page.locator("#opage-upcoming-heading")).hasText("Upcoming sessions");
      assertThat(page.locator("#opage-upcoming a.button")).hasText("Ask now");
      accessible(page);
      page.click("#opage-upcoming a.button");
      page.waitForURL(url -> url.contains("/j/"));
    }
  }

  @Test
  void aWrongPasswordSaysSoInBothLanguages() {
    try (BrowserContext laptop = browser.newContext()) {
      Page page = laptop.newPage();
      page.navigate(base() + "/login");
      page.fill("#login-email", "nobody@example.vn");
      page.fill("#login-password", "not the password");
      page.click("#login-submit");
      assertThat(page.locator("#login-error")).hasText("Thư điện tử hoặc mật khẩu không đúng.");
      accessible(page);
      page.click("#lang-switch");
      assertThat(page.locator("#login-title")).hasText("Sign in");
      accessible(page);
      page.navigate(base() + "/home");
      page.waitForURL(base() + "/login");
    }
  }
}

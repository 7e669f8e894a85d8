package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;

/**
 * The organizer's home in Chromium, on a laptop (1366×768) and a phone (360×740): a ward organizer schedules a
 * session with its leaders and series, edits it, duplicates it, hands out its moderator link with the copy button,
 * ends the copy and publishes its record, and reads who did what; the ward's public page and the series page show
 * both sessions, the past one with its record. Every view passes axe-core
 * in Vietnamese and English.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class OrganizerHomeBrowserTest extends HomeBrowserTestBase {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  /** A browser context signed in as the ward's organizer (the cookie the sign-in set). */
  private BrowserContext signedIn(SignedInClient organizer, int width, int height, boolean phone) {
    Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(width, height);
    if (phone) {
      options.setIsMobile(true).setHasTouch(true);
    }
    BrowserContext context = browser.newContext(options);
    String[] cookie = organizer.cookie().split("=", 2);
    context.addCookies(List.of(new Cookie(cookie[0], cookie[1]).setUrl(base())));
    context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
    return context;
  }

  private static Locator item(Page page, String list, String title) {
    return page.locator("#" + list + " .home-item").filter(new Locator.FilterOptions()
        .setHas(page.locator("h3:text-is('" + title + "')")));
  }

  @Test
  void anOrganizerSchedulesEditsDuplicatesAndHandsOutALink() {
    api.post("/api/orgs", new JsonObject().put("slug", "ben-nghe").put("name", "Phường Bến Nghé").put("kind", "ward")
        .encode(), TestNodes.ADMIN_TOKEN);
    String link = api.post("/api/orgs/ben-nghe/invitations", new JsonObject().put("email", "ward@example.vn")
        .put("role", "organizer").encode(), TestNodes.ADMIN_TOKEN).json().getString("link");
    SignedInClient organizer = SignedInClient.from(api, node.port(), api.post("/api/invitations/accept",
        new JsonObject().put("token", link.substring(link.indexOf("#invite=") + 8))
            .put("password", "browser password 1").encode(), null));

    OffsetDateTime start = OffsetDateTime.now().plusDays(2).withHour(9).withMinute(0);
    try (BrowserContext laptop = signedIn(organizer, 1366, 768, false)) {
      Page page = laptop.newPage();
      page.navigate(base() + "/home");
      assertThat(page.locator("#home-who")).hasText("ben-nghe: ban tổ chức");
      page.fill("#home-title", "Đối thoại quý I");
      page.fill("#home-start", start.format(LOCAL));
      page.fill("#home-end", start.plusHours(2).format(LOCAL));
      page.fill("#home-open", OffsetDateTime.now().minusHours(1).format(LOCAL));
      page.fill("#home-place", "Hội trường UBND phường");
      page.fill("#home-agenda", "Vỉa hè và rác thải");
      page.fill("#home-series", "quy");
      page.fill("#home-leaders", "Bà Trần Thị Lan, Chủ tịch UBND phường\nÔng Lê Văn Hùng, Trưởng công an");
      page.click("#home-submit");
      assertThat(page.locator("#home-created input[data-link]")).hasCount(4);
      Locator first = item(page, "home-upcoming", "Đối thoại quý I");
      assertThat(first).containsText("Bà Trần Thị Lan, Chủ tịch UBND phường");
      accessibleInBothLanguages(page, "#home-audit-heading", "Who did what");

      // edit: a new place
      first.locator("button", new Locator.LocatorOptions().setHasText("Sửa")).click();
      assertThat(page.locator("#home-form-heading")).hasText("Sửa phiên: Đối thoại quý I");
      assertEquals("Hội trường UBND phường", page.inputValue("#home-place"));
      page.fill("#home-place", "Nhà văn hóa khu phố 2");
      page.click("#home-submit");
      assertThat(page.locator("#home-created")).hasText("Đã lưu thay đổi.");
      assertThat(item(page, "home-upcoming", "Đối thoại quý I")).containsText("Nhà văn hóa khu phố 2");

      // duplicate: the next quarter
      item(page, "home-upcoming", "Đối thoại quý I").locator("button",
          new Locator.LocatorOptions().setHasText("Nhân bản")).click();
      assertThat(page.locator("#home-form-heading")).hasText("Nhân bản phiên: Đối thoại quý I");
      accessible(page);
      page.fill("#home-title", "Đối thoại quý II");
      page.fill("#home-start", start.plusMonths(3).format(LOCAL));
      page.fill("#home-end", start.plusMonths(3).plusHours(2).format(LOCAL));
      page.click("#home-submit");
      assertThat(page.locator("#home-created input[data-link]")).hasCount(4);
      Locator copy = item(page, "home-upcoming", "Đối thoại quý II");
      assertThat(copy).containsText("Nhà văn hóa khu phố 2");
      assertThat(copy).containsText("Ông Lê Văn Hùng, Trưởng công an");

      // hand out the moderator link: shown in a field with a copy button, the token after '#'
      item(page, "home-upcoming", "Đối thoại quý I").locator("button",
          new Locator.LocatorOptions().setHasText("Liên kết")).click();
      Locator moderator = page.locator("#home-links-out input[data-link=moderator]");
      assertThat(moderator).isVisible();
      String moderatorLink = moderator.inputValue();
      assertTrue(moderatorLink.contains("/m/") && moderatorLink.contains("#token=") && !moderatorLink.contains("?"),
          moderatorLink);
      page.locator("#home-links-out .home-link-row").filter(new Locator.FilterOptions()
          .setHas(page.locator("input[data-link=moderator]"))).locator("button").click();
      assertThat(page.locator("#home-copy-status")).not().isEmpty();
      assertTrue(!page.url().contains("token"), "no token in the address bar");
      assertThat(page.locator("#home-audit li")).not().hasCount(0);
      assertThat(page.locator("#home-audit")).containsText("lấy liên kết");
      accessibleInBothLanguages(page, "#home-links-heading", "Session links");

      // the copy is held earlier than planned: end it, then publish its record
      item(page, "home-upcoming", "Đối thoại quý II").locator("button",
          new Locator.LocatorOptions().setHasText("Kết thúc phiên")).click();
      Locator ended = item(page, "home-past", "Đối thoại quý II");
      ended.locator("button", new Locator.LocatorOptions().setHasText("Công bố biên bản")).click();
      assertThat(item(page, "home-past", "Đối thoại quý II").locator("a[href*='/r/']:not([href$='#classify'])"))
          .hasCount(1);
      assertThat(item(page, "home-past", "Đối thoại quý II").locator("a[href$='#classify']")).hasCount(1);
      assertThat(page.locator("#home-audit")).containsText("công bố biên bản");

    }

    try (BrowserContext phone = signedIn(organizer, 360, 740, true)) {
      Page page = phone.newPage();
      page.navigate(base() + "/home");
      assertThat(page.locator("#home-upcoming .home-item")).hasCount(1);
      assertThat(page.locator("#home-past .home-item")).hasCount(1);
      accessibleInBothLanguages(page, "#home-sessions-heading", "Dialogue sessions");

      page.navigate(base() + "/o/ben-nghe");
      assertThat(page.locator("#opage-upcoming .home-item")).hasCount(1);
      assertThat(item(page, "opage-past", "Đối thoại quý II").locator("a[href*='/r/']")).hasText("Xem biên bản");
      Locator first = item(page, "opage-upcoming", "Đối thoại quý I");
      assertThat(first).containsText("Bà Trần Thị Lan, Chủ tịch UBND phường");
      assertThat(first).containsText("Nhà văn hóa khu phố 2");
      assertThat(first.locator("a.button")).hasText("Đặt câu hỏi ngay");
      assertThat(first.locator("a[href$='.ics']")).hasCount(1);
      accessibleInBothLanguages(page, "#opage-upcoming-heading", "Upcoming sessions");

      first.locator("a[href*='/series/']").click();
      page.waitForURL(base() + "/o/ben-nghe/series/quy");
      assertThat(page.locator("#opage-series")).hasText("Chuỗi phiên: quy");
      assertThat(page.locator("#opage-upcoming .home-item h3")).hasText("Đối thoại quý I");
      assertThat(page.locator("#opage-past .home-item h3")).hasText("Đối thoại quý II");
      assertThat(page.locator("#opage-past a[href*='/r/']")).hasCount(1);
      accessibleInBothLanguages(page, "#opage-series", "Series: quy");
    }
  }
}

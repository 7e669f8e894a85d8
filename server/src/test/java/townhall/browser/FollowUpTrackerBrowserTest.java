package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.FollowUpSeed;
import townhall.testing.HomeBrowserTestBase;

/**
 * The public follow-up tracker of a seeded district with three wards ({@link FollowUpSeed}), on a phone (360×740)
 * and a laptop (1366×768): reached from the district's page, it lists the open items most overdue first, the
 * figures and, per agency, a Chart.js chart and a table; the agency filter narrows the list and the CSV link, and
 * stays in the address; the topic filter is hidden while no question has a topic; axe-core finds nothing blocking
 * in Vietnamese or English, and nothing scrolls sideways. What the page holds is printed (the closing note's
 * description of the page).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FollowUpTrackerBrowserTest extends HomeBrowserTestBase {

  @Test
  void theTrackerOfADistrictWithThreeWardsOnAPhoneAndALaptop(Vertx vertx) {
    FollowUpSeed.seed(api, vertx, node.port());
    String tracker = base() + "/o/" + FollowUpSeed.DISTRICT + "/follow-up";
    for (int[] size : new int[][] {{360, 740}, {1366, 768}}) {
      boolean phone = size[0] < 600;
      try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
          .setViewportSize(size[0], size[1]).setIsMobile(phone).setHasTouch(phone))) {
        context.setDefaultTimeout(WAIT_MS);
        Page page = context.newPage();
        page.navigate(base() + "/o/" + FollowUpSeed.DISTRICT);
        assertThat(page.locator("#opage-name")).hasText("Quận 1");
        page.click("#opage-follow-up");
        page.waitForURL(tracker);

        assertThat(page.locator("#track-org")).hasText("Quận 1");
        assertThat(page.locator(".track-item")).hasCount(5);
        assertThat(page.locator(".track-item").first().locator(".track-text"))
            .hasText("Rác tồn đọng ở hẻm 12 Nguyễn Huệ");
        assertThat(page.locator(".track-item").first().locator(".track-overdue")).hasText("Quá hạn 5 ngày");
        assertThat(page.locator("#track-agency-rows tr")).hasCount(6);
        assertThat(page.locator("#track-topic")).isHidden();
        assertThat(page.locator("#track-chart")).hasAttribute("aria-label",
            Pattern.compile("Tổ Tài nguyên – Môi trường phường Bến Nghé: 1 đúng hạn, 0 trễ hạn, 1 đang chờ"));
        assertTrue((Boolean) page.evaluate("() => typeof window.Chart === 'function'"
            + " && window.Chart.getChart(document.getElementById('track-chart')) !== undefined"), "Chart.js drew it");
        accessibleInBothLanguages(page, "#track-open-heading", "Questions waiting for an answer");
        if (!phone) {
          System.out.println("Tracker of " + FollowUpSeed.DISTRICT + " (what the page holds):\n  figures: "
              + String.join(", ", page.locator(".track-total").allInnerTexts()).replace('\n', ' ')
              + "\n  by agency:\n    " + String.join("\n    ", page.locator("#track-agency-rows tr").allInnerTexts())
                  .replace('\t', '|')
              + "\n  open items:\n    " + String.join("\n    ", page.locator(".track-item").allInnerTexts().stream()
                  .map(s -> s.replace('\n', ' ')).toList()));
        }

        page.selectOption("#track-agency", "tnmt-a");
        assertThat(page.locator(".track-item")).hasCount(1);
        assertThat(page.locator("#track-agency-rows tr")).hasCount(1);
        assertTrue(page.url().endsWith("/follow-up?agency=tnmt-a"), page.url());
        String csv = page.locator("#track-csv").getAttribute("href");
        assertTrue(csv.contains("format=csv") && csv.contains("agency=tnmt-a"), csv);
        accessible(page);

        page.reload();
        assertThat(page.locator("#track-agency")).hasValue("tnmt-a");
        assertThat(page.locator(".track-item")).hasCount(1);
        page.click("#lang-switch");
        assertThat(page.locator(".track-item .track-overdue")).hasText("5 days overdue");
        assertEquals(List.of("Tổ Tài nguyên – Môi trường phường Bến Nghé"),
            page.locator("#track-agency-rows th").allInnerTexts());
        page.click("#lang-switch");
      }
    }
  }
}

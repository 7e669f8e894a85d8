package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Issue 17's clerk: during a live session a clerk on a laptop enters ten spoken and paper questions with the
 * keyboard only (the focus back in the text after each Enter, the channel one key); a moderator approves the one
 * being asked at the microphone and puts it on stage with one key in the console, then the others; a
 * resident upvotes one, one is answered, the clerk's list follows their states, and the record counts them by
 * channel. The page passes axe-core in Vietnamese and English.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClerkPageBrowserTest extends BrowserTestBase {
  private static final List<String> SPOKEN = List.of("Khi nào lắp đèn hẻm 12?", "Chợ tạm bao giờ dời đi?",
      "Xin hỏi về tiền bồi thường giải phóng mặt bằng", "Bao giờ sửa cống ở đường Trần Hưng Đạo?",
      "Trường mầm non có thêm lớp không?");
  private static final List<String> PAPER = List.of("Rác tồn đọng ở kênh Nhiêu Lộc", "Xin cấp lại sổ đỏ mất lâu quá",
      "Tiếng ồn quán karaoke ban đêm", "Vỉa hè bị lấn chiếm ở chợ Bến Thành", "Cây xanh đổ chưa được dọn");

  private static void enter(Page page, String text, String name, String area, char channel, boolean askingNow) {
    assertThat(page.locator("#clerk-text")).isFocused();
    page.keyboard().type(text);
    page.keyboard().press("Tab");
    if (name != null) {
      page.keyboard().type(name);
    }
    page.keyboard().press("Tab");
    if (area != null) {
      page.keyboard().type(area);
    }
    page.keyboard().press("Tab");
    page.keyboard().press(String.valueOf(channel));
    if (askingNow) {
      page.keyboard().press("Tab");
      page.keyboard().press("Space");
    }
    page.keyboard().press("Enter");
  }

  @Test
  void aClerkEntersTenQuestionsWithTheKeyboardAndTheRecordCountsThemByChannel() {
    JsonObject session = api.createSession("Tiếp xúc cử tri phường Bến Nghé", "pre", false);
    String id = session.getString("id");
    String moderatorToken = session.getString("moderatorToken");
    Api.Reply clerk = api.post("/api/sessions/" + id + "/clerk-token", "", moderatorToken);
    assertEquals(200, clerk.status(), clerk.body());
    String link = clerk.json().getJsonObject("links").getString("clerk");
    BrowserContext laptop = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    laptop.setDefaultTimeout(WAIT_MS);
    try (WsClient moderator = Moderation.join(vertx, node.port(), id, moderatorToken);
         WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      moderator.next("welcome");
      resident.next("welcome");
      Page page = laptop.newPage();
      page.navigate(origin() + link.substring(link.indexOf("/clerk/")));
      assertThat(page.locator("#clerk-conn-state")).hasAttribute("data-state", "online");
      assertThat(page.locator("#clerk-desk")).isVisible();
      assertTrue(!page.url().contains("token="), "the token leaves the address bar: " + page.url());

      for (int i = 0; i < 5; i++) {
        enter(page, SPOKEN.get(i), i == 0 ? "Bác Nguyễn Văn Hùng" : null, i % 2 == 0 ? "Tổ dân phố 5" : null, '1',
            i == 0);
        assertThat(page.locator("#clerk-text")).isFocused();
        assertThat(page.locator("#clerk-text")).hasValue("");
        enter(page, PAPER.get(i), null, i == 1 ? "Khu phố 2" : null, '2', false);
      }
      Locator entries = page.locator("#clerk-entries .clerk-entry");
      assertThat(entries).hasCount(10);
      assertThat(page.locator("#clerk-entries .q-status[data-status=pending]")).hasCount(10);
      assertThat(page.locator("#clerk-counts")).containsText("Phát biểu trực tiếp: 5");
      assertThat(page.locator("#clerk-counts")).containsText("Phiếu giấy: 5");
      assertAccessible(page, "/clerk/{id}", "vi");

      // what moderators see of the first entry: the channel, the name, and the flag of the microphone
      JsonObject first = Moderation.question(Moderation.freshWelcome(vertx, node.port(), id, moderatorToken), "1");
      assertEquals(SPOKEN.get(0), first.getString("text"));
      assertEquals("spoken", first.getString("channel"));
      assertEquals("Bác Nguyễn Văn Hùng", first.getString("speaker"));
      assertEquals(true, first.getBoolean("askingNow"));
      assertEquals("paper", Moderation.question(Moderation.freshWelcome(vertx, node.port(), id, moderatorToken), "2")
          .getString("channel"));

      // the console shows the first entry flagged as asked at the microphone; one key approves it and stages it
      Page console = laptop.newPage();
      console.navigate(origin() + "/m/" + id + "#token=" + moderatorToken);
      Locator row = console.locator("#list-pending li.mod-question[data-id='1']");
      assertThat(row.locator(".mq-asking-now")).isVisible();
      assertThat(row.locator(".mq-channel")).hasText("Phát biểu trực tiếp · Tổ dân phố 5");
      assertThat(row.locator(".q-author")).hasText("Bác Nguyễn Văn Hùng");
      console.keyboard().press("1");
      assertThat(row).isFocused();
      console.keyboard().press("s");
      assertThat(page.locator("#clerk-entries .q-status[data-status=live]")).hasCount(1);
      Await.until(() -> "1".equals(Moderation.freshWelcome(vertx, node.port(), id, moderatorToken)
          .getString("stage")), 10, "the question asked at the microphone is on stage");
      console.close();

      for (int q = 2; q <= 10; q++) {
        Moderation.ok(moderator, Moderation.approve(String.valueOf(q)));
      }
      Moderation.ok(resident, Moderation.vote("2", 1));
      Moderation.ok(moderator, Moderation.answer("1", "Tháng sau phường sẽ lắp đèn."));
      assertThat(page.locator("#clerk-entries .q-status[data-status=live]")).hasCount(9);
      assertThat(page.locator("#clerk-entries .q-status[data-status=answered]")).hasCount(1);
      assertThat(page.locator("#clerk-entries .clerk-entry").filter(new Locator.FilterOptions()
          .setHasText(PAPER.get(0)))).containsText("1 lượt ủng hộ");

      page.locator("#lang-switch").click();
      assertThat(page.locator("#clerk-counts")).containsText("Spoken: 5");
      assertThat(page.locator("#clerk-entries .q-status[data-status=answered]")).hasText("Answered");
      assertAccessible(page, "/clerk/{id}", "en");

      Moderation.ok(moderator, Moderation.session("close"));
    } finally {
      laptop.close();
    }

    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    JsonObject record = api.get("/api/sessions/" + id + "/record").json();
    JsonObject byChannel = record.getJsonObject("totals").getJsonObject("byChannel");
    assertEquals(5, byChannel.getInteger("spoken"));
    assertEquals(5, byChannel.getInteger("paper"));
    assertEquals(0, byChannel.getInteger("app"));
    assertEquals(1, record.getJsonObject("totals").getInteger("answered"));

    BrowserContext reader = browser.newContext();
    reader.setDefaultTimeout(WAIT_MS);
    try {
      Page page = reader.newPage();
      page.navigate(origin() + "/r/" + id);
      assertThat(page.locator("#rec-channels [data-channel=spoken] dd")).hasText("5");
      assertThat(page.locator("#rec-channels [data-channel=paper] dd")).hasText("5");
      assertThat(page.locator(".rec-q-channel").first()).containsText(Pattern.compile("(thư ký|clerk) 1"));
    } finally {
      reader.close();
    }
  }
}

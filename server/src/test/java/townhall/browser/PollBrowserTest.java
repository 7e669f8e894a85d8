package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.BrowserTestBase;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WatchedPages;
import townhall.testing.WsClient;

/**
 * One poll end to end in browsers: the moderator prepares it in the console (keyboard only) and opens it, two residents
 * answer on phones (one changes their answer), the stage and the speaker view show the results as bars with their
 * numbers written out, the moderator closes it and every screen shows the final results. Vietnamese and English,
 * axe-core on each view with a poll.
 */
class PollBrowserTest extends BrowserTestBase {
  private final WatchedPages pages = new WatchedPages();

  @AfterEach
  void closePages() {
    pages.closeAndAssertNoErrors();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void aModeratorRunsAPollResidentsAnswerOnPhonesAndTheStageShowsTheResults(String lang) {
    JsonObject session = api.createSession("Đối thoại phường Bến Nghé", "post", true);
    String id = session.getString("id");
    String code = session.getString("code");
    String stageToken = session.getString("stageToken");
    Page console = open(lang, "/m/" + id + "#token=" + session.getString("moderatorToken"), 1280, 900);
    assertThat(console.locator("#mod-console")).isVisible();

    // prepare with the keyboard alone: open the form, pick the kind, type, save
    console.locator(".mod-poll-new summary").focus();
    console.keyboard().press("Enter");
    console.locator("#poll-kind").focus();
    console.locator("#poll-kind").selectOption("single");
    console.locator("#poll-question").focus();
    console.keyboard().type("Phường nên làm dự án nào trước?");
    console.locator("#poll-options").focus();
    console.keyboard().type("Công viên\nĐường Lê Lợi\nChợ");
    console.locator("#poll-create").focus();
    console.keyboard().press("Enter");
    assertThat(console.locator(".mod-poll")).hasCount(1);
    Page phoneA = open(lang, "/j/" + code, 390, 844);
    Page phoneB = open(lang, "/j/" + code, 360, 740);
    Page stage = open(lang, "/stage/" + id + "#token=" + stageToken, 1920, 1080);
    Page speaker = open(lang, "/speaker/" + id + "#token=" + stageToken, 1024, 768);
    for (Page page : List.of(phoneA, phoneB, stage, speaker)) {
      assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
    }
    assertThat(phoneA.locator("#polls")).isHidden(); // a draft is the moderators' alone

    String open = lang.equals("vi") ? "Mở thăm dò" : "Open the poll";
    console.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName(open)).focus();
    console.keyboard().press("Enter");
    assertThat(phoneA.locator(".poll-card .poll-question")).hasText("Phường nên làm dự án nào trước?");
    assertThat(stage.locator("#stage-poll")).isVisible();
    assertThat(stage.locator("#stage-next-box")).isHidden();
    assertAccessible(phoneA, "resident page with an open poll", lang);
    assertAccessible(console, "console with an open poll", lang);

    answer(phoneA, "Chợ");
    answer(phoneB, "Đường Lê Lợi");
    assertThat(phoneA.locator(".poll-answered")).not().isEmpty();
    answer(phoneA, "Đường Lê Lợi"); // changed: it moves, it is not added
    Pattern two = Pattern.compile("^2 \\(100%\\)$");
    assertThat(stage.locator("#stage-poll-results .poll-bar").nth(1).locator(".poll-bar-value")).hasText(two);
    assertThat(stage.locator("#stage-poll-results .poll-bar").nth(2).locator(".poll-bar-value"))
        .hasText(Pattern.compile("^0 \\(0%\\)$"));
    assertThat(stage.locator("#stage-poll-results .poll-total"))
        .hasText(lang.equals("vi") ? "2 người đã trả lời" : "2 answered");
    assertThat(speaker.locator("#speaker-poll-results .poll-bar").nth(1).locator(".poll-bar-value")).hasText(two);
    assertThat(console.locator(".mod-poll .poll-bar").nth(1).locator(".poll-bar-value")).hasText(two);
    assertAccessible(stage, "stage with a poll's results", lang);
    assertAccessible(speaker, "speaker view with a poll's results", lang);

    String close = lang.equals("vi") ? "Đóng thăm dò" : "Close the poll";
    console.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName(close)).click();
    assertThat(phoneB.locator(".poll-card.poll-closed")).isVisible();
    assertThat(phoneB.locator(".poll-card .poll-submit")).hasCount(0);
    assertThat(phoneB.locator(".poll-card .poll-bar").nth(1).locator(".poll-bar-value")).hasText(two);
    assertThat(stage.locator("#stage-poll")).hasAttribute("data-status", "closed");
    assertAccessible(phoneB, "resident page with a closed poll", lang);

    // the record: the poll with its final results as a chart and as a table, in print too
    try (WsClient mod = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      mod.next("welcome");
      assertEquals("ack", mod.act(new JsonObject().put("type", "session").put("action", "close")).getString("type"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    Page record = open(lang, "/r/" + id, 390, 844);
    assertThat(record.locator("#rec-polls")).isVisible();
    assertThat(record.locator(".rec-poll-question")).hasText("Phường nên làm dự án nào trước?");
    assertThat(record.locator(".rec-poll-table tbody tr").nth(1).locator("td")).hasText(two);
    assertThat(record.locator(".rec-poll canvas")).hasCount(1);
    assertAccessible(record, "record page with a poll", lang);
    record.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
    assertThat(record.locator(".rec-poll-table")).isVisible();
  }

  private static void answer(Page phone, String option) {
    phone.locator(".poll-card .poll-choice", new Page.LocatorOptions().setHasText(option)).locator("input").check();
    phone.locator(".poll-card .poll-submit").click();
    assertThat(phone.locator(".poll-card .poll-submit"))
        .hasText(Pattern.compile("Đổi câu trả lời|Change my answer"));
  }

  private Page open(String lang, String path, int width, int height) {
    return pages.open(browser, origin(), lang, path, width, height, WAIT_MS);
  }
}

package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.record.RecordVerifier;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WatchedPages;
import townhall.testing.WsClient;

/**
 * Issue 13, item 1: an edited question's original wording is public only when the moderator says so. The console's
 * editor (1366 × 768, Vietnamese and English, axe-core on the open editor) has a box for it, unticked by default: an
 * edit that removes personal data keeps the old wording out of the public record page and JSON; an edit made with
 * the box ticked (a typo fixed, say) shows it. Both copies still verify.
 */
class EditedWordingBrowserTest extends BrowserTestBase {
  private static final String PERSONAL = "Chị Hoa ở số 5 Hai Bà Trưng nợ tiền điện ba tháng, bao giờ phường xử lý?";
  private static final String PERSONAL_EDITED = "Bao giờ phường xử lý việc nợ tiền điện kéo dài?";
  private static final String TYPO = "Khi nào sủa xong đường Lê Lợi?";
  private static final String TYPO_EDITED = "Khi nào sửa xong đường Lê Lợi?";

  private final WatchedPages pages = new WatchedPages();

  @AfterEach
  void closePages() {
    pages.closeAndAssertNoErrors();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void theReplacedWordingIsPublicOnlyWhenTheModeratorTicksTheBox(String lang) {
    JsonObject session = api.createSession("Phiên sửa câu hỏi " + lang, "post", true);
    String id = session.getString("id");
    String personal;
    String typo;
    try (WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      resident.next("welcome");
      personal = Moderation.asked(resident, PERSONAL);
      typo = Moderation.asked(resident, TYPO);
    }
    Page console = open(lang, "/m/" + id + "#token=" + session.getString("moderatorToken"), 1366, 768);
    assertThat(console.locator("#mod-conn-state")).hasAttribute("data-state", "online");
    console.locator("#tab-live").click();

    Locator personalRow = console.locator("li.mod-question[data-id='" + personal + "']");
    ModeratorConsoleBrowserTest.act(console, personalRow, "edit");
    Locator box = personalRow.locator("input.edit-publish-original");
    assertThat(box).isVisible();
    assertThat(box).not().isChecked();
    assertThat(personalRow.locator(".mq-editor-original")).hasText(lang.equals("vi")
        ? "Cho phép công bố nội dung gốc trong biên bản" : "The original wording may be public in the record");
    assertAccessible(console, "the editor open", lang);
    personalRow.locator("textarea.edit-text").fill(PERSONAL_EDITED);
    personalRow.locator("button.edit-save").click();
    assertThat(personalRow.locator("textarea.edit-text")).hasCount(0);

    Locator typoRow = console.locator("li.mod-question[data-id='" + typo + "']");
    ModeratorConsoleBrowserTest.act(console, typoRow, "edit");
    typoRow.locator("textarea.edit-text").fill(TYPO_EDITED);
    typoRow.locator("input.edit-publish-original").check();
    typoRow.locator("button.edit-save").click();
    assertThat(typoRow.locator("textarea.edit-text")).hasCount(0);
    assertThat(typoRow).containsText(TYPO_EDITED);

    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    JsonObject pub = api.get("/api/sessions/" + id + "/record").json();
    assertEquals(PERSONAL_EDITED, question(pub, personal).getString("text"));
    assertNull(question(pub, personal).getValue("originalText"), "the wording the edit removed stays private");
    assertFalse(pub.encode().contains("Chị Hoa"), "nowhere in the public record");
    assertEquals(TYPO_EDITED, question(pub, typo).getString("text"));
    assertEquals(TYPO, question(pub, typo).getString("originalText"), "the moderator said it may be public");
    JsonObject full = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    assertEquals(PERSONAL, question(full, personal).getString("originalText"), "the full copy keeps it");
    RecordVerifier.Result publicCheck = RecordVerifier.verify(pub);
    RecordVerifier.Result fullCheck = RecordVerifier.verify(full);
    assertTrue(publicCheck.intact(), () -> publicCheck.problems().toString());
    assertTrue(fullCheck.intact(), () -> fullCheck.problems().toString());
    assertEquals(fullCheck.finalHash(), publicCheck.finalHash());

    Page record = open(lang, "/r/" + id, 1366, 768);
    assertThat(record.locator("#q-" + typo + " .rec-q-original")).containsText(TYPO);
    assertThat(record.locator("#q-" + personal + " .rec-q-text")).hasText(PERSONAL_EDITED);
    assertThat(record.locator("#q-" + personal + " .rec-q-original")).hasCount(0);
    assertFalse(record.content().contains("Chị Hoa"), "the record page does not show the removed wording");
    assertAccessible(record, "the record with a published original wording", lang);
  }

  private static JsonObject question(JsonObject record, String id) {
    JsonArray questions = record.getJsonArray("questions");
    for (int i = 0; i < questions.size(); i++) {
      if (id.equals(questions.getJsonObject(i).getString("id"))) {
        return questions.getJsonObject(i);
      }
    }
    throw new AssertionError("no question " + id);
  }

  private Page open(String lang, String path, int width, int height) {
    return pages.open(browser, origin(), lang, path, width, height, WAIT_MS);
  }
}

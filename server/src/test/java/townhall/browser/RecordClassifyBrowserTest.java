package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.record.RecordVerifier;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.Msg;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Issue 17, classifying after the session in Chromium: a moderator of the ward finds "Phân loại câu hỏi" on /home for
 * a session whose record is archived (Redis let it go), and on the record page gives a question its topic and area
 * with the keyboard alone (Tab from the topic to the area to the save button, Enter saves); the page reads the record
 * again and its classified summary shows the topic; the record verifies. Signed out, the page asks to sign in and
 * shows no editor. axe-core finds nothing blocking in Vietnamese and English, on a 360 px wide phone.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RecordClassifyBrowserTest extends HomeBrowserTestBase {
  private static final String PASSWORD = "browser classify pw 1";
  private static final String RUBBISH = "Rác ở khu phố 3 bốc mùi, khi nào thu gom?";

  private BrowserContext phone(SignedInClient who, List<String> problems) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740)
        .setIsMobile(true).setHasTouch(true));
    context.setDefaultTimeout(WAIT_MS);
    if (who != null) {
      String[] cookie = who.cookie().split("=", 2);
      context.addCookies(List.of(new Cookie(cookie[0], cookie[1]).setUrl(base())));
    }
    context.onPage(page -> {
      page.onPageError(error -> problems.add("page error: " + error));
      page.onConsoleMessage(message -> {
        // a signed-out page asks GET /api/me, which answers 401: Chromium logs that response, it is no error
        if ("error".equals(message.type()) && !message.text().startsWith("Failed to load resource")) {
          problems.add("console: " + message.text());
        }
      });
    });
    return context;
  }

  @Test
  void aModeratorClassifiesAnArchivedRecordsQuestionWithTheKeyboard(Vertx vertx) {
    organization("ward-a", "ward", "main");
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@main.vn").put("password", PASSWORD)
        .encode(), null));
    SignedInClient moderator = invited(admin, "moderator", "ward-a", PASSWORD);
    assertEquals(200, admin.send("PUT", "/api/orgs/ward-a/areas", new JsonObject().put("areas", new JsonArray()
        .add(new JsonObject().put("name", "Khu phố 1")).add(new JsonObject().put("name", "Khu phố 3"))).encode())
        .status());
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello())) {
      resident.next("welcome");
      resident.act(Msg.ask("Trạm y tế có tiêm chủng thứ bảy không?").put("topic", "y-te"));
      resident.act(Msg.ask(RUBBISH));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/status", "{\"status\":\"closed\"}", TestNodes.ADMIN_TOKEN)
        .status());
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
    assertEquals(204, api.delete("/api/sessions/" + id, TestNodes.ADMIN_TOKEN).status());

    List<String> problems = new ArrayList<>();
    try (BrowserContext context = phone(moderator, problems)) {
      Page page = context.newPage();
      page.navigate(base() + "/home");
      Locator link = page.locator("a", new Page.LocatorOptions().setHasText("Phân loại câu hỏi"));
      assertThat(link).hasCount(1);
      link.click();
      page.waitForURL("**/r/" + id + "#classify");
      Locator forms = page.locator("#rec-list form.rec-classify");
      assertThat(forms).hasCount(2);
      assertThat(page.locator("#rec-classify-banner")).containsText("Phân loại từng câu hỏi");
      Locator second = page.locator("#rec-list li.rec-q", new Page.LocatorOptions().setHasText(RUBBISH))
          .locator("form.rec-classify");
      assertThat(second.locator("select").first()).hasValue("");
      accessibleInBothLanguages(page, ".rec-classify-save", "Save classification");

      // the keyboard alone: the topic, Tab to the area, Tab to the save button, Enter
      Locator topic = second.locator("select").nth(0);
      topic.focus();
      topic.selectOption("moi-truong");
      page.keyboard().press("Tab");
      assertEquals(second.locator("select").nth(1).getAttribute("id"),
          page.evaluate("() => document.activeElement.id"), "Tab goes from the topic to the area");
      second.locator("select").nth(1).selectOption("khu-pho-3");
      page.keyboard().press("Tab");
      assertEquals("rec-classify-save", page.evaluate("() => document.activeElement.className").toString()
          .replace("button ", ""), "then to the save button");
      page.keyboard().press("Enter");

      Locator saved = page.locator("#rec-list li.rec-q", new Page.LocatorOptions().setHasText(RUBBISH))
          .locator("form.rec-classify");
      assertThat(saved.locator("[role=status]")).hasText("Đã lưu phân loại.");
      assertThat(saved.locator("select").nth(0)).hasValue("moi-truong");
      assertThat(saved.locator("select").nth(1)).hasValue("khu-pho-3");
      assertThat(page.locator("#rec-classified-box .rec-classified-group",
          new Page.LocatorOptions().setHasText(RUBBISH)).locator("h3")).hasText("Môi trường (1)");
      assertTrue(page.evaluate("() => document.activeElement.classList.contains('rec-classify-select')")
          .equals(Boolean.TRUE), "the focus stays on the question just classified");
      accessibleInBothLanguages(page, "#q-2 .rec-classify-status", "Classification saved.");
    }

    JsonObject record = api.get("/api/sessions/" + id + "/record").json();
    JsonObject rubbish = record.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> RUBBISH.equals(q.getString("text"))).findFirst().orElseThrow();
    assertEquals("moi-truong", rubbish.getString("topic"));
    assertEquals("khu-pho-3", rubbish.getString("area"));
    assertTrue(RecordVerifier.verify(record).intact(), RecordVerifier.verify(record).problems()::toString);

    try (BrowserContext context = phone(null, problems)) {
      Page page = context.newPage();
      page.navigate(base() + "/r/" + id + "#classify");
      assertThat(page.locator("#rec-classify-banner a")).hasAttribute("href", "/login");
      assertThat(page.locator("#rec-list li.rec-q")).hasCount(2);
      assertEquals(0, page.locator("form.rec-classify").count(), "signed out: no editor");
      accessibleInBothLanguages(page, "#rec-classify-banner", "Sign in");
    }
    assertEquals(List.of(), problems, "console errors or page errors");
  }
}

package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The record's preview (issue 13, item 1): opened from the organizer page as /r/{id}#preview, the record page
 * receives the admin token from that page (never through its address), shows exactly the public record with the
 * counts of what it leaves out by reason, publishes it, and withdraws it with a reason. Opened from the moderator
 * console, the same preview offers no publishing. Vietnamese and English, axe-core on every state.
 */
class RecordPreviewBrowserTest extends BrowserTestBase {
  private static final String ORDINARY = "Khi nào sửa xong đường Lê Lợi?";
  private static final String PENDING = "Câu hỏi gửi lúc mất mạng, chưa ai duyệt";
  private static final String SPAM = "Vay tiền nhanh lãi thấp www.vay-nhanh.example";
  private static final String SPAM_REASON = "Quảng cáo vay tiền có đường dẫn";
  private static final String OFF_TOPIC = "Giá vàng tuần sau thế nào?";
  private static final String OFF_TOPIC_REASON = "Không thuộc phạm vi phường";
  private static final String WITHHELD = "Nhà ông Tâm số 12 Lê Lợi xây sai phép, gọi 0903 123 456";
  private static final String WITHHELD_REASON = "Có số điện thoại của người khác";

  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void closeContexts() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    assertEquals(List.of(), List.copyOf(problems), "console or page errors");
    problems.clear();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void theOrganizerPreviewsExactlyWhatWillBePublicPublishesAndWithdrawsWithAReason(String lang) {
    Page o = open(lang, "/organize", 1366, 768);
    o.locator("#admin-token").fill(TestNodes.ADMIN_TOKEN);
    o.locator("#create-title").fill("Biên bản xem trước " + lang);
    o.locator("#create-submit").click();
    assertThat(o.locator("#created-moderator-link")).hasAttribute("href", java.util.regex.Pattern.compile("#token="));
    String moderatorLink = o.locator("#created-moderator-link").getAttribute("href");
    String id = moderatorLink.replaceAll(".*/m/([^/#]+)#.*", "$1");
    Map<String, String> q = fillSession(id, moderatorLink.replaceAll(".*#token=", ""));

    assertThat(o.locator("#org-record-preview")).hasAttribute("href", "/r/" + id + "#preview");
    Page p = o.waitForPopup(() -> o.locator("#org-record-preview").click());
    watch(p, "/r/" + id + "#preview");
    assertThat(p.locator("#rec-preview")).isVisible();
    assertThat(p.locator("#rec-list li.rec-q")).hasCount(5);
    assertEquals(origin() + "/r/" + id, p.url(), "nothing after the path: no token, no fragment");

    JsonObject preview = api.get("/api/sessions/" + id + "/record/preview", TestNodes.ADMIN_TOKEN).json();
    assertThat(p.locator("[data-count=texts] dd")).hasText(String.valueOf(preview.getInteger("textsNotShown")));
    assertThat(p.locator("[data-count=reasons] dd")).hasText(String.valueOf(preview.getInteger("privateReasons")));
    assertEquals(Map.of("spam", 1, "personal_data", 1), preview.getJsonObject("withheld").getMap());
    assertThat(p.locator("[data-count=withheld-spam] dd")).hasText("1");
    assertThat(p.locator("[data-count=withheld-personal_data] dd")).hasText("1");
    assertThat(p.locator("[data-count=withheld-spam] dt")).hasText(lang.equals("vi") ? "Ẩn vì quảng cáo, rác"
        : "Withheld as spam");
    String shown = p.locator("#rec-body").innerText();
    assertTrue(shown.contains(ORDINARY) && shown.contains(OFF_TOPIC) && shown.contains(OFF_TOPIC_REASON),
        "the public texts are previewed");
    for (String secret : List.of(PENDING, SPAM, SPAM_REASON, WITHHELD, WITHHELD_REASON, "0903")) {
      assertFalse(p.content().contains(secret), "the preview shows what will not be public: " + secret);
    }
    assertThat(p.locator("#q-" + q.get("spam"))).hasAttribute("data-fate", "rejected");
    assertThat(p.locator("#rec-withdraw")).isHidden();
    check(p, "preview, not published", lang);

    p.locator("#rec-publish").click();
    assertThat(p.locator("#rec-preview-note")).hasText(lang.equals("vi") ? "Đã công bố biên bản."
        : "The record is published.");
    assertThat(p.locator("#rec-withdraw")).isVisible();
    assertThat(p.locator("#rec-publish")).isHidden();
    assertEquals(200, api.get("/api/sessions/" + id + "/record").status(), "published");
    check(p, "preview, published", lang);

    p.locator("#rec-withdraw").click();
    assertThat(p.locator("#rec-withdraw-reason")).isFocused();
    p.locator("#rec-withdraw-confirm").click();
    assertThat(p.locator("#rec-preview-note")).hasText(lang.equals("vi") ? "Hãy ghi lý do rút lại."
        : "Please give a reason for the withdrawal.");
    assertEquals(200, api.get("/api/sessions/" + id + "/record").status(), "no reason, nothing withdrawn");
    check(p, "withdraw form", lang);
    p.locator("#rec-withdraw-reason").fill("Cần ẩn thêm một số điện thoại");
    p.locator("#rec-withdraw-confirm").click();
    assertThat(p.locator("#rec-preview-note")).hasText(lang.equals("vi")
        ? "Đã rút lại biên bản; người dân không còn xem được." : "The record is withdrawn; the public can no longer read it.");
    assertThat(p.locator("#rec-publish")).isVisible();
    assertEquals(401, api.get("/api/sessions/" + id + "/record").status(), "withdrawn");
    JsonObject full = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN).json();
    assertEquals("Cần ẩn thêm một số điện thoại", full.getJsonObject("session").getJsonArray("withdrawals")
        .getJsonObject(0).getString("reason"), "the reason stays in the record");
    check(p, "preview, withdrawn", lang);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void aModeratorsPreviewShowsThePublicRecordWithoutPublishing(String lang) {
    JsonObject created = api.createSession("Phiên của điều phối viên " + lang, "pre", true);
    String id = created.getString("id");
    String token = created.getString("moderatorToken");
    fillSession(id, token);
    Page console = open(lang, "/m/" + id + "#token=" + token, 1366, 768);
    assertThat(console.locator("#mod-link-record")).hasAttribute("href", "/r/" + id + "#preview");
    Page p = console.waitForPopup(() -> console.locator("#mod-link-record").click());
    watch(p, "/r/" + id + "#preview");
    assertThat(p.locator("#rec-preview")).isVisible();
    assertThat(p.locator("#rec-preview-who")).isVisible();
    assertThat(p.locator("#rec-preview-actions")).isHidden();
    assertThat(p.locator("[data-count=withheld-spam] dd")).hasText("1");
    assertFalse(p.content().contains(SPAM), "the moderator previews the public record too");
    check(p, "moderator's preview", lang);
    assertEquals(401, api.post("/api/sessions/" + id + "/publish", "", token).status(), "a moderator cannot publish");
  }

  /** An ordinary, a pending, a spam-rejected, an off-topic-rejected and a withheld question; then the close. */
  private Map<String, String> fillSession(String id, String moderatorToken) {
    try (WsClient mod = Moderation.join(vertx, node.port(), id, moderatorToken);
        WsClient alice = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      alice.next("welcome");
      String ordinary = Moderation.asked(alice, ORDINARY);
      String pending = Moderation.asked(alice, PENDING);
      String spam = Moderation.asked(alice, SPAM);
      String offTopic = Moderation.asked(alice, OFF_TOPIC);
      String withheld = Moderation.asked(alice, WITHHELD);
      Moderation.ok(mod, Moderation.approve(ordinary));
      Moderation.ok(mod, Moderation.reject(spam, SPAM_REASON, "spam"));
      Moderation.ok(mod, Moderation.reject(offTopic, OFF_TOPIC_REASON, "off_topic"));
      Moderation.ok(mod, Moderation.approve(withheld));
      Moderation.ok(mod, Moderation.withhold(withheld, "personal_data", WITHHELD_REASON));
      Moderation.ok(mod, Moderation.session("close"));
      return Map.of("ordinary", ordinary, "pending", pending, "spam", spam, "offTopic", offTopic,
          "withheld", withheld);
    }
  }

  private void check(Page page, String where, String lang) {
    assertAccessible(page, where, lang);
  }

  private Page open(String lang, String path, int width, int height) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    context.setDefaultTimeout(WAIT_MS);
    // (a popup starts as about:blank, whose storage is out of reach)
    context.addInitScript("try { window.localStorage.setItem('townhall.lang', '" + lang + "'); } catch (e) { }");
    contexts.add(context);
    Page page = context.newPage();
    watch(page, path);
    page.navigate(origin() + path);
    return page;
  }

  private void watch(Page page, String path) {
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type()) && !message.text().contains("status of 401")) {
        problems.add(path + " console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add(path + " page error: " + error));
  }
}

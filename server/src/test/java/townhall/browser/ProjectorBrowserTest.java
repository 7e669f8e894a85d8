package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.WatchedPages;
import townhall.testing.WsClient;

/**
 * The projector (stage screen, 1920 × 1080) and the speaker view (a tablet) through the end of a session: the
 * "next" list holds as many whole questions as fit on the screen and counts the rest; headings never leave one word
 * on their last line; the speaker sees the session's title, the time, the written answer and an answered state; once
 * the session closes, the projector shows thanks, the counts and the record's address instead of the last question
 * and the join QR. Layout is measured (element positions), in Vietnamese and English, with axe-core on every state.
 */
class ProjectorBrowserTest extends BrowserTestBase {
  private static final String LONG_TITLE = "Đối thoại trực tiếp giữa lãnh đạo Ủy ban nhân dân quận và nhân dân các phường"
      + " về chỉnh trang đô thị, thu gom rác thải và an toàn giao thông năm hai nghìn không trăm hai mươi sáu";

  private final WatchedPages pages = new WatchedPages();

  @AfterEach
  void closePages() {
    pages.closeAndAssertNoErrors();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void theNextListNeverRunsOffA1080pScreenCountsTheRestAndHeadingsAreBalanced(String lang) {
    JsonObject session = api.createSession(LONG_TITLE, "post", true);
    String id = session.getString("id");
    Page stage = open(lang, "/stage/" + id + "#token=" + session.getString("stageToken"), 1920, 1080);
    assertThat(stage.locator("#conn-state")).hasAttribute("data-state", "online");
    try (WsClient mod = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
        WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      resident.next("welcome");
      String onStage = Moderation.asked(resident, "Xin hỏi lãnh đạo quận: ".repeat(3)
          + "kế hoạch cải tạo toàn bộ hệ thống thoát nước trên các tuyến đường Nguyễn Trãi, Lê Lợi, Trần Hưng Đạo"
          + " và các hẻm lân cận, nơi mỗi mùa mưa đều ngập sâu nửa mét, làm hư hỏng xe cộ và đồ đạc của hàng trăm hộ"
          + " dân, sẽ bắt đầu khi nào, kéo dài bao lâu, và người dân có phải đóng góp kinh phí hay không?");
      for (int n = 1; n <= 11; n++) {
        Moderation.asked(resident, "Câu hỏi số " + n + ": phường có kế hoạch gì cho việc lát lại vỉa hè, trồng cây"
            + " xanh, lắp đèn chiếu sáng và bố trí chỗ đậu xe cho khu phố " + n + " trong năm tới không ạ?");
      }
      Moderation.ok(mod, Moderation.highlight(onStage));
      Moderation.ok(mod, Moderation.answer(onStage, "Quận sẽ khởi công vào quý hai, kinh phí do ngân sách chi trả."));
      assertThat(stage.locator("#stage-question .q-answer")).isVisible();
      assertThat(stage.locator("#stage-next-more")).isVisible();

      // the questions waiting, as the server has them (a content rule may hold one back for review)
      JsonObject full = api.get("/api/sessions/" + id + "/record", session.getString("moderatorToken")).json();
      long waiting = full.getJsonArray("questions").stream().map(JsonObject.class::cast)
          .filter(q -> "live".equals(q.getString("status"))).count();
      assertTrue(waiting > 5, "more questions wait than the list holds: " + waiting);
      // read at once, so the list and its count come from the same render
      @SuppressWarnings("unchecked")
      List<Object> read = (List<Object>) stage.evaluate("() => [[...document.querySelectorAll('#stage-next li')]"
          + ".filter(li => !li.hidden).length, document.querySelector('#stage-next-more').textContent]");
      int shown = ((Number) read.get(0)).intValue();
      assertTrue(shown >= 1, "at least one question up next is shown: " + read);
      assertTrue(((String) read.get(1)).startsWith("+" + (waiting - shown) + " "),
          "the rest of the " + waiting + " waiting are counted: " + read);
      assertEverythingOnScreen(stage, "#stage-next li:not([hidden]), #stage-next-more, #stage-question, "
          + "#stage-title, #stage-qr, #stage-code");
      assertLastLineHasTwoWords(stage, "#stage-title");
      check(stage, "stage with a clamped next list", lang);

      // a question of middle length in large type: it gives up a little size so the next one still shows
      Moderation.ok(mod, Moderation.unhighlight(onStage));
      Moderation.ok(mod, Moderation.archive(onStage));
      String medium = Moderation.asked(resident, "Khi nào phường sửa xong đường Lê Lợi và lắp đèn chiếu sáng ở hẻm"
          + " 42, nơi mà mỗi tối người dân phải đi trong bóng tối?");
      Moderation.ok(mod, Moderation.highlight(medium));
      assertThat(stage.locator("#stage-question")).hasAttribute("data-id", medium);
      assertThat(stage.locator("#stage-next li:not([hidden])").first()).isVisible();
      assertEverythingOnScreen(stage, "#stage-next li:not([hidden]), #stage-next-more, #stage-question, #stage-qr");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void theSpeakerSeesTheAnswerAndTheProjectorEndsWithThanksCountsAndTheRecordsAddress(String lang) {
    JsonObject session = api.createSession("Tiếp xúc cử tri phường Bến Thành", "post", true);
    String id = session.getString("id");
    String stageToken = session.getString("stageToken");
    Page stage = open(lang, "/stage/" + id + "#token=" + stageToken, 1920, 1080);
    Page speaker = open(lang, "/speaker/" + id + "#token=" + stageToken, 1024, 768);
    assertThat(speaker.locator("#conn-state")).hasAttribute("data-state", "online");
    assertThat(speaker.locator("#speaker-title")).hasText("Tiếp xúc cử tri phường Bến Thành");
    assertThat(speaker.locator("#speaker-title")).isVisible();
    assertThat(speaker.locator("#speaker-clock")).hasText(Pattern.compile("^\\d\\d:\\d\\d$"));
    try (WsClient mod = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
        WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      resident.next("welcome");
      String q1 = Moderation.asked(resident, "Khi nào sửa xong đường Lê Lợi?");
      String q2 = Moderation.asked(resident, "Lịch thu gom rác ở tổ 7 có đổi không?");
      Moderation.asked(resident, "Phường có mở thêm bãi giữ xe không?");
      String spam = Moderation.asked(resident, "Vay tiền nhanh www.example.com");
      Moderation.ok(mod, Moderation.reject(spam, "quảng cáo", "spam"));

      Moderation.ok(mod, Moderation.highlight(q1));
      assertThat(speaker.locator("#speaker-question")).hasAttribute("data-state", "onstage");
      assertThat(speaker.locator("#speaker-now-heading")).hasText(lang.equals("vi") ? "Đang trả lời" : "Answering now");
      Moderation.ok(mod, Moderation.answer(q1, "Tháng 12 năm nay sẽ xong."));
      assertThat(speaker.locator("#speaker-question")).hasAttribute("data-state", "answered");
      assertThat(speaker.locator("#speaker-now-heading")).hasText(lang.equals("vi") ? "Đã trả lời" : "Answered");
      assertThat(speaker.locator("#speaker-question .q-answer")).hasText("Tháng 12 năm nay sẽ xong.");
      assertEverythingOnScreen(speaker, "#speaker-title, #speaker-clock, #speaker-question .q-answer");
      check(speaker, "speaker with an answered question", lang);
      Moderation.ok(mod, Moderation.answer(q2, null));

      Moderation.ok(mod, Moderation.session("close"));
      assertThat(stage.locator("#stage-closed")).isVisible();
      assertThat(stage.locator("#stage-question")).isHidden();
      assertThat(stage.locator("#stage-qr")).isHidden();
      assertThat(stage.locator("#stage-code")).isHidden();
      assertThat(stage.locator("#stage-next")).isHidden();
      assertThat(stage.locator("#stage-closed-questions")).hasText("3");
      assertThat(stage.locator("#stage-closed-answered")).hasText("2");
      assertThat(stage.locator("#stage-closed-record")).hasText("127.0.0.1:" + node.port() + "/r/" + id);
      assertThat(stage.locator("#stage-closed-heading"))
          .hasText(lang.equals("vi") ? "Xin cảm ơn quý vị đã tham gia" : "Thank you for taking part");
      assertEverythingOnScreen(stage, "#stage-closed-heading, #stage-closed-questions, #stage-closed-answered, "
          + "#stage-closed-record");
      check(stage, "stage closed", lang);
      assertThat(speaker.locator("#speaker-status")).isVisible();
      check(speaker, "speaker closed", lang);
    }
  }

  /** Every element the selector finds lies inside the window, and the page does not scroll. */
  private static void assertEverythingOnScreen(Page page, String selector) {
    Object outside = page.evaluate("s => [...document.querySelectorAll(s)].filter(e => {"
        + "  const r = e.getBoundingClientRect();"
        + "  return r.top < 0 || r.left < 0 || r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5;"
        + "}).map(e => (e.id || e.className) + ' ' + JSON.stringify(e.getBoundingClientRect()))", selector);
    assertEquals(List.of(), outside, "off the screen");
    assertTrue((Boolean) page.evaluate("() => document.documentElement.scrollHeight <= window.innerHeight + 1"),
        "the page fits the screen without scrolling");
  }

  /** A heading that wraps keeps at least two words on its last line (no lone word). */
  private static void assertLastLineHasTwoWords(Page page, String selector) {
    Object lines = page.evaluate("s => { const node = document.querySelector(s).firstChild;"
        + "  const text = node.textContent; const tops = []; let at = 0;"
        + "  for (const word of text.split(' ')) {"
        + "    const range = document.createRange(); range.setStart(node, at); range.setEnd(node, at + word.length);"
        + "    tops.push(Math.round(range.getBoundingClientRect().top)); at += word.length + 1; }"
        + "  return tops; }", selector);
    @SuppressWarnings("unchecked")
    List<Number> tops = (List<Number>) lines;
    long distinct = tops.stream().map(Number::intValue).distinct().count();
    assertTrue(distinct >= 2, "the title wraps, so the test means something: " + tops);
    int last = tops.get(tops.size() - 1).intValue();
    long onLastLine = tops.stream().filter(top -> top.intValue() == last).count();
    assertTrue(onLastLine >= 2, "a lone word on the last line of " + selector + ": " + tops);
  }

  private void check(Page page, String where, String lang) {
    assertAccessible(page, where, lang);
  }

  private Page open(String lang, String path, int width, int height) {
    return pages.open(browser, origin(), lang, path, width, height, WAIT_MS);
  }
}

package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.WsClient;

/**
 * The moderator console's content flags, vote freezing and signals panel in a real headless Chromium, with a
 * resident page beside it; scripted voters speak the protocol from chosen client addresses (the node trusts
 * loopback's {@code X-Forwarded-For}). Signal thresholds here: 5 fresh upvotes within a minute, 5 identities per
 * address. Every wait is one of Playwright's auto-waiting assertions; nothing sleeps.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalsBrowserTest extends BrowserTestBase {
  /** Longer than the panel's 10 s refresh. */
  private static final double REFRESH_WAIT_MS = 25_000;


  @Override
  protected Map<String, ?> nodeSettings() {
    return Map.of("moderation.signals.burstVotes", 5, "moderation.signals.burstWindowMs", 60_000,
        "moderation.signals.identitiesPerAddress", 5);
  }

  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final List<WsClient> voters = new ArrayList<>();

  private record Screen(String name, Page page, List<String> frames) {
  }



  @BeforeEach
  void nothingOpenYet() {
    contexts.clear();
    problems.clear();
    voters.clear();
  }

  @AfterEach
  void closeEverythingAndCheckConsoles() {
    voters.forEach(WsClient::close);
    List<String> seen;
    synchronized (problems) {
      seen = List.copyOf(problems);
    }
    contexts.forEach(BrowserContext::close);
    assertEquals(List.of(), seen, "console errors or page errors");
  }

  // ------------------------------------------------------------------------------------------------ flags

  @Test
  void flaggedQuestionShowsItsBadgeAndMarkedWordsAsTextWhileTheAskerSeesItAwaitingReview() {
    JsonObject session = api.createSession("Phiên có câu hỏi bị giữ lại", "post", true);
    Screen mod = open("moderator", consoleUrl(session), false);
    Screen resident = open("resident", url("/j/" + session.getString("code")), true);
    Page m = mod.page();
    assertThat(m.locator("#mod-conn-state")).hasAttribute("data-state", "online");
    assertThat(resident.page().locator("#conn-state")).hasAttribute("data-state", "online");

    String text = "<img src=x onerror=\"window.__xss=1\"> Đm, bao giờ phường sửa xong đường Lê Lợi?";
    String q = ask(resident, text);

    Locator own = resident.page().locator("#questions li.question.is-mine[data-id='" + q + "']");
    assertThat(own).hasAttribute("data-status", "pending");
    assertThat(own.locator(".q-status")).hasText("Chờ duyệt");
    assertThat(m.locator("#tab-pending .tab-count")).hasText("1");
    Locator row = m.locator("li.mod-question[data-id='" + q + "']");
    assertThat(row).hasAttribute("data-status", "pending");
    assertThat(row.locator(".mq-flag[data-flag='profanity']")).hasText("Lời lẽ thô tục");
    assertThat(row.locator("mark.mq-match")).hasCount(1);
    assertThat(row.locator("mark.mq-match")).hasText("Đm");
    assertThat(row.locator(".q-text")).hasText(text);
    assertThat(row.locator(".q-text img")).hasCount(0);
    assertEquals(null, m.evaluate("window.__xss ?? null"), "the text was rendered as HTML");

    assertFalse(resident.frames().stream().anyMatch(f -> f.contains("\"flags\"") || f.contains("profanity")),
        "the asker was sent her question's flags");
  }

  // ------------------------------------------------------------------------------------------------ freeze

  @Test
  void freezeButtonDisablesTheResidentsUpvoteUntilUnfrozen() {
    JsonObject session = api.createSession("Phiên khóa bình chọn", "post", true);
    Screen mod = open("moderator", consoleUrl(session), false);
    Screen resident = open("resident", url("/j/" + session.getString("code")), false);
    Page m = mod.page();
    Page r = resident.page();
    assertThat(r.locator("#conn-state")).hasAttribute("data-state", "online");
    String q = askOverProtocol(session, "Phường có mở thêm bãi giữ xe gần chợ không?");

    Locator item = r.locator("#questions li.question[data-id='" + q + "']");
    assertThat(item.locator("button.q-vote")).isEnabled();
    m.locator("#tab-live").click();
    Locator row = m.locator("li.mod-question[data-id='" + q + "']");
    ModeratorConsoleBrowserTest.act(m, row, "freeze");

    assertThat(row.locator(".mq-frozen")).hasText("Đã khóa ủng hộ");
    assertThat(row.locator("button.act-unfreeze")).hasCount(1);
    assertThat(row.locator("button.act-freeze")).hasCount(0);
    assertThat(item.locator("button.q-vote")).isDisabled();
    assertThat(item.locator(".q-frozen-note")).isVisible();
    assertThat(item.locator("button.q-vote")).hasAttribute("aria-describedby", "q-frozen-note-" + q);

    ModeratorConsoleBrowserTest.act(m, row, "unfreeze");
    assertThat(item.locator("button.q-vote")).isEnabled();
    assertThat(item.locator(".q-frozen-note")).hasCount(0);
    assertThat(row.locator(".mq-frozen")).hasCount(0);
    item.locator("button.q-vote").click();
    assertThat(item.locator(".q-votes")).hasText("1");
    assertThat(row.locator(".q-votes")).hasText("1");
  }

  // ------------------------------------------------------------------------------------------------ signals

  @Test
  void signalsPanelListsABurstRefreshesByItselfAndLinksToTheQuestion() {
    JsonObject session = api.createSession("Phiên có bình chọn dồn dập", "post", true);
    Screen mod = open("moderator", consoleUrl(session), false);
    Page m = mod.page();
    assertThat(m.locator("#mod-conn-state")).hasAttribute("data-state", "online");
    String stuffed = askOverProtocol(session, "Đề nghị đổi tên đường Lê Lợi thành đường Hoa Sen");
    String later = askOverProtocol(session, "Đề nghị xây thêm cầu vượt ở ngã tư Hàng Xanh");
    burst(session, stuffed, "203.0.113.7", 6);

    m.locator("#signals-toggle").click();
    assertThat(m.locator("#signals-toggle")).hasAttribute("aria-expanded", "true");
    Locator panel = m.locator("#mod-signals");
    Locator first = panel.locator(".signal[data-kind='burst'][data-question='" + stuffed + "']");
    assertThat(first.locator(".signal-title")).hasText("6 lượt ủng hộ dồn dập từ danh tính mới tạo");
    assertThat(first.locator(".signal-detail")).containsText("từ 1 địa chỉ");
    assertThat(first.locator("button.signal-question")).containsText("Đề nghị đổi tên đường Lê Lợi");
    assertThat(panel.locator(".signal[data-kind='address'] .signal-title"))
        .containsText("6 danh tính được tạo từ cùng một địa chỉ");
    assertThat(panel.locator("#mod-signals-status")).containsText("Cập nhật lúc");

    // a second burst appears without anyone asking for it: the open panel refreshes by itself
    burst(session, later, "198.51.100.9", 6);
    assertThat(panel.locator(".signal[data-kind='burst'][data-question='" + later + "']")).isVisible(
        new LocatorAssertions.IsVisibleOptions().setTimeout(REFRESH_WAIT_MS));
    assertThat(panel.locator(".signal[data-kind='address']")).hasCount(2);

    first.locator("button.signal-question").click();
    assertThat(m.locator("#tab-live")).hasAttribute("aria-selected", "true");
    Locator row = m.locator("li.mod-question[data-id='" + stuffed + "']");
    assertThat(row).hasClass(Pattern.compile("\\bis-selected\\b"));
    assertThat(row).isFocused();

    m.locator("#signals-toggle").click();
    assertThat(panel).isHidden();
    assertThat(m.locator("#signals-toggle")).hasAttribute("aria-expanded", "false");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private String url(String path) {
    return "http://127.0.0.1:" + node.port() + path;
  }

  private String consoleUrl(JsonObject created) {
    return url("/m/" + created.getString("id") + "#token=" + created.getString("moderatorToken"));
  }

  private Screen open(String name, String address, boolean recordFrames) {
    BrowserContext context = browser.newContext();
    context.setDefaultTimeout(WAIT_MS);
    contexts.add(context);
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        problems.add(name + " console error: " + message.text() + " (" + message.location() + ")");
      }
    });
    page.onPageError(error -> problems.add(name + " page error: " + error));
    List<String> frames = new CopyOnWriteArrayList<>();
    if (recordFrames) {
      page.onWebSocket(ws -> ws.onFrameReceived(frame -> frames.add(frame.text())));
    }
    page.navigate(address);
    return new Screen(name, page, frames);
  }

  /** Asks through the resident page's form and answers the new question's id, read from the asker's own list. */
  private static String ask(Screen resident, String text) {
    Page page = resident.page();
    page.locator("#ask-text").fill(text);
    page.locator("#ask-submit").click();
    assertThat(page.locator("#ask-text")).hasValue("");
    Locator mine = page.locator("#questions li.question.is-mine");
    assertThat(mine).hasCount(1);
    String id = mine.getAttribute("data-id");
    assertNotNull(id, "own question without an id");
    return id;
  }

  /** A question asked by a resident of its own over the protocol. */
  private String askOverProtocol(JsonObject session, String text) {
    WsClient author = Moderation.join(vertx, node.port(), session.getString("id"), null);
    voters.add(author);
    author.next("welcome");
    return Moderation.asked(author, text);
  }

  /** {@code count} new identities from {@code address} upvote the question. */
  private void burst(JsonObject session, String questionId, String address, int count) {
    for (int i = 0; i < count; i++) {
      WsClient voter = WsClient.joinFrom(vertx, node.port(), session.getString("id"), Msg.hello(), address);
      voters.add(voter);
      voter.next("welcome");
      Moderation.ok(voter, Moderation.vote(questionId, 1));
    }
  }
}

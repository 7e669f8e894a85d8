package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.domain.ContentRules;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.metrics.Metrics;
import townhall.service.AskQuestion;
import townhall.store.ActionResult;
import townhall.store.redis.RedisBackend;
import townhall.testing.Await;
import townhall.testing.Axe;
import townhall.testing.BrowserTestBase;
import townhall.testing.TestNodes;

/**
 * The moderator console with 10,000 pending questions (#12): seeded through the store (the ask use case on the
 * node's Redis and key prefix, as a crowd's asks would have been), read by the console through the bounded welcome
 * and its `page` requests. The DOM holds only the rows on screen and a few more, wherever the list is scrolled; the
 * keyboard reaches the last question (End) and moves back (k) with the focus on its row; the row scrolled to by the
 * scrollbar is the one rendered; approving the last question works. No timing is asserted.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ModeratorConsoleAtScaleBrowserTest extends BrowserTestBase {
  private static final int PENDING = 10_000;
  private static final int BATCH = 50;
  /** Far below 10,000: the rows on screen (about 12 at 768 px), twice the overscan, the selected one. */
  private static final int MAX_ROWS_IN_DOM = 60;

  @Test
  void tenThousandPendingQuestionsRenderOnlyWhatIsOnScreen() {
    JsonObject session = api.createSession("Phiên mười nghìn câu hỏi", "pre", true);
    String id = session.getString("id");
    List<String> ids = seedPendingQuestions(id);
    String last = ids.stream().max((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b))).orElseThrow();
    String beforeLast = String.valueOf(Long.parseLong(last) - 1);

    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768));
    try {
      context.setDefaultTimeout(WAIT_MS);
      context.addInitScript("window.localStorage.setItem('townhall.lang', 'vi');");
      Page m = context.newPage();
      m.onConsoleMessage(message -> {
        if ("error".equals(message.type())) {
          problems.add("console error: " + message.text());
        }
      });
      m.onPageError(error -> problems.add("page error: " + error));
      m.navigate(origin() + "/m/" + id + "#token=" + session.getString("moderatorToken"));
      assertThat(m.locator("#mod-conn-state")).hasAttribute("data-state", "online");
      assertThat(m.locator("#tab-pending .tab-count")).hasText(String.valueOf(PENDING),
          new LocatorAssertions.HasTextOptions().setTimeout(120_000));
      assertBounded(m);
      assertAccessible(m, "10,000 pending, vi");

      // the keyboard: End goes to the last question, k to the one before, the focus always on the row
      Locator first = m.locator("#list-pending li.mod-question").first();
      first.focus();
      m.keyboard().press("End");
      Locator lastRow = m.locator("#list-pending li.mod-question[data-id='" + last + "']");
      assertThat(lastRow).isFocused();
      assertThat(lastRow).isInViewport();
      assertThat(lastRow).hasAttribute("aria-posinset", String.valueOf(PENDING));
      assertBounded(m);
      m.keyboard().press("k");
      assertThat(m.locator("#list-pending li.mod-question[data-id='" + beforeLast + "']")).isFocused();
      m.keyboard().press("j");
      assertThat(lastRow).isFocused();

      // the scrollbar: halfway down the list, the rows rendered are those halfway through it
      m.evaluate("() => { const s = document.getElementById('scroll-pending'); s.scrollTop = s.scrollHeight / 2; }");
      m.waitForFunction("() => [...document.querySelectorAll('#list-pending li.mod-question')]"
          + ".some((li) => Math.abs(Number(li.getAttribute('aria-posinset')) - " + (PENDING / 2) + ") < 30)");
      assertBounded(m);

      // approving the last question
      m.keyboard().press("End");
      assertThat(lastRow).isFocused();
      lastRow.locator("button.act-approve").click();
      assertThat(m.locator("#tab-pending .tab-count")).hasText(String.valueOf(PENDING - 1));
      assertThat(m.locator("#tab-live .tab-count")).hasText("1");
      assertThat(m.locator("#list-pending li.mod-question[data-id='" + beforeLast + "']")).isFocused();
      assertBounded(m);

      m.locator("#lang-switch").click();
      assertThat(m.locator("html")).hasAttribute("lang", "en");
      assertAccessible(m, "9,999 pending, en");
      assertEquals(List.of(), List.copyOf(problems), "console errors or page errors");
    } finally {
      context.close();
    }
  }

  private static void assertBounded(Page page) {
    int rows = page.locator("#list-pending li.mod-question").count();
    assertTrue(rows > 10 && rows <= MAX_ROWS_IN_DOM, "rows in the DOM: " + rows);
  }

  private static void assertAccessible(Page page, String state) {
    List<String> found = new ArrayList<>();
    for (Axe.Violation violation : Axe.check(page)) {
      if (violation.blocking()) {
        found.add(violation.toString());
      }
    }
    found.addAll(Axe.smallTargets(page));
    assertEquals(List.of(), found, state + ": serious or critical axe violations, or targets under 44 × 44 px");
  }

  /**
   * Asks {@link #PENDING} questions through the ask use case on the node's own Redis and key prefix, from 100
   * residents, in batches; answers their ids.
   */
  private List<String> seedPendingQuestions(String sessionId) {
    Map<String, Object> settings = new HashMap<>(TestNodes.NO_RATE_LIMITS);
    settings.put("redis.keyPrefix", keyPrefix);
    TownhallConfig config = ConfigLoader.load(Map.of(), settings);
    RedisBackend backend = Await.result(RedisBackend.connect(vertx, redis.url(), config.redis(),
        new Metrics(new SimpleMeterRegistry())), 20);
    try {
      AskQuestion ask = new AskQuestion(backend.dialogue(config.limits(), config.rateLimits()), config.limits(),
          new ContentRules(List.of(), List.of()), false);
      List<String> ids = new ArrayList<>();
      for (int from = 0; from < PENDING; from += BATCH) {
        List<Future<ActionResult>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(PENDING, from + BATCH); i++) {
          Participant resident = new Participant(sessionId, "resident" + (i % 100), Role.RESIDENT);
          batch.add(ask.ask(resident, "seed-" + i, "Câu hỏi số " + (i + 1) + " về cống thoát nước và đèn đường ở tổ "
              + (i % 40 + 1) + " trước mùa mưa năm nay?", null));
        }
        for (Future<ActionResult> answer : batch) {
          ids.add(Await.result(answer, 60).questionId());
        }
      }
      return ids;
    } finally {
      Await.result(backend.close(), 10);
    }
  }
}

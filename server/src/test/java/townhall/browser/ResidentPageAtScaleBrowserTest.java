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
import java.util.HashSet;
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
import townhall.testing.BrowserTestBase;
import townhall.testing.TestNodes;

/**
 * The resident page on a phone (360 × 740) in a session of many live questions (#12): seeded through the ask use
 * case on the node's Redis and key prefix (a post-moderated session, so each ask is live at once), read by the page
 * through the bounded welcome and its `page` requests as the resident scrolls. The resident reaches the last
 * question, the DOM holds a bounded number of rows wherever the list is scrolled, no question is rendered twice, and
 * an upvote on the last question works. How many questions: {@code -Dtownhall.scrollQuestions} (a few thousand in
 * the build; docs/performance.md gives the command for 100,000). No timing is asserted.
 */
@Timeout(value = 3600, unit = TimeUnit.SECONDS)
class ResidentPageAtScaleBrowserTest extends BrowserTestBase {
  private static final int QUESTIONS = Integer.getInteger("townhall.scrollQuestions", 2_000);
  private static final int BATCH = 50;
  /** A deadline, not a timing: the first welcome waits for the view, read a slice of questions per Redis call. */
  private static final double FIRST_WELCOME_MS = Math.max(WAIT_MS, QUESTIONS * 3.0);
  /** Far below the question count: the rows on screen (about 7 at 740 px), twice the overscan, the focused one. */
  private static final int MAX_ROWS_IN_DOM = 60;
  private static final String SET_SIZE =
      "() => Number(document.querySelector('#questions > li')?.getAttribute('aria-setsize') ?? 0)";

  @Test
  void aResidentScrollsToTheLastQuestionWithABoundedDom() {
    JsonObject session = api.createSession("Phiên hỏi đáp toàn thành phố", "post", true);
    seedLiveQuestions(session.getString("id"));

    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740));
    try {
      context.setDefaultTimeout(WAIT_MS);
      context.addInitScript("window.localStorage.setItem('townhall.lang', 'vi');");
      Page page = context.newPage();
      page.onConsoleMessage(message -> {
        if ("error".equals(message.type())) {
          problems.add("console error: " + message.text());
        }
      });
      page.onPageError(error -> problems.add("page error: " + error));
      page.navigate(origin() + "/j/" + session.getString("code"));
      // the first joiner waits for the node to read the session for its view (in slices: a while at 100,000)
      assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online",
          new LocatorAssertions.HasAttributeOptions().setTimeout(FIRST_WELCOME_MS));
      Locator rows = page.locator("#questions > li");
      assertThat(rows.first()).isVisible();
      Locator more = page.locator("#questions-more");

      // Scroll to the end again and again: each time a page arrives (the list grows) or there is no more.
      for (int i = 0; i < QUESTIONS && more.isVisible(); i++) {
        int listed = ((Number) page.evaluate(SET_SIZE)).intValue();
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
        page.waitForFunction("n => (" + SET_SIZE + ")() > n || document.getElementById('questions-more').hidden",
            listed, new Page.WaitForFunctionOptions().setTimeout(60_000));
        assertBoundedAndDistinct(page);
      }
      assertThat(more).isHidden();
      assertThat(rows.first()).hasAttribute("aria-setsize", String.valueOf(QUESTIONS));
      page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
      Locator last = page.locator("#questions > li[aria-posinset='" + QUESTIONS + "']");
      assertThat(last).isInViewport();
      assertBoundedAndDistinct(page);

      // halfway back up, the rows rendered are those halfway through the list
      page.evaluate("() => window.scrollTo(0, document.body.scrollHeight / 2)");
      page.waitForFunction("() => [...document.querySelectorAll('#questions > li')]"
          + ".some((li) => Math.abs(Number(li.getAttribute('aria-posinset')) - " + (QUESTIONS / 2) + ") < "
          + Math.max(50, QUESTIONS / 10) + ")");
      assertBoundedAndDistinct(page);

      // an upvote on the last question
      page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
      assertThat(last).isInViewport();
      String lastId = last.getAttribute("data-id");
      Locator lastRow = page.locator("#questions > li[data-id='" + lastId + "']");
      lastRow.locator("button.q-vote").click();
      // the popular order (the default) takes the only upvoted question to the top of the list
      page.evaluate("window.scrollTo(0, 0)");
      assertThat(lastRow).hasAttribute("aria-posinset", "1");
      assertThat(lastRow.locator("button.q-vote")).hasAttribute("aria-pressed", "true");
      assertThat(lastRow.locator(".q-votes")).hasText("1");
      assertBoundedAndDistinct(page);
      assertEquals(List.of(), List.copyOf(problems), "console errors or page errors");
    } finally {
      context.close();
    }
  }

  private static List<String> renderedIds(Page page) {
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) page.evaluate(
        "() => [...document.querySelectorAll('#questions > li')].map((li) => li.dataset.id)");
    return ids;
  }

  private static void assertBoundedAndDistinct(Page page) {
    List<String> ids = renderedIds(page);
    assertTrue(ids.size() > 0 && ids.size() <= MAX_ROWS_IN_DOM, "rows in the DOM: " + ids.size());
    assertEquals(ids.size(), new HashSet<>(ids).size(), "a question rendered twice: " + ids);
  }

  /**
   * Asks {@link #QUESTIONS} questions through the ask use case on the node's own Redis and key prefix, from many
   * residents, in batches.
   */
  private void seedLiveQuestions(String sessionId) {
    Map<String, Object> settings = new HashMap<>(TestNodes.NO_RATE_LIMITS);
    settings.put("redis.keyPrefix", keyPrefix);
    TownhallConfig config = ConfigLoader.load(Map.of(), settings);
    RedisBackend backend = Await.result(RedisBackend.connect(vertx, redis.url(), config.redis(),
        new Metrics(new SimpleMeterRegistry())), 20);
    int residents = Math.max(100, QUESTIONS / 100);
    try {
      AskQuestion ask = new AskQuestion(backend.dialogue(config.limits(), config.rateLimits()), config.limits(),
          new ContentRules(List.of(), List.of()), false);
      for (int from = 0; from < QUESTIONS; from += BATCH) {
        List<Future<ActionResult>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(QUESTIONS, from + BATCH); i++) {
          Participant resident = new Participant(sessionId, "resident" + (i % residents), Role.RESIDENT);
          batch.add(ask.ask(resident, "seed-" + i, "Câu hỏi số " + (i + 1) + " về cống thoát nước và đèn đường ở tổ "
              + (i % 40 + 1) + (i % 3 == 0 ? " trước mùa mưa năm nay, khi nào phường sửa xong?" : "?"), null));
        }
        for (Future<ActionResult> answer : batch) {
          assertTrue(Await.result(answer, 60).questionId() != null, "seeded");
        }
      }
    } finally {
      Await.result(backend.close(), 10);
    }
  }
}

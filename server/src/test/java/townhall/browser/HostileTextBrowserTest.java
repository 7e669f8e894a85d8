package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.Api;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.WsClient;

/**
 * B4: script payloads in questions, display names and written answers are shown as literal text on the resident,
 * moderator, stage and speaker pages: no payload runs, no element is injected, and the strict Content-Security-Policy
 * that every page carries reports no violation.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileTextBrowserTest extends BrowserTestBase {
  private static final String CSP_LISTENER = "window.__csp = [];"
      + "document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' '"
      + " + e.blockedURI));";
  private static final List<String> QUESTIONS = List.of(
      "<script>window.__xss='script'</script>",
      "<img src=x onerror=\"window.__xss='img'\">",
      "javascript:window.__xss='link'",
      "<svg onload=\"window.__xss='svg'\"><circle r=5></circle></svg>",
      "</textarea><script>window.__xss='textarea'</script>",
      "<noscript><p title=\"</noscript><img src=x onerror=window.__xss='mxss'>\">",
      "{{constructor.constructor('window.__xss=\"template\"')()}} ${window.__xss='literal'}",
      "<style>*{background:url(\"javascript:window.__xss='css'\")}</style><a href=\"javascript:alert(1)\">x</a>");
  private static final List<String> NAMES = List.of("<b onmouseover=alert(1)>Tâm</b>",
      "<img src=x onerror=alert(1)>", "\"><script>alert(1)</script>");
  private static final String ANSWER = "<iframe src=\"javascript:window.__xss='answer'\"></iframe> Đã sửa đường";




  @Test
  void payloadsShowAsLiteralTextOnEveryPage() {
    JsonObject session = new Api(node.port()).createSession("<script>alert('title')</script> Phiên", "post", true);
    String sessionId = session.getString("id");
    List<String> ids = new ArrayList<>();
    try (WsClient resident = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), sessionId,
             Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      for (int i = 0; i < QUESTIONS.size(); i++) {
        JsonObject ask = Msg.ask(QUESTIONS.get(i)).put("author", NAMES.get(i % NAMES.size()));
        ids.add(resident.act(ask).getString("questionId"));
      }
      Moderation.assertAck(moderator.act(Moderation.answer(ids.get(0), ANSWER)));
      Moderation.assertAck(moderator.act(Moderation.highlight(ids.get(1))));
    }

    String base = "http://127.0.0.1:" + node.port();
    List<String> live = QUESTIONS.subList(1, QUESTIONS.size());

    Screen resident = open("resident", base + "/j/" + session.getString("code"));
    assertThat(resident.page.locator("#questions li.question")).hasCount(QUESTIONS.size());
    assertShownLiterally(resident, ".q-text", QUESTIONS);
    assertShownLiterally(resident, ".q-author", NAMES);
    assertShownLiterally(resident, ".q-answer", List.of(ANSWER));
    resident.assertClean();

    Screen moderator = open("moderator", base + "/m/" + sessionId + "#token=" + session.getString("moderatorToken"));
    moderator.page.locator("#tab-live").click(); // the console shows one tab's rows at a time
    assertThat(moderator.page.locator("#list-live .q-text")).hasCount(live.size());
    assertShownLiterally(moderator, "#list-live .q-text", live);
    assertShownLiterally(moderator, ".q-author", NAMES);
    assertShownLiterally(moderator, "#mod-stage-text", List.of(QUESTIONS.get(1)));
    moderator.assertClean();

    Screen stage = open("stage", base + "/stage/" + sessionId + "#token=" + session.getString("stageToken"));
    assertThat(stage.page.locator("#stage-question .q-text")).hasText(QUESTIONS.get(1));
    assertShownLiterally(stage, "#stage-question .q-text", List.of(QUESTIONS.get(1)));
    assertThat(stage.page.locator("#stage-next .q-text").first()).isVisible();
    for (String shown : stage.page.locator("#stage-next .q-text").allTextContents()) {
      assertTrue(live.contains(shown), "the stage lists a payload as text: " + shown);
    }
    stage.assertClean();

    Screen speaker = open("speaker", base + "/speaker/" + sessionId + "#token=" + session.getString("stageToken"));
    assertThat(speaker.page.locator("#speaker-question .q-text")).hasText(QUESTIONS.get(1));
    speaker.assertClean();
  }

  private static void assertShownLiterally(Screen screen, String selector, List<String> expected) {
    List<String> shown = screen.page.locator(selector).allTextContents();
    for (String text : expected) {
      assertTrue(shown.contains(text), screen.name + ": '" + text + "' shown as typed in " + selector + "; shown: "
          + shown);
    }
  }

  private Screen open(String name, String url) {
    BrowserContext context = browser.newContext();
    context.setDefaultTimeout(WAIT_MS);
    context.addInitScript(CSP_LISTENER);
    Page page = context.newPage();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type())) {
        problems.add("console error: " + m.text());
      }
    });
    page.onPageError(e -> problems.add("page error: " + e));
    page.onDialog(d -> {
      problems.add("dialog: " + d.message());
      d.dismiss();
    });
    Response response = page.navigate(url);
    String policy = response.headers().get("content-security-policy");
    assertTrue(policy != null && policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"),
        name + ": a strict CSP header: " + policy);
    assertEquals("nosniff", response.headers().get("x-content-type-options"));
    return new Screen(name, context, page, problems);
  }

  private record Screen(String name, BrowserContext context, Page page, List<String> problems) {
    /** Nothing ran, nothing was injected, nothing was blocked by the CSP, nothing failed. */
    void assertClean() {
      try {
        assertEquals(null, page.evaluate("window.__xss"), name + ": a payload ran");
        assertEquals(0, ((Number) page.evaluate("document.querySelectorAll('script:not([src]), iframe, "
            + "img[src=\"x\"], [onerror], [onload], [onmouseover], a[href^=\"javascript\"], style:not([data-app])')"
            + ".length")).intValue(), name + ": an element came from user text");
        assertEquals(List.of(), page.evaluate("window.__csp"), name + ": CSP violations");
        synchronized (problems) {
          assertEquals(List.of(), problems, name + ": console errors, page errors or dialogs");
        }
      } finally {
        context.close();
      }
    }
  }
}

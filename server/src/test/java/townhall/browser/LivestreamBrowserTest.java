package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Issue 18 item 4 in Chromium: the livestream overlay is a transparent 1920×1080 page whose lower third follows the
 * question on stage live; the resident widget works inside an iframe of an allowed site (a second origin served by
 * the test) and the browser refuses to frame it on any other; axe-core on both in Vietnamese and English.
 */
class LivestreamBrowserTest extends BrowserTestBase {
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final List<HttpServer> sites = new ArrayList<>();

  @AfterEach
  void closeContexts() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    sites.forEach(site -> Await.result(site.close(), 10));
    sites.clear();
    assertEquals(List.of(), List.copyOf(problems), "console or page errors");
    problems.clear();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void theOverlayIsATransparentLowerThirdThatFollowsTheStage(String lang) throws IOException {
    JsonObject session = api.createSession("Đối thoại trực tuyến phường Bến Nghé", "post", true);
    String id = session.getString("id");
    Page overlay = open(lang, "/overlay/" + id + "#token=" + session.getString("stageToken"), 1920, 1080, true);
    assertThat(overlay.locator("#conn-state")).hasAttribute("data-state", "online");
    assertEquals(List.of(1920, 1080), overlay.evaluate("() => { const r = document.getElementById('overlay')"
        + ".getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; }"));
    assertEquals(List.of("rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)"), overlay.evaluate(
        "() => [getComputedStyle(document.documentElement).backgroundColor,"
        + " getComputedStyle(document.body).backgroundColor]"), "the page itself is transparent");
    assertFalse(overlay.url().contains("token"), "the token leaves the address bar, as on the stage page");

    try (WsClient mod = Moderation.join(vertx, node.port(), id, session.getString("moderatorToken"));
        WsClient resident = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      resident.next("welcome");
      String first = Moderation.asked(resident, "Khi nào phường lắp đèn chiếu sáng ở hẻm 42?");
      String second = Moderation.asked(resident, "Lịch thu gom rác ở tổ 7 có thay đổi không?");
      assertThat(overlay.locator("#overlay-question")).isHidden();
      Moderation.ok(mod, Moderation.highlight(first));
      assertThat(overlay.locator("#overlay-question .lower-third-text"))
          .hasText("Khi nào phường lắp đèn chiếu sáng ở hẻm 42?");
      Moderation.ok(mod, Moderation.highlight(second));
      assertThat(overlay.locator("#overlay-question")).hasAttribute("data-id", second);
      assertThat(overlay.locator("#overlay-question .lower-third-text"))
          .hasText("Lịch thu gom rác ở tổ 7 có thay đổi không?");
      overlay.evaluate("() => document.getAnimations().forEach(a => a.finish())");

      @SuppressWarnings("unchecked")
      List<Number> box = (List<Number>) overlay.evaluate("() => { const r = document.getElementById("
          + "'overlay-question').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }");
      assertTrue(box.get(0).doubleValue() >= 0 && box.get(2).doubleValue() <= 1920
          && box.get(3).doubleValue() <= 1080 && box.get(1).doubleValue() > 1080 / 2.0,
          "a lower third inside the frame: " + box);

      // what OBS composites: the pixels outside the bar are fully transparent, those of the bar opaque enough
      BufferedImage shot = ImageIO.read(new ByteArrayInputStream(
          overlay.screenshot(new Page.ScreenshotOptions().setOmitBackground(true))));
      assertEquals(0, shot.getRGB(20, 20) >>> 24, "top left corner is transparent");
      assertEquals(0, shot.getRGB(960, 300) >>> 24, "the middle of the picture is transparent");
      int barX = (int) ((box.get(0).doubleValue() + box.get(2).doubleValue()) / 2);
      int barY = (int) (box.get(3).doubleValue() - 8);
      assertTrue((shot.getRGB(barX, barY) >>> 24) > 200, "the lower third's plate is nearly opaque");
      assertAccessible(overlay, "overlay with a question on stage", lang);

      Moderation.ok(mod, Moderation.unhighlight(second));
      assertThat(overlay.locator("#overlay-question")).isHidden();
    }
  }

  @Test
  void theOverlayWithoutAStageTokenSaysTheLinkIsNotValid() {
    JsonObject session = api.createSession("Phiên", "post", true);
    Page overlay = open("vi", "/overlay/" + session.getString("id"), 1920, 1080, true);
    assertThat(overlay.locator("#overlay-invalid")).isVisible();
    assertThat(overlay.locator("#overlay-question")).isHidden();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void theWidgetWorksInAnIframeOfAnAllowedSiteAndIsRefusedElsewhere(String lang) {
    JsonObject session = api.createSession("Đối thoại phường 3", "post", true);
    String id = session.getString("id");
    String code = session.getString("code");
    HttpServer allowed = site(code);
    HttpServer other = site(code);
    // another port: another origin than the node's, as a ward's web site would be (frame-ancestors compares origins)
    String allowedOrigin = "http://127.0.0.1:" + allowed.actualPort();
    Api.Reply saved = api.request("PUT", "/api/sessions/" + id + "/stream", new JsonObject()
        .put("streamUrl", "https://www.youtube.com/live/phuong3")
        .put("embedOrigins", new JsonArray().add(allowedOrigin)).encode(),
        "Content-Type", "application/json", "Authorization", "Bearer " + TestNodes.ADMIN_TOKEN);
    assertEquals(200, saved.status(), saved::body);

    Page page = openAt(lang, allowedOrigin + "/", 1280, 800, true);
    FrameLocator widget = page.frameLocator("iframe");
    assertThat(widget.locator("body")).hasClass(java.util.regex.Pattern.compile("\\bis-embed\\b"));
    assertThat(widget.locator("#conn-state")).hasAttribute("data-state", "online");
    widget.locator("#ask-text").fill("Xin hỏi về lịch cắt điện tuần sau ở khu phố 2?");
    widget.locator("#ask-submit").click();
    assertThat(widget.locator("#questions")).containsText("Xin hỏi về lịch cắt điện tuần sau ở khu phố 2?");
    assertThat(widget.locator("#stream-box")).isHidden();

    Page refused = openAt(lang, "http://127.0.0.1:" + other.actualPort() + "/", 1280, 800, false);
    refused.waitForLoadState(LoadState.LOAD);
    Frame child = refused.frames().stream().filter(f -> f != refused.mainFrame()).findFirst().orElseThrow();
    // Chromium replaces a frame its ancestors may not hold by an error page: none of the widget runs there
    assertTrue(child.url().startsWith("chrome-error:"), "the widget is not shown on another site: " + child.url());
    assertEquals(0, refused.frameLocator("iframe").locator("#ask-form").count());

    // the resident page itself shows the stream link; the widget, beside the video, does not
    Page resident = open(lang, "/j/" + code, 390, 844, true);
    assertThat(resident.locator("#stream-link")).hasAttribute("href", "https://www.youtube.com/live/phuong3");
    assertAccessible(resident, "resident page with a stream link", lang);
    Page direct = open(lang, "/embed/" + code, 360, 640, true);
    assertThat(direct.locator("#conn-state")).hasAttribute("data-state", "online");
    assertAccessible(direct, "resident widget", lang);
  }

  /** A ward's web site on a port of its own: one page with the widget in an iframe beside its (absent) video. */
  private HttpServer site(String code) {
    String html = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Phường</title></head><body>"
        + "<main><h1>Phường</h1><iframe title=\"Townhall\" width=\"400\" height=\"700\" src=\"" + origin() + "/embed/"
        + code + "\"></iframe></main></body></html>";
    HttpServer server = Await.result(vertx.createHttpServer().requestHandler(rq -> rq.response()
        .putHeader("Content-Type", "text/html; charset=utf-8").end(html)).listen(0, "127.0.0.1"), 10);
    sites.add(server);
    return server;
  }

  private Page open(String lang, String path, int width, int height, boolean strict) {
    return openAt(lang, origin() + path, width, height, strict);
  }

  private Page openAt(String lang, String url, int width, int height, boolean strict) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    context.setDefaultTimeout(WAIT_MS);
    context.addInitScript("try { window.localStorage.setItem('townhall.lang', '" + lang + "'); } catch (e) { }");
    contexts.add(context);
    Page page = context.newPage();
    if (strict) {
      page.onConsoleMessage(message -> {
        if ("error".equals(message.type())) {
          problems.add(url + " console error: " + message.text());
        }
      });
      page.onPageError(error -> problems.add(url + " page error: " + error));
    }
    page.navigate(url);
    return page;
  }
}

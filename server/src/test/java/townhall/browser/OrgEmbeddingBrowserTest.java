package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.LoadState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.Await;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;

/**
 * Issue 18 item 4, per organization, in Chromium: an organizer names on /home the site that may embed the resident
 * widget of every session of the ward (a bad address refused with the server's reason, nothing changed) and sets a
 * session's stream link in its livestream card (which shows the ward's sites); the widget then works inside an
 * iframe on that site, allowed by the organization only, and the browser refuses it on another; both cards pass
 * axe-core in Vietnamese and English.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class OrgEmbeddingBrowserTest extends HomeBrowserTestBase {

  /** A ward's web site on a port of its own: one page with the widget in an iframe beside its (absent) video. */
  private static HttpServer site(Vertx vertx, String widget) {
    String html = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Phường</title></head><body>"
        + "<main><h1>Phường</h1><iframe title=\"Townhall\" width=\"400\" height=\"700\" src=\"" + widget
        + "\"></iframe></main></body></html>";
    return Await.result(vertx.createHttpServer().requestHandler(rq -> rq.response()
        .putHeader("Content-Type", "text/html; charset=utf-8").end(html)).listen(0, "127.0.0.1"), 10);
  }

  @Test
  void aSiteAllowedByTheOrganizationEmbedsTheWidgetAndAnotherIsRefused(Vertx vertx) {
    api.post("/api/orgs", new JsonObject().put("slug", "ben-nghe").put("name", "Phường Bến Nghé").put("kind", "ward")
        .encode(), TestNodes.ADMIN_TOKEN);
    String link = api.post("/api/orgs/ben-nghe/invitations", new JsonObject().put("email", "stream@example.vn")
        .put("role", "organizer").encode(), TestNodes.ADMIN_TOKEN).json().getString("link");
    SignedInClient organizer = SignedInClient.from(api, node.port(), api.post("/api/invitations/accept",
        new JsonObject().put("token", link.substring(link.indexOf("#invite=") + 8))
            .put("password", "browser password 1").encode(), null));
    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường Bến Nghé")
        .put("organization", "ben-nghe").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String code = session.getString("code");
    HttpServer allowed = site(vertx, base() + "/embed/" + code);
    HttpServer other = site(vertx, base() + "/embed/" + code);
    String allowedOrigin = "http://127.0.0.1:" + allowed.actualPort();
    try (BrowserContext laptop = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768))) {
      String[] cookie = organizer.cookie().split("=", 2);
      laptop.addCookies(List.of(new Cookie(cookie[0], cookie[1]).setUrl(base())));
      Page page = laptop.newPage();
      page.navigate(base() + "/home");
      assertThat(page.locator("#home-embed")).isVisible();
      assertThat(page.locator("#home-embed-origins")).hasValue("");
      accessibleInBothLanguages(page, "#home-embed-heading", "Sites that may show the Q&A widget");

      page.fill("#home-embed-origins", "https://a.example.vn/trang-chu\n");
      page.click("#home-embed-submit");
      assertThat(page.locator("#home-embed-out")).containsText("Chưa lưu");
      assertEquals(List.of(), api.get("/api/orgs/ben-nghe/stream").json().getJsonArray("embedOrigins").getList(),
          "a refused list changes nothing");
      page.fill("#home-embed-origins", allowedOrigin + "\n\n");
      page.click("#home-embed-submit");
      assertThat(page.locator("#home-embed-out")).hasText("Đã lưu.");
      assertEquals(List.of(allowedOrigin), api.get("/api/orgs/ben-nghe/stream").json()
          .getJsonArray("embedOrigins").getList());

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Phát trực tiếp").setExact(true)).click();
      assertThat(page.locator("#home-stream")).isVisible();
      assertThat(page.locator("#home-stream-org")).containsText(allowedOrigin);
      assertThat(page.locator("#home-stream-origins")).hasValue("");
      page.fill("#home-stream-url", "https://www.youtube.com/live/bennghe");
      page.click("#home-stream-submit");
      assertThat(page.locator("#home-stream-out")).hasText("Đã lưu.");
      JsonObject stream = api.get("/api/sessions/" + session.getString("id") + "/stream").json();
      assertEquals("https://www.youtube.com/live/bennghe", stream.getString("streamUrl"));
      assertEquals(List.of(), stream.getJsonArray("embedOrigins").getList(), "the site is the organization's only");
      accessibleInBothLanguages(page, "#home-stream-heading", "The session's livestream");
    }

    try (BrowserContext ward = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
      Page page = ward.newPage();
      page.navigate(allowedOrigin + "/");
      FrameLocator widget = page.frameLocator("iframe");
      assertThat(widget.locator("body")).hasClass(Pattern.compile("\\bis-embed\\b"));
      assertThat(widget.locator("#conn-state")).hasAttribute("data-state", "online");
      widget.locator("#ask-text").fill("Khi nào lát lại vỉa hè đường Đồng Khởi?");
      widget.locator("#ask-submit").click();
      assertThat(widget.locator("#questions")).containsText("Khi nào lát lại vỉa hè đường Đồng Khởi?");

      Page refused = ward.newPage();
      refused.navigate("http://127.0.0.1:" + other.actualPort() + "/");
      refused.waitForLoadState(LoadState.LOAD);
      Frame child = refused.frames().stream().filter(f -> f != refused.mainFrame()).findFirst().orElseThrow();
      // Chromium replaces a frame its ancestors may not hold by an error page: none of the widget runs there
      assertTrue(child.url().startsWith("chrome-error:"), "the widget is not shown on another site: " + child.url());
      assertEquals(0, refused.frameLocator("iframe").locator("#ask-form").count());
    } finally {
      Await.result(allowed.close(), 10);
      Await.result(other.close(), 10);
    }
  }
}

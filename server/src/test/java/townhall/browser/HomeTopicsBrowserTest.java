package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;

/**
 * An organizer keeps the ward's topics and areas on /home (issue 17): the default topics shown one a line, areas
 * added and a topic renamed (its key kept), a bad list refused with the server's reason and nothing changed; the
 * card passes axe-core in Vietnamese and English.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HomeTopicsBrowserTest extends HomeBrowserTestBase {

  @Test
  void anOrganizerEditsTheWardsTopicsAndAreas() {
    api.post("/api/orgs", new JsonObject().put("slug", "ben-nghe").put("name", "Phường Bến Nghé").put("kind", "ward")
        .encode(), TestNodes.ADMIN_TOKEN);
    String link = api.post("/api/orgs/ben-nghe/invitations", new JsonObject().put("email", "topics@example.vn")
        .put("role", "organizer").encode(), TestNodes.ADMIN_TOKEN).json().getString("link");
    SignedInClient organizer = SignedInClient.from(api, node.port(), api.post("/api/invitations/accept",
        new JsonObject().put("token", link.substring(link.indexOf("#invite=") + 8))
            .put("password", "browser password 1").encode(), null));
    try (BrowserContext laptop = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768))) {
      String[] cookie = organizer.cookie().split("=", 2);
      laptop.addCookies(List.of(new Cookie(cookie[0], cookie[1]).setUrl(base())));
      Page page = laptop.newPage();
      page.navigate(base() + "/home");
      assertThat(page.locator("#home-topics")).isVisible();
      assertThat(page.locator("#home-topics-list")).hasValue(java.util.regex.Pattern.compile(
          "^dat-dai \\| Đất đai \\| Land \\| đất, .*"));
      accessibleInBothLanguages(page, "#home-topics-heading", "Topics and areas");

      String topics = page.locator("#home-topics-list").inputValue().replace("| Môi trường |", "| Môi trường, cây xanh |");
      page.fill("#home-topics-list", topics);
      page.fill("#home-areas-list", "Khu phố 1\nkp-2 | Khu phố 2\n");
      page.click("#home-topics-submit");
      assertThat(page.locator("#home-topics-out")).hasText("Đã lưu.");
      assertThat(page.locator("#home-areas-list")).hasValue("khu-pho-1 | Khu phố 1\nkp-2 | Khu phố 2");
      JsonArray areas = api.get("/api/orgs/ben-nghe/areas").json().getJsonArray("areas");
      assertEquals(List.of("khu-pho-1", "kp-2"), areas.stream().map(a -> ((JsonObject) a).getString("key")).toList());
      JsonObject environment = api.get("/api/orgs/ben-nghe/topics").json().getJsonArray("topics").stream()
          .map(t -> (JsonObject) t).filter(t -> "moi-truong".equals(t.getString("key"))).findFirst().orElseThrow();
      assertEquals("Môi trường, cây xanh", environment.getString("name_vi"), "renamed, its key kept");

      page.fill("#home-areas-list", "Khu phố 1\nkhu pho 1");
      page.click("#home-topics-submit");
      assertThat(page.locator("#home-topics-out")).containsText("Chưa lưu");
      assertEquals(areas, api.get("/api/orgs/ben-nghe/areas").json().getJsonArray("areas"), "nothing changed");
      accessible(page);
    }
  }
}

package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.TestNodes;

/**
 * "Forgot your password?" in Chromium, with a real SMTP server (GreenMail): the administrator asks for a link on
 * /login, the email arrives, its link opens the reset form, the new password signs in; both forms pass axe-core in
 * Vietnamese and English.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PasswordResetBrowserTest extends HomeBrowserTestBase {
  private static final String PASSWORD = "browser password 1";
  private static final String NEW_PASSWORD = "browser password 2";
  private static final String EMAIL = "admin@example.vn";
  private GreenMail smtp;
  private TownhallNode mailing;

  @BeforeEach
  void startMailNode() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    // the links in emails start with server.publicUrl: here, the node itself (its port is chosen first)
    int port = freePort();
    mailing = startNode(postgres.freshDatabase(), Map.of("server.port", port,
        "server.publicUrl", "http://127.0.0.1:" + port, "mail.host", "127.0.0.1",
        "mail.port", smtp.getSmtp().getPort(), "mail.from", "Townhall <no-reply@example.vn>", "mail.starttls", false));
  }

  @AfterEach
  void stopMailNode() {
    TestNodes.stop(mailing);
    smtp.stop();
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected String base() {
    return "http://127.0.0.1:" + mailing.port();
  }

  @Test
  void forgottenPasswordByEmailLink() throws Exception {
    Api mailApi = new Api(mailing.port());
    assertEquals(200, mailApi.post("/api/setup", new JsonObject().put("token", mailing.setupToken().orElseThrow())
        .put("email", EMAIL).put("password", PASSWORD).put("name", "Chị Lan").encode(), null).status());
    try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740))) {
      Page page = phone.newPage();
      page.navigate(base() + "/login");
      page.click("#login-forgot");
      assertThat(page.locator("#login-title")).hasText("Quên mật khẩu");
      assertThat(page.locator("#login-password-row")).isHidden();
      page.fill("#login-email", EMAIL);
      page.click("#login-submit");
      assertThat(page.locator("#login-status")).containsText("Nếu có tài khoản với địa chỉ này");
      accessible(page);
      page.click("#lang-switch");
      assertThat(page.locator("#login-title")).hasText("Forgot your password");
      accessible(page);

      Await.until(() -> smtp.getReceivedMessages().length >= 1, 20, "the reset email");
      MimeMessage mail = smtp.getReceivedMessages()[0];
      Matcher link = Pattern.compile(Pattern.quote(base()) + "/login#reset=[A-Za-z0-9_-]+")
          .matcher(((jakarta.mail.Multipart) mail.getContent()).getBodyPart(0).getContent().toString());
      assertTrue(link.find(), "a reset link in the email");

      page.close();
      page = phone.newPage(); // as from the email: a new tab (a hash change alone would not load the page)
      page.navigate(link.group());
      assertThat(page.locator("#login-title")).hasText("Choose a new password");
      assertEquals(base() + "/login", page.url(), "the token leaves the address bar");
      assertThat(page.locator("#login-email-row")).isHidden();
      accessible(page);
      page.click("#lang-switch");
      assertThat(page.locator("#login-title")).hasText("Đặt mật khẩu mới");
      accessible(page);
      page.fill("#login-password", NEW_PASSWORD);
      page.click("#login-submit");
      page.waitForURL(base() + "/home");
    }
    assertEquals(200, mailApi.post("/api/login", new JsonObject().put("email", EMAIL).put("password", NEW_PASSWORD)
        .encode(), null).status());
  }
}

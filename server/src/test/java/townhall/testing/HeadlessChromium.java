package townhall.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium (/usr/bin/chromium) driven by Playwright, kept off the network: Playwright never downloads a
 * browser, and every host name but 127.0.0.1 fails to resolve (Chromium otherwise looks up Google's hosts).
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
      // a browser set to Vietnamese, as in the halls Townhall serves: the resident page follows the browser's
      // language, so a test that wants an English browser says so (Browser.NewContextOptions#setLocale)
      "--accept-lang=vi-VN,vi");

  private final Playwright playwright;
  private final Browser browser;

  private HeadlessChromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /**
   * Launches Chromium; Playwright's auto-waiting assertions wait up to {@code assertionTimeoutMs}. Without Debian's
   * {@code chromium} the calling test is skipped, naming the package ({@link DebianPackages}).
   */
  public static HeadlessChromium launch(double assertionTimeoutMs) {
    DebianPackages.assumeInstalled(CHROMIUM, "chromium", "This browser test");
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(ARGS));
    PlaywrightAssertions.setDefaultAssertionTimeout(assertionTimeoutMs);
    return new HeadlessChromium(playwright, browser);
  }

  public Browser browser() {
    return browser;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}

package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.domain.RateLimit;
import townhall.export.RecordArchiver;
import townhall.export.RecordExports;
import townhall.record.RecordKeys;
import townhall.record.RecordSignatures;
import townhall.service.ReadRecord;
import townhall.service.SweepClosedSessions;
import townhall.store.StoreObserver;
import townhall.store.pg.PgBackend;
import townhall.store.redis.RedisBackend;
import townhall.testing.Await;
import townhall.testing.HomeBrowserTestBase;

/**
 * The organization's home end to end in Chromium, each person in a browser of their own: the first-run setup link
 * makes an administrator, who adds a ward and invites its organizer and a moderator from /home (no email is sent, so
 * the one-time links are shown to the administrator); each accepts in their own browser. The organizer schedules a
 * session with questions open already; a resident asks in advance from the ward's public page ("ask now"); the
 * moderator, signed in on a phone, reaches the session's console from /home (no link handed over) and approves the
 * question; the organizer moves the session's start and end a few seconds ahead, and the session goes live and
 * closes by itself; the organizer publishes the record; the retention sweep takes the session out of Redis, and the
 * public record page is still served, from the archive. Every new view passes axe-core in Vietnamese and English.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WardSessionEndToEndBrowserTest extends HomeBrowserTestBase {
  private static final String PASSWORD = "browser password 1";
  private static final String QUESTION = "Khi nào sửa xong đường Lê Lợi trước chợ?";
  private static final String TITLE = "Đối thoại quý I phường Bến Nghé";
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  @Override
  protected Map<String, ?> nodeSettings() {
    // the schedule's rounds every 200 ms, so a session closes within a moment of its end
    return Map.of("database.scheduleIntervalMs", 200);
  }

  /** Vietnamese as the page opens, then English (waiting for {@code english} in {@code selector}), then back. */
  private static void accessibleInBothLanguagesAndBack(Page page, String selector, String english) {
    accessibleInBothLanguages(page, selector, english);
    assertThat(page.locator("html")).hasAttribute("lang", "vi");
  }

  private static BrowserContext laptop() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768));
    context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
    return context;
  }

  private static BrowserContext phone() {
    return browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setIsMobile(true)
        .setHasTouch(true));
  }

  private static Locator item(Page page, String list, String title) {
    return page.locator("#" + list + " .home-item").filter(new Locator.FilterOptions()
        .setHas(page.locator("h3:text-is('" + title + "')")));
  }

  private static Locator button(Locator within, String text) {
    return within.locator("button", new Locator.LocatorOptions().setHasText(text));
  }

  /** The session's status as the ward's public list shows it: scheduled, open, paused or closed. */
  private String listedStatus(String id) {
    return api.get("/api/orgs/ben-nghe/sessions").json().getJsonArray("sessions").stream()
        .map(JsonObject.class::cast).filter(s -> s.getString("id").equals(id)).findFirst()
        .map(s -> s.getString("status")).orElse("absent");
  }

  @Test
  void aWardRunsAScheduledSessionEndToEndAndItsRecordOutlivesRedis(Vertx vertx, @TempDir Path files) {
    try (BrowserContext adminBrowser = laptop(); BrowserContext organizerBrowser = laptop();
         BrowserContext moderatorBrowser = phone(); BrowserContext residentBrowser = phone()) {
      Page admin = adminBrowser.newPage();
      setUpTheFirstAdministrator(admin);
      addTheWard(admin);
      String organizerLink = invite(admin, "organizer@ben-nghe.vn", "organizer", "ban tổ chức");
      String moderatorLink = invite(admin, "moderator@ben-nghe.vn", "moderator", "điều phối");
      theAdministratorsHomeOnAPhone(adminBrowser);

      Page organizer = organizerBrowser.newPage();
      accept(organizer, organizerLink, "ben-nghe: ban tổ chức");
      Page moderator = moderatorBrowser.newPage();
      accept(moderator, moderatorLink, "ben-nghe: điều phối");

      String id = schedule(organizer);
      askInAdvance(residentBrowser.newPage());
      approveFromTheHome(moderator, id);
      goLiveAndCloseByThemselves(organizer, id);
      assertThat(moderator.locator("#mod-session-status")).hasAttribute("data-status", "closed",
          new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS));
      publish(organizer, id);

      sweepRedis(vertx, files);
      assertEquals(404, api.get("/api/sessions/" + id).status(), "Redis no longer holds the session");
      Page reader = residentBrowser.newPage();
      reader.navigate(base() + "/r/" + id);
      assertThat(reader.locator("#rec-title")).hasText(TITLE);
      assertThat(reader.locator("#rec-body")).containsText(QUESTION);
      accessible(reader);
    }
  }

  private void setUpTheFirstAdministrator(Page page) {
    page.navigate(base() + "/login#setup=" + node.setupToken().orElseThrow());
    assertThat(page.locator("#login-title")).hasText("Tạo tài khoản quản trị đầu tiên");
    page.fill("#login-email", "admin@quan-1.vn");
    page.fill("#login-name", "Chị Lan");
    page.fill("#login-password", PASSWORD);
    page.click("#login-submit");
    page.waitForURL(base() + "/home");
    assertThat(page.locator("#home-who")).hasText("main: quản trị");
    assertThat(page.locator("#home-neworg")).isVisible();
    assertThat(page.locator("#home-invite")).isVisible();
  }

  /** The administrator adds a ward below the root from /home; the slug is suggested from the Vietnamese name. */
  private void addTheWard(Page page) {
    page.selectOption("#home-neworg-kind", "ward");
    page.fill("#home-neworg-name", "Phường Bến Nghé");
    assertThat(page.locator("#home-neworg-slug")).hasValue("phuong-ben-nghe");
    page.fill("#home-neworg-slug", "ben-nghe");
    page.click("#home-neworg-submit");
    assertThat(page.locator("#home-neworg-out")).hasText("Đã thêm Phường Bến Nghé (/o/ben-nghe).");
    assertThat(page.locator("#home-invite-org option[value=ben-nghe]")).hasCount(1);
    JsonObject ward = api.get("/api/orgs/ben-nghe").json();
    assertEquals("ward", ward.getString("kind"));
    assertEquals("main", ward.getString("parent"));
    accessibleInBothLanguagesAndBack(page, "#home-neworg-out", "Added Phường Bến Nghé (/o/ben-nghe).");
  }

  /** The administrator invites a person to the ward; with no email sent, the link is shown once, to copy. */
  private String invite(Page page, String email, String role, String roleName) {
    page.selectOption("#home-invite-org", "ben-nghe");
    page.selectOption("#home-invite-role", role);
    page.fill("#home-invite-email", email);
    page.click("#home-invite-submit");
    Locator link = page.locator("#home-invite-out input[data-link=invite]");
    assertThat(link).hasCount(1);
    assertThat(page.locator("#home-invite-out")).containsText(email + " (" + roleName + ", ben-nghe)");
    String value = link.inputValue();
    assertTrue(value.startsWith(base() + "/login#invite=") && !value.contains("?"), value);
    page.locator("#home-invite-out button").click();
    assertThat(page.locator("#home-invite-out .home-copy-line")).hasText("Đã sao chép.");
    assertEquals(value, page.evaluate("navigator.clipboard.readText()"));
    assertFalse(page.url().contains("invite"), "the link is never in the inviter's address bar");
    accessibleInBothLanguagesAndBack(page, "#home-invite-out",
        "This server sends no email: pass this link to " + email);
    assertEquals(value, link.inputValue(), "the same link, whatever the language");
    return value;
  }

  /** The same home, with its forms to invite and to add organizations, read on a phone (the administrator's cookie). */
  private void theAdministratorsHomeOnAPhone(BrowserContext laptop) {
    try (BrowserContext phone = phone()) {
      phone.addCookies(laptop.cookies());
      Page page = phone.newPage();
      page.navigate(base() + "/home");
      assertThat(page.locator("#home-invite-org option[value=ben-nghe]")).hasCount(1);
      assertThat(page.locator("#home-invite-role option")).hasCount(5);
      assertThat(page.locator("#home-neworg")).isVisible();
      accessibleInBothLanguagesAndBack(page, "#home-invite-heading", "Invite people");
    }
  }

  private void accept(Page page, String link, String roles) {
    page.navigate(link);
    assertThat(page.locator("#login-title")).hasText("Nhận lời mời");
    page.fill("#login-password", PASSWORD);
    page.click("#login-submit");
    page.waitForURL(base() + "/home");
    assertThat(page.locator("#home-who")).hasText(roles);
  }

  /** The organizer schedules the session, its questions open since an hour ago, its start tomorrow. */
  private String schedule(Page page) {
    assertThat(page.locator("#home-invite-role option")).hasCount(2); // an organizer invites moderators and clerks
    assertThat(page.locator("#home-neworg")).isHidden();
    LocalDateTime tomorrow = LocalDateTime.now().plusDays(1).withHour(9).withMinute(0);
    page.fill("#home-title", TITLE);
    page.fill("#home-start", tomorrow.format(MINUTES));
    page.fill("#home-end", tomorrow.plusHours(2).format(MINUTES));
    page.fill("#home-open", LocalDateTime.now().minusHours(1).format(MINUTES));
    page.fill("#home-place", "Hội trường UBND phường");
    page.click("#home-submit");
    assertThat(page.locator("#home-created input[data-link]")).hasCount(4);
    assertThat(item(page, "home-upcoming", TITLE)).hasCount(1);
    String id = api.get("/api/orgs/ben-nghe/sessions").json().getJsonArray("sessions").getJsonObject(0)
        .getString("id");
    assertEquals("scheduled", listedStatus(id));
    return id;
  }

  /** A resident finds the session on the ward's public page and asks before it starts. */
  private void askInAdvance(Page page) {
    page.navigate(base() + "/o/ben-nghe");
    Locator upcoming = item(page, "opage-upcoming", TITLE);
    upcoming.locator("a.button", new Locator.LocatorOptions().setHasText("Đặt câu hỏi ngay")).click();
    page.waitForURL(url -> url.contains("/j/") || url.contains("/s/"));
    page.locator("#ask-text").focus();
    page.locator("#ask-text").fill(QUESTION);
    page.locator("#ask-submit").click();
    assertThat(page.locator("#ask-text")).hasValue("");
    assertThat(page.locator("#questions li.question.is-mine")).containsText(QUESTION);
  }

  /**
   * The moderator, signed in on a phone, finds the session in /home (the ward's sessions, nothing to manage) and
   * opens its console from there: the server mints the token for the account, and the console takes it from the
   * fragment and clears the address bar. It approves the question asked in advance.
   */
  private void approveFromTheHome(Page page, String id) {
    page.reload();
    Locator session = item(page, "home-upcoming", TITLE);
    assertThat(session).hasCount(1);
    assertThat(page.locator("#home-create")).isHidden();
    assertThat(page.locator("#home-invite")).isHidden();
    assertThat(page.locator("#home-audit-card")).isHidden();
    assertThat(button(session, "Sửa")).hasCount(0);
    accessibleInBothLanguagesAndBack(page, "#home-sessions-heading", "Dialogue sessions");
    assertThat(button(session, "Mở bảng điều phối")).isVisible();

    button(session, "Mở bảng điều phối").click();
    page.waitForURL(url -> url.startsWith(base() + "/m/" + id));
    Locator pending = page.locator("#list-pending li.mod-question").filter(new Locator.FilterOptions()
        .setHasText(QUESTION));
    assertThat(pending).hasCount(1);
    assertFalse(page.url().contains("token"), "the token leaves the address bar: " + page.url());
    pending.locator("button.act-approve").click();
    assertThat(page.locator("#list-pending li.mod-question")).hasCount(0);
    assertEquals("live", api.get("/api/sessions/" + id + "/record", townhall.testing.TestNodes.ADMIN_TOKEN).json()
        .getJsonArray("questions").getJsonObject(0).getString("status"));
    assertTrue(api.get("/api/orgs/ben-nghe/audit", townhall.testing.TestNodes.ADMIN_TOKEN).body()
        .contains("session.console"), "the audit log notes who opened the console");
  }

  /**
   * The organizer moves the start and end a few seconds ahead; the session goes live and closes by itself (the
   * schedule), and the organizer's home shows it among the past ones.
   */
  private void goLiveAndCloseByThemselves(Page page, String id) {
    page.reload();
    button(item(page, "home-upcoming", TITLE), "Sửa").click();
    LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    page.fill("#home-start", now.plusSeconds(3).format(SECONDS));
    page.fill("#home-end", now.plusSeconds(12).format(SECONDS));
    page.click("#home-submit");
    assertThat(page.locator("#home-created")).hasText("Đã lưu thay đổi.");
    Await.until(() -> !"scheduled".equals(listedStatus(id)), 30, "the session goes live at its start");
    Await.until(() -> "closed".equals(listedStatus(id)), 30, "the session closes by itself at its end");
    page.reload();
    assertThat(item(page, "home-past", TITLE)).hasCount(1);
  }

  private void publish(Page page, String id) {
    button(item(page, "home-past", TITLE), "Công bố biên bản").click();
    assertThat(item(page, "home-past", TITLE).locator("a[href$='/r/" + id + "']")).hasCount(1);
  }

  /** The retention sweep as a node runs it, two days on: the closed session's Redis keys are deleted. */
  private void sweepRedis(Vertx vertx, Path files) {
    Clock twoDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
    TownhallConfig config = ConfigLoader.load(Map.of(), Map.of("redis.keyPrefix", keyPrefix));
    RedisBackend redisBackend = Await.result(RedisBackend.connect(vertx, redis.url(), config.redis(),
        StoreObserver.NONE));
    PgBackend pg = Await.result(PgBackend.connect(vertx, databaseUrl, config.database()));
    try {
      RecordExports exports = new RecordExports(vertx, new ReadRecord(redisBackend.records()),
          redisBackend.records(), redisBackend.rateLimiter(), RateLimit.unlimited(), config.record(), files,
          twoDaysLater, new RecordSignatures(RecordKeys.generate()), pg.archive());
      SweepClosedSessions sweep = new SweepClosedSessions(redisBackend.sessions(twoDaysLater),
          redisBackend.leases(), Duration.ofDays(1), Duration.ofMinutes(5), "sweeper", twoDaysLater,
          new RecordArchiver(exports, pg.archive()));
      assertEquals(1, Await.result(sweep.sweep()));
      Await.result(exports.close());
    } finally {
      Await.result(pg.close());
      Await.result(redisBackend.close());
    }
  }
}

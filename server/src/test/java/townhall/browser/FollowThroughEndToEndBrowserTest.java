package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import townhall.record.VerifyRecord;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.HomeBrowserTestBase;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;

/**
 * Issue 16's whole flow in Chromium, each person in a browser of their own, with a real SMTP server (GreenMail):
 * a resident on a phone asks in a live session of a ward and leaves an email under their own question; the
 * confirmation mail arrives and its link (token after {@code #}) confirms it; the moderator, in the console on a
 * laptop, refers the question to the ward's agency with a due date (key {@code p}) and the resident's page shows the
 * step live, the resident being told by one mail; the organizer closes the session and publishes its record from
 * /home; the agency's responder (its ward lets responders publish) drafts and publishes the written answer from the
 * inbox reached from /home, and the resident is told once more, with a rating link. The follow-up page shows the
 * referral and the answer with its date; the ward's public tracker shows the agency with one answer on time and
 * nothing open; the resident rates the answer once from the same browser (a second rating, by the mail's link, is
 * refused); the public record carries the step and the rating and verifies with {@code VerifyRecord}; the address is
 * nowhere public. Every view passes axe-core in Vietnamese and English.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FollowThroughEndToEndBrowserTest extends HomeBrowserTestBase {
  private static final String PASSWORD = "follow through pw 1";
  private static final String PUBLIC_URL = "https://townhall.example.vn";
  private static final String EMAIL = "co.lan.hem12@example.vn";
  private static final String QUESTION = "Khi nào nạo vét cống ngập ở hẻm 12 Lê Lợi?";
  private static final String ANSWER = "Phòng TN-MT sẽ nạo vét cống hẻm 12 trong tuần sau.";
  private static final String TITLE = "Đối thoại phường Bến Nghé tháng 12";
  private static final Pattern CONFIRM = Pattern.compile("/f/([A-Z0-9-]+)#confirm=([A-Za-z0-9_-]+)");
  private static final Pattern RATE = Pattern.compile("/f/([A-Z0-9-]+)#rate=([A-Za-z0-9_-]+)");
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
  private static final LocalDate DUE = TODAY.plusDays(7);

  private static GreenMail smtp;
  private final List<String> pageErrors = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @Override
  protected Map<String, ?> nodeSettings() {
    return Map.of("server.publicUrl", PUBLIC_URL, "mail.host", "127.0.0.1", "mail.port", smtp.getSmtp().getPort(),
        "mail.from", "Townhall <no-reply@example.vn>", "mail.starttls", false);
  }

  private BrowserContext context(int width, int height, SignedInClient who) {
    boolean phone = width < 600;
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
        .setIsMobile(phone).setHasTouch(phone));
    context.setDefaultTimeout(WAIT_MS);
    context.onPage(page -> page.onPageError(error -> pageErrors.add(page.url() + ": " + error)));
    if (who != null) {
      String[] cookie = who.cookie().split("=", 2);
      context.addCookies(List.of(new Cookie(cookie[0], cookie[1]).setUrl(base())));
    }
    return context;
  }

  /** The messages the resident's address received, oldest first, once there are at least {@code count}. */
  private static List<MimeMessage> mailsToTheResident(int count) {
    Await.until(() -> mine().size() >= count, 20, count + " message(s) to the resident at the SMTP server");
    return mine();
  }

  private static List<MimeMessage> mine() {
    return to(EMAIL);
  }

  private static List<MimeMessage> to(String address) {
    List<MimeMessage> mine = new ArrayList<>();
    try {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
          mine.add(m);
        }
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return mine;
  }

  private static String text(MimeMessage message) {
    try {
      Object content = message.getContent();
      if (content instanceof String plain) {
        return plain;
      }
      Multipart parts = (Multipart) content;
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return part.getContent().toString();
        }
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("No text/plain part");
  }

  private static String link(Pattern pattern, MimeMessage message, String code) {
    Matcher matcher = pattern.matcher(text(message));
    assertTrue(matcher.find(), "a link in: " + text(message));
    assertEquals(code, matcher.group(1), "the link names the question's code");
    return matcher.group(2);
  }

  /** An account invited as {@code role} of {@code org}: this node sends mail, so the link comes by mail. */
  private SignedInClient invitedByMail(SignedInClient admin, String role, String org) {
    String email = role + "." + org + "@example.vn";
    Api.Reply invited = admin.post("/api/orgs/" + org + "/invitations", new JsonObject().put("email", email)
        .put("role", role).encode());
    assertTrue(invited.status() / 100 == 2, invited.body());
    Pattern invite = Pattern.compile("#invite=([A-Za-z0-9_-]+)");
    Await.until(() -> to(email).stream().anyMatch(m -> invite.matcher(text(m)).find()), 20, "the invitation mail");
    Matcher matcher = invite.matcher(text(to(email).get(0)));
    assertTrue(matcher.find());
    return SignedInClient.from(api, node.port(), api.post("/api/invitations/accept", new JsonObject()
        .put("token", matcher.group(1)).put("password", PASSWORD).encode(), null));
  }

  @Test
  void aResidentsQuestionIsReferredAnsweredAfterTheSessionRatedAndKeptInTheRecord(@TempDir Path dir)
      throws Exception {
    organization("ward-a", "ward", "main");
    Api.Reply agency = api.post("/api/orgs", new JsonObject().put("slug", "tnmt-a").put("name", "Phòng TN-MT")
        .put("kind", "agency").put("parent", "ward-a").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, agency.status(), agency.body());
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@main.vn").put("password", PASSWORD)
        .encode(), null));
    SignedInClient organizer = invitedByMail(admin, "organizer", "ward-a");
    SignedInClient responder = invitedByMail(admin, "responder", "tnmt-a");
    Api.Reply allowed = organizer.send("PUT", "/api/orgs/ward-a/answer-settings",
        new JsonObject().put("respondersPublish", true).encode());
    assertEquals(200, allowed.status(), allowed.body());
    Api.Reply created = api.post("/api/sessions", new JsonObject().put("title", TITLE)
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    JsonObject session = created.json();
    String id = session.getString("id");

    try (BrowserContext residentBrowser = context(360, 740, null);
         BrowserContext moderatorBrowser = context(1366, 768, null);
         BrowserContext organizerBrowser = context(1366, 768, organizer);
         BrowserContext responderBrowser = context(360, 740, responder)) {
      // 2. the resident asks, leaves an email under their own question, and confirms it from the mail
      Page resident = residentBrowser.newPage();
      resident.navigate(base() + "/j/" + session.getString("code"));
      assertThat(resident.locator("#conn-state")).hasAttribute("data-state", "online");
      resident.locator("#ask-text").fill(QUESTION);
      resident.locator("#ask-submit").click();
      Locator mine = resident.locator(".question.is-mine");
      Locator codeShown = mine.locator(".q-follow-code");
      assertThat(codeShown).hasText(Pattern.compile("^[A-HJKMNP-Z2-9]{2}-[A-HJKMNP-Z2-9]{4}$"));
      String code = codeShown.textContent();
      String questionId = mine.getAttribute("data-id");
      Locator mail = mine.locator(".q-follow-mail");
      mail.locator("summary").click();
      mail.locator("input[type=email]").fill(EMAIL);
      mail.locator("button[type=submit]").click();
      assertThat(mail.locator(".follow-mail-status")).hasText(
          "Nếu địa chỉ này nhận được thư, liên kết xác nhận đang được gửi đến. Hãy mở nó để bắt đầu.");
      accessibleInBothLanguages(resident, ".question.is-mine .follow-mail-status", "confirmation");
      String confirmToken = link(CONFIRM, mailsToTheResident(1).get(0), code);

      Page confirmPage = residentBrowser.newPage();
      confirmPage.navigate(base() + "/f/" + code + "#confirm=" + confirmToken);
      assertThat(confirmPage.locator("#follow-link-status"))
          .hasText("Địa chỉ của bạn đã được xác nhận: bạn sẽ được báo mỗi bước xử lý.");
      assertFalse(confirmPage.url().contains(confirmToken), "the token leaves the address bar");
      accessibleInBothLanguages(confirmPage, "#follow-link-status", "confirmed");
      confirmPage.close();

      // 3. the moderator refers it to the agency with a due date, from the console's follow-up form (key p)
      Page console = moderatorBrowser.newPage();
      console.navigate(base() + "/m/" + id + "#token=" + session.getString("moderatorToken"));
      assertThat(console.locator("#mod-conn-state")).hasAttribute("data-state", "online");
      console.keyboard().press("2");
      Locator row = console.locator("#list-live li.mod-question[data-id='" + questionId + "']");
      row.click(new Locator.ClickOptions().setPosition(4, 4));
      // the form in English first (the dialog is modal: the language is switched while it is closed)
      console.click("#lang-switch");
      console.keyboard().press("p");
      assertThat(console.locator("#followup-dialog")).isVisible();
      assertThat(console.locator("#followup-dialog")).containsText("Follow-up step");
      accessible(console);
      console.keyboard().press("Escape");
      assertThat(console.locator("#followup-dialog")).isHidden();
      console.click("#lang-switch");
      assertThat(console.locator("html")).hasAttribute("lang", "vi");
      row.click(new Locator.ClickOptions().setPosition(4, 4));
      console.keyboard().press("p");
      assertThat(console.locator("#followup-dialog")).isVisible();
      console.locator("#followup-step").selectOption("referred");
      console.locator("#followup-agency").selectOption("tnmt-a");
      console.locator("#followup-due").fill(DUE.toString());
      accessible(console);
      console.locator("#followup-confirm").click();
      assertThat(console.locator("#followup-dialog")).isHidden();
      String shown = "Chuyển Phòng TN-MT · hạn " + DUE.format(DateTimeFormatter.ofPattern("dd/MM"));
      assertThat(row.locator(".mq-followup")).hasText(shown);
      assertThat(mine.locator(".q-followup-step")).hasText(shown);
      String notice = text(mailsToTheResident(2).get(1));
      assertTrue(notice.contains("Phòng TN-MT") || notice.contains("tnmt-a"), notice);

      // 4. the organizer closes the session and publishes its record from /home
      Api.Reply closed = organizer.post("/api/sessions/" + id + "/status", "{\"status\":\"closed\"}");
      assertEquals(200, closed.status(), closed.body());
      assertThat(console.locator("#mod-session-status")).hasAttribute("data-status", "closed");
      Page home = organizerBrowser.newPage();
      home.navigate(base() + "/home");
      Locator past = home.locator("#home-past .home-item").filter(new Locator.FilterOptions()
          .setHas(home.locator("h3:text-is('" + TITLE + "')")));
      past.locator("button", new Locator.LocatorOptions().setHasText("Công bố biên bản")).click();
      assertThat(past.locator("a[href$='/r/" + id + "']")).hasCount(1);

      // 5. the responder answers from the agency's inbox, reached from /home
      Page inbox = responderBrowser.newPage();
      inbox.navigate(base() + "/home");
      inbox.locator("#home-inbox a").click();
      inbox.waitForURL("**/inbox/tnmt-a");
      Locator item = inbox.locator("#inbox-items > li");
      assertThat(item).hasCount(1);
      assertThat(item.locator(".follow-text")).hasText(QUESTION);
      item.locator("textarea").fill(ANSWER);
      item.locator("button", new Locator.LocatorOptions().setHasText("Lưu bản nháp")).click();
      assertThat(item.locator("[role=status]")).hasText("Đã lưu bản nháp.");
      accessibleInBothLanguages(inbox, "#inbox-items button.primary", "Publish the answer");
      item.locator("button.primary").click();
      assertThat(inbox.locator("#inbox-items > li")).hasCount(0);
      assertThat(inbox.locator("#inbox-status")).hasText("Đã công bố câu trả lời; câu hỏi rời hộp thư.");
      MimeMessage answered = mailsToTheResident(3).get(2);
      assertTrue(text(answered).contains(ANSWER), text(answered));
      String rateToken = link(RATE, answered, code);

      // 6. the follow-up page and the ward's public tracker
      Page follow = residentBrowser.newPage();
      follow.navigate(base() + "/f/" + code);
      assertThat(follow.locator("#follow-text")).hasText(QUESTION);
      assertThat(follow.locator(".follow-step-what").filter(new Locator.FilterOptions()
          .setHasText("Chuyển cơ quan chuyên môn xử lý"))).hasCount(1);
      // the agency by its name, as the console and the resident page name it (the page showed its slug before)
      assertThat(follow.locator(".follow-step-agency a").first()).hasText("Phòng TN-MT");
      assertThat(follow.locator(".follow-step-agency a").first()).hasAttribute("href", "/o/tnmt-a");
      assertThat(follow.locator("#follow-answer")).hasText(ANSWER);
      assertThat(follow.locator("#follow-answer-at")).containsText(String.valueOf(TODAY.getYear()));
      accessibleInBothLanguages(follow, "#follow-answer-at", "Answered on");

      Page tracker = residentBrowser.newPage();
      tracker.navigate(base() + "/o/ward-a/follow-up");
      assertThat(tracker.locator("#track-open-none")).isVisible();
      assertThat(tracker.locator(".track-item")).hasCount(0);
      assertThat(tracker.locator("#track-chart")).hasAttribute("aria-label",
          Pattern.compile("Phòng TN-MT: 1 đúng hạn, 0 trễ hạn, 0 đang chờ"));
      accessibleInBothLanguages(tracker, "#track-open-heading", "Questions waiting for an answer");
      JsonObject tracked = api.get("/api/orgs/ward-a/follow-up").json();
      JsonObject counts = tracked.getJsonArray("agencies").stream().map(JsonObject.class::cast)
          .filter(a -> "tnmt-a".equals(a.getJsonObject("agency").getString("slug"))).findFirst().orElseThrow();
      assertEquals(1, counts.getInteger("answeredOnTime"), counts.encode());
      assertEquals(0, counts.getInteger("open"), counts.encode());
      assertEquals(0, tracked.getJsonArray("open").size(), tracked.encode());

      // 7. the resident rates the answer once, from the same browser (their participant token)
      follow.locator("#follow-rating-form label", new Page.LocatorOptions()
          .setHasText(Pattern.compile("^\\s*Hài lòng\\s*$"))).click();
      follow.locator("#follow-rating-submit").click();
      assertThat(follow.locator("#follow-rating-status"))
          .hasText("Cảm ơn bạn: đánh giá của bạn đã được ghi vào biên bản công khai.");
      assertThat(follow.locator("#follow-rating-result")).hasText("Người hỏi hài lòng với câu trả lời.");
      assertThat(follow.locator("#follow-rating-form")).isHidden();
      Api.Reply again = api.post("/api/follow/" + code + "/rate", new JsonObject().put("rating", "notSatisfied")
          .put("token", rateToken).encode(), null);
      assertEquals(409, again.status(), "a second rating, by the mail's link: " + again.body());
      follow.reload();
      assertThat(follow.locator("#follow-rating-result")).hasText("Người hỏi hài lòng với câu trả lời.");
      JsonObject followed = api.get("/api/follow/" + code).json();
      assertEquals(1, followed.getJsonObject("satisfaction").getInteger("satisfied"), followed.encode());
      assertEquals(0, followed.getJsonObject("satisfaction").getInteger("notSatisfied"), followed.encode());
      accessibleInBothLanguages(follow, "#follow-rating-result", "satisfied");

      // the public record page shows what became of the question: the steps and the asker's rating
      Page page = follow.context().newPage();
      page.navigate(base() + "/r/" + id);
      Locator afterwards = page.locator(".rec-q-followup");
      assertThat(afterwards).hasCount(1);
      assertThat(afterwards.locator(".rec-followup-step[data-step='referred']")).containsText("Chuyển Phòng TN-MT");
      assertThat(afterwards.locator(".rec-followup-step[data-step='answered']")).hasCount(1);
      assertThat(afterwards.locator(".rec-q-satisfaction"))
          .hasText("Người hỏi đánh giá câu trả lời: 1 hài lòng, 0 không hài lòng");
      accessibleInBothLanguages(page, ".rec-q-satisfaction", "1 satisfied, 0 not satisfied");
    }
    assertEquals(List.of(), List.copyOf(pageErrors), "no script failed on any page");
    assertEquals(3, mine().size(), "one message to confirm, one per step (referred, answered), nothing twice");

    // 8. the public record carries the step and the rating, and verifies
    Api.Reply record = api.get("/api/sessions/" + id + "/record");
    assertEquals(200, record.status(), record.body());
    JsonObject question = record.json().getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> QUESTION.equals(q.getString("text"))).findFirst().orElseThrow();
    JsonArray steps = question.getJsonArray("followUp");
    JsonObject referred = steps.stream().map(JsonObject.class::cast)
        .filter(s -> "referred".equals(s.getString("step"))).findFirst().orElseThrow(() ->
            new AssertionError(steps.encode()));
    assertEquals("tnmt-a", referred.getString("agency"), steps.encode());
    assertEquals(DUE.toString(), referred.getString("due"), steps.encode());
    assertTrue(steps.stream().map(JsonObject.class::cast).anyMatch(s -> "answered".equals(s.getString("step"))),
        steps.encode());
    assertEquals(new JsonObject().put("satisfied", 1).put("notSatisfied", 0), question.getJsonObject("satisfaction"));
    String finalHash = record.json().getJsonObject("chain").getString("finalHash");
    Path file = dir.resolve("record.json");
    Files.writeString(file, record.body(), StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = VerifyRecord.run(new String[] {"--expect", finalHash, "--keys",
        base() + "/.well-known/townhall-record-keys", file.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String said = out.toString(StandardCharsets.UTF_8).strip();
    assertEquals(0, exit, said);
    assertTrue(said.startsWith("VERIFIED") && said.contains(finalHash), said);

    // 9. the address is nowhere public
    for (String path : List.of("/api/sessions/" + id + "/record", "/api/sessions/" + id + "/record?format=csv",
        "/api/follow/" + code(record.json()), "/api/orgs/ward-a/follow-up", "/api/orgs/ward-a/follow-up?format=csv")) {
      Api.Reply reply = api.get(path);
      assertEquals(200, reply.status(), path + ": " + reply.body());
      assertFalse(reply.body().contains(EMAIL) || reply.body().contains("hem12@"), path + " shows the address");
    }
  }

  private static String code(JsonObject record) {
    return record.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> QUESTION.equals(q.getString("text"))).findFirst().orElseThrow().getString("followCode");
  }
}

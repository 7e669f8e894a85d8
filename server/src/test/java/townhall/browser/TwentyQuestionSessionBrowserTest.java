package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.record.VerifyRecord;
import townhall.testing.Api;
import townhall.testing.Axe;
import townhall.testing.BrowserTestBase;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * Issue 13's "Done when", as a newcomer would run it: a twenty-question session created on the organizer page, asked
 * into from phones, moderated in the console, shown on the projector, closed, published, and read by the public.
 * Residents on a 360 × 740 phone see the list on the first screen; the console at 1366 × 768 shows ten rows and
 * more; the projector at 1920 × 1080 shows an end screen after the close. The session holds a spam question with a
 * link left pending, a profanity question rejected as abusive, an off-topic question rejected with a publishable
 * reason and an approved question withheld for personal data. The organizer publishes from the preview; the public
 * record — page, print view, JSON and CSV — holds no spam link, no profanity and no private reason, and the public
 * and the full copies verify with {@code VerifyRecord} (keys and expected hash given) to the same final hash.
 * Positions are measured, not seen on screenshots; Vietnamese and English; axe-core on every new state.
 */
class TwentyQuestionSessionBrowserTest extends BrowserTestBase {
  private static final String SPAM = "Vay tiền nhanh lãi suất 0%, duyệt trong 5 phút tại www.vay-nhanh-24h.example";
  private static final String SPAM_LINK = "vay-nhanh-24h";
  private static final String PROFANITY = "Địt mẹ bọn cán bộ phường, bao giờ mới sửa cái đường này?";
  private static final String PROFANE_WORD = "Địt mẹ";
  private static final String ABUSIVE_REASON = "Lời lẽ xúc phạm, thô tục";
  private static final String OFF_TOPIC = "Giá vàng tuần sau sẽ lên hay xuống?";
  private static final String OFF_TOPIC_REASON = "Câu hỏi không thuộc phạm vi của phường";
  private static final String PERSONAL = "Nhà ông Tâm số 12 Lê Lợi xây sai phép, số điện thoại ông ấy 0903 123 456";
  private static final String PHONE_NUMBER = "0903 123 456";
  private static final String WITHHOLD_REASON = "Có số điện thoại và địa chỉ của người khác";
  private static final String MINE = "Hẻm 42 Nguyễn Trãi ngập mỗi khi mưa, phường có kế hoạch nạo vét cống không?";
  private static final String ANSWER = "Tháng 12 năm nay phường sẽ làm xong.";
  private static final int ORDINARY = 15;
  private static final String[] TOPICS = {"đèn đường", "cống thoát nước", "học phí", "rác thải", "giấy phép xây dựng",
      "chợ tạm", "vỉa hè bị lấn chiếm", "tiếng ồn quán karaoke"};

  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final List<String> findings = new ArrayList<>();

  @AfterEach
  void closeAndReport() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    assertEquals(List.of(), List.copyOf(findings), "serious or critical axe-core violations");
    findings.clear();
    assertEquals(List.of(), List.copyOf(problems), "console errors, page errors or browser dialogs");
    problems.clear();
  }

  private static String ordinary(int n) {
    return "Câu hỏi " + n + ": phường có kế hoạch gì cho " + TOPICS[n % TOPICS.length] + " ở tổ dân phố " + n
        + " trong năm tới, và người dân theo dõi tiến độ ở đâu?";
  }

  private static String say(String lang, String vi, String en) {
    return "en".equals(lang) ? en : vi;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void aTwentyQuestionSessionHoldsEveryScreenAndPublishesARecordWithoutSpamProfanityOrPrivateReasons(String lang,
      @TempDir Path dir) throws IOException {
    // the organizer creates the session on the organizer page (pre-moderation, anonymous, Vietnamese)
    Page organizer = open(lang, "/organize", 1366, 768, null);
    organizer.locator("#admin-token").fill(TestNodes.ADMIN_TOKEN);
    organizer.locator("#create-title").fill("Đối thoại với nhân dân phường Bến Nghé, quý IV " + lang);
    organizer.locator("#create-submit").click();
    assertThat(organizer.locator("#created-moderator-link")).hasAttribute("href", Pattern.compile("#token="));
    String moderatorLink = organizer.locator("#created-moderator-link").getAttribute("href");
    String stageLink = organizer.locator("#created-stage-link").getAttribute("href");
    String code = organizer.locator("#created-code").textContent().trim();
    String id = moderatorLink.replaceAll(".*/m/([^/#]+)#.*", "$1");
    String moderatorToken = moderatorLink.replaceAll(".*#token=", "");

    Page stage = open(lang, stageLink.replace(origin(), ""), 1920, 1080, null);
    assertThat(stage.locator("#conn-state")).hasAttribute("data-state", "online");
    assertThat(stage.locator("#stage-qr")).isVisible();

    try (WsClient mod = Moderation.join(vertx, node.port(), id, moderatorToken);
        WsClient alice = Moderation.join(vertx, node.port(), id, null);
        WsClient bob = Moderation.join(vertx, node.port(), id, null);
        WsClient spammer = Moderation.join(vertx, node.port(), id, null)) {
      mod.next("welcome");
      alice.next("welcome");
      bob.next("welcome");
      spammer.next("welcome");
      // nineteen questions from residents' phones; the twentieth is typed on the phone below
      List<String> ordinary = new ArrayList<>();
      for (int n = 1; n <= ORDINARY; n++) {
        ordinary.add(Moderation.asked(n % 2 == 0 ? alice : bob, ordinary(n)));
      }
      String spam = Moderation.ok(spammer, Moderation.ask(SPAM).put("author", "Đại lý vay 24h"))
          .getString("questionId");
      String profanity = Moderation.asked(spammer, PROFANITY);
      String offTopic = Moderation.asked(alice, OFF_TOPIC);
      String personal = Moderation.asked(bob, PERSONAL);

      // the console at 1366 × 768: ten rows and more at once
      Page console = open(lang, "/m/" + id + "#token=" + moderatorToken, 1366, 768, null);
      assertThat(console.locator("#mod-conn-state")).hasAttribute("data-state", "online");
      assertThat(console.locator("#tab-pending .tab-count")).hasText("19");
      int rows = fullyVisibleRows(console, "#list-pending");
      assertTrue(rows >= 10, "console rows wholly on a 1366 × 768 screen: " + rows);
      check(console, "console, nineteen pending", lang);

      // the profanity rejected as abusive, the off-topic one with a reason the public may read
      ModeratorConsoleBrowserTest.act(console, console.locator("li.mod-question[data-id='" + profanity + "']"),
          "reject");
      console.locator("#reject-dialog input[value='abusive']").check();
      console.locator("#reject-reason-text").fill(ABUSIVE_REASON);
      check(console, "console, rejecting as abusive", lang);
      console.locator("#reject-confirm").click();
      assertThat(console.locator("#tab-rejected .tab-count")).hasText("1");
      ModeratorConsoleBrowserTest.act(console, console.locator("li.mod-question[data-id='" + offTopic + "']"),
          "reject");
      console.locator("#reject-dialog input[value='off_topic']").check();
      console.locator("#reject-reason-text").fill(OFF_TOPIC_REASON);
      console.locator("#reject-confirm").click();
      assertThat(console.locator("#tab-rejected .tab-count")).hasText("2");

      // the ordinary ones and the personal one approved (the spam is left pending: nobody gets to it)
      for (String q : ordinary) {
        Moderation.ok(mod, Moderation.approve(q));
      }
      Moderation.ok(mod, Moderation.approve(personal));
      assertThat(console.locator("#tab-pending .tab-count")).hasText("1");
      console.locator("#tab-live").click();
      ModeratorConsoleBrowserTest.act(console, console.locator("li.mod-question[data-id='" + personal + "']"),
          "withhold");
      console.locator("#withhold-reason").fill(WITHHOLD_REASON);
      check(console, "console, withholding", lang);
      console.locator("#withhold-confirm").click();
      assertThat(console.locator("li.mod-question[data-id='" + personal + "'] .mq-withheld")).isVisible();
      assertTrue(fullyVisibleRows(console, "#list-live") >= 10, "ten live rows at once");
      check(console, "console, sixteen live", lang);

      // a resident's phone: the list on the first screen; the twentieth question sent, received, awaiting review
      Page phone = phone(lang, "/j/" + code);
      assertThat(phone.locator("#conn-state")).hasAttribute("data-state", "online");
      assertThat(phone.locator("#questions > li").first()).isVisible();
      assertThat(phone.locator("#ask-form")).hasClass(Pattern.compile("is-collapsed"));
      // with questions of everyday length (about 130 characters, five lines on a phone): the first whole on the
      // first screen and the next one starting on it, so the list fills the screen below the one-line form
      assertTrue(questionsOnScreen(phone) >= 1, "a whole question on the first screen of a 360 × 740 phone");
      assertTrue(questionsStartingOnScreen(phone) >= 2, "the list fills the rest of the first screen");
      assertFalse(phone.content().contains(SPAM_LINK), "a pending question is not shown to residents");
      assertFalse(phone.content().contains(PROFANE_WORD), "a rejected question is not shown to residents");
      check(phone, "phone, first screen", lang);
      phone.locator("#ask-text").fill(MINE);
      phone.locator("#ask-submit").click();
      Locator mine = phone.locator("#questions li.question.is-mine");
      assertThat(mine.locator(".q-received")).isVisible();
      assertThat(console.locator("#tab-pending .tab-count")).hasText("2");
      check(phone, "phone, question received", lang);

      // on stage, answered in writing; then answered aloud
      Moderation.ok(mod, Moderation.highlight(ordinary.get(0)));
      Moderation.ok(mod, Moderation.answer(ordinary.get(0), ANSWER));
      assertThat(stage.locator("#stage-question")).hasAttribute("data-id", ordinary.get(0));
      assertThat(stage.locator("#stage-question .q-answer")).hasText(ANSWER);
      check(stage, "projector, a question answered on stage", lang);
      Moderation.ok(mod, Moderation.unhighlight(ordinary.get(0)));
      Moderation.ok(mod, Moderation.answer(ordinary.get(1), null));
      Moderation.ok(mod, Moderation.answer(ordinary.get(2), null));

      // the close, from the console
      console.locator("#session-close").click();
      console.locator("#close-confirm").click();
      assertThat(stage.locator("#stage-closed")).isVisible();
      assertThat(stage.locator("#stage-question")).isHidden();
      assertThat(stage.locator("#stage-qr")).isHidden();
      // shown to the public: the fifteen ordinary questions and the withheld one; three of them answered
      assertThat(stage.locator("#stage-closed-questions")).hasText(String.valueOf(ORDINARY + 1));
      assertThat(stage.locator("#stage-closed-answered")).hasText("3");
      assertThat(stage.locator("#stage-closed-record")).hasText("127.0.0.1:" + node.port() + "/r/" + id);
      assertOnScreen(stage, "#stage-closed-heading, #stage-closed-questions, #stage-closed-answered, "
          + "#stage-closed-record");
      check(stage, "projector, end screen", lang);

      assertThat(phone.locator("#session-notice")).hasAttribute("data-status", "closed");
      assertThat(phone.locator("#ask-form")).isHidden();
      assertThat(mine.locator(".q-not-reviewed")).isVisible();
      assertThat(phone.locator("#record-pending")).isVisible();
      check(phone, "phone, session closed", lang);

      // the organizer previews exactly what will be public, and publishes
      Page preview = organizer.waitForPopup(() -> organizer.locator("#org-record-preview").click());
      // (the preview page first asks for the public record, which answers 401 until it is published)
      preview.onConsoleMessage(message -> {
        if ("error".equals(message.type()) && !message.text().contains("status of 401")) {
          problems.add("preview console error: " + message.text());
        }
      });
      preview.onPageError(error -> problems.add("preview page error: " + error));
      assertThat(preview.locator("#rec-preview")).isVisible();
      assertThat(preview.locator("#rec-list li.rec-q")).hasCount(20);
      assertThat(preview.locator("[data-count=withheld-abusive] dd")).hasText("1");
      assertThat(preview.locator("[data-count=withheld-personal_data] dd")).hasText("1");
      assertNoSecrets(preview.content(), "the preview");
      check(preview, "preview before publishing", lang);
      preview.locator("#rec-publish").click();
      assertThat(preview.locator("#rec-withdraw")).isVisible();
      check(preview, "preview, published", lang);

      phone.reload();
      assertThat(phone.locator("#record-link")).isVisible();
      assertThat(phone.locator("#record-link")).hasAttribute("href", "/r/" + id);
      check(phone, "phone, record published", lang);

      // the public record: page and print view
      Page record = open(lang, "/r/" + id, 360, 740, null);
      assertThat(record.locator("#rec-list li.rec-q")).hasCount(20);
      assertThat(record.locator("[data-total=questions] dd")).hasText("20");
      assertThat(record.locator("#q-" + spam)).hasAttribute("data-fate", "not_reviewed");
      assertThat(record.locator("#q-" + profanity)).hasAttribute("data-fate", "rejected");
      assertThat(record.locator("#q-" + offTopic + " .rec-q-text")).hasText(OFF_TOPIC);
      assertTrue(record.locator("#q-" + offTopic).innerText().contains(OFF_TOPIC_REASON),
          "an off-topic rejection's reason is public");
      assertThat(record.locator("#q-" + ordinary.get(0) + " .rec-q-answer-text")).hasText(ANSWER);
      assertNoSecrets(record.content(), "the record page");
      check(record, "public record", lang);
      record.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
      assertThat(record.locator("#rec-controls")).isHidden();
      assertThat(record.locator("#q-" + spam)).isVisible();
      String printed = record.locator("body").innerText();
      assertTrue(printed.contains(OFF_TOPIC) && printed.contains(ordinary(1)), "the minutes hold the public texts");
      assertNoSecrets(printed, "the printed minutes");
      String finalHashShown = record.locator("#rec-hash").textContent().trim();

      // JSON and CSV as anyone downloads them
      Api.Reply publicJson = api.get("/api/sessions/" + id + "/record");
      assertEquals(200, publicJson.status(), publicJson.body());
      assertNoSecrets(publicJson.body(), "the public JSON");
      Api.Reply csv = api.get("/api/sessions/" + id + "/record?format=csv");
      assertEquals(200, csv.status(), csv.body());
      assertNoSecrets(csv.body(), "the public CSV");
      assertTrue(csv.body().contains(OFF_TOPIC_REASON) && csv.body().contains(OFF_TOPIC), "the CSV's public texts");
      JsonObject pub = publicJson.json();
      assertEquals("public", pub.getString("view"));
      Map<String, JsonObject> byId = questions(pub);
      assertEquals(20, byId.size(), "every question received is in the record");
      assertEquals("not_reviewed", byId.get(spam).getString("fate"));
      assertNull(byId.get(spam).getValue("text"));
      assertNull(byId.get(profanity).getValue("text"));
      assertEquals(new JsonObject().put("category", "abusive"), byId.get(profanity).getJsonObject("withheld"));
      assertNull(byId.get(profanity).getValue("rejectionReason"));
      assertEquals(OFF_TOPIC_REASON, byId.get(offTopic).getString("rejectionReason"));
      assertNull(byId.get(personal).getValue("text"));
      assertEquals(new JsonObject().put("category", "personal_data"), byId.get(personal).getJsonObject("withheld"));

      // the organizer's and a moderator's full copies hold every text
      Api.Reply fullJson = api.get("/api/sessions/" + id + "/record", TestNodes.ADMIN_TOKEN);
      Map<String, JsonObject> full = questions(fullJson.json());
      assertEquals("full", fullJson.json().getString("view"));
      assertEquals(SPAM, full.get(spam).getString("text"));
      assertEquals(PROFANITY, full.get(profanity).getString("text"));
      assertEquals(ABUSIVE_REASON, full.get(profanity).getString("rejectionReason"));
      assertEquals(PERSONAL, full.get(personal).getString("text"));
      Api.Reply moderatorJson = api.get("/api/sessions/" + id + "/record", moderatorToken);
      assertEquals(PERSONAL, questions(moderatorJson.json()).get(personal).getString("text"));

      // both verify with VerifyRecord, against the deployment's keys and the hash the page shows, to one hash
      String keys = origin() + "/.well-known/townhall-record-keys";
      String publicOut = verify(dir.resolve("public.json"), publicJson.body(), finalHashShown, keys);
      String fullOut = verify(dir.resolve("full.json"), fullJson.body(), finalHashShown, keys);
      String moderatorOut = verify(dir.resolve("moderator.json"), moderatorJson.body(), finalHashShown, keys);
      assertTrue(publicOut.startsWith("VERIFIED") && publicOut.contains(finalHashShown), publicOut);
      assertEquals(firstLine(publicOut), firstLine(fullOut), "the full copy verifies to the same final hash");
      assertEquals(firstLine(publicOut), firstLine(moderatorOut), "a moderator's full copy too");
      assertEquals(pub.getJsonObject("chain").getString("finalHash"),
          fullJson.json().getJsonObject("chain").getString("finalHash"));
    }
  }

  /** No spam link, no profanity, no private reason, no withheld text, no never-shown text. */
  private static void assertNoSecrets(String text, String where) {
    for (String secret : List.of(SPAM_LINK, "Vay tiền nhanh", PROFANE_WORD, PROFANITY, ABUSIVE_REASON, PERSONAL,
        PHONE_NUMBER, WITHHOLD_REASON, MINE)) {
      assertFalse(text.contains(secret), where + " shows '" + secret + "'");
    }
  }

  /** Runs VerifyRecord on the text saved as a file; answers what it printed, after checking it exited with 0. */
  private static String verify(Path file, String json, String expect, String keys) throws IOException {
    Files.writeString(file, json, StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = VerifyRecord.run(new String[] {"--expect", expect, "--keys", keys, file.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String said = out.toString(StandardCharsets.UTF_8).strip();
    assertEquals(0, exit, () -> file.getFileName() + ": " + said);
    return said;
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  private static Map<String, JsonObject> questions(JsonObject record) {
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    JsonArray questions = record.getJsonArray("questions");
    for (int i = 0; i < questions.size(); i++) {
      byId.put(questions.getJsonObject(i).getString("id"), questions.getJsonObject(i));
    }
    return byId;
  }

  /** The console's rows wholly on screen: inside the window and inside the list's scrolling box. */
  private static int fullyVisibleRows(Page page, String list) {
    return ((Number) page.evaluate("sel => {"
        + "  const box = document.querySelector(sel).closest('.mod-scroll').getBoundingClientRect();"
        + "  const top = Math.max(0, box.top) - 0.5;"
        + "  const bottom = Math.min(window.innerHeight, box.bottom) + 0.5;"
        + "  return [...document.querySelectorAll(sel + ' li.mod-question')].filter((li) => {"
        + "    const r = li.getBoundingClientRect();"
        + "    return r.height > 0 && r.top >= top && r.bottom <= bottom;"
        + "  }).length;"
        + "}", list)).intValue();
  }

  /** The resident page's questions wholly on the screen as it is scrolled now. */
  private static int questionsOnScreen(Page page) {
    return ((Number) page.evaluate("() => [...document.querySelectorAll('#questions > li')].filter(li => {"
        + " const r = li.getBoundingClientRect(); return r.height > 0 && r.top >= 0"
        + " && r.bottom <= window.innerHeight; }).length")).intValue();
  }

  /** The resident page's questions whose top is on the screen as it is scrolled now. */
  private static int questionsStartingOnScreen(Page page) {
    return ((Number) page.evaluate("() => [...document.querySelectorAll('#questions > li')].filter(li => {"
        + " const r = li.getBoundingClientRect(); return r.height > 0 && r.top >= 0"
        + " && r.top < window.innerHeight; }).length")).intValue();
  }

  /** Every element the selector finds lies inside the window. */
  private static void assertOnScreen(Page page, String selector) {
    Object outside = page.evaluate("s => [...document.querySelectorAll(s)].filter(e => {"
        + "  const r = e.getBoundingClientRect();"
        + "  return r.top < 0 || r.left < 0 || r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5;"
        + "}).map(e => e.id)", selector);
    assertEquals(List.of(), outside, "off the screen");
  }

  private void check(Page page, String state, String lang) {
    awaitLanguage(page, lang);
    for (Axe.Violation violation : Axe.check(page)) {
      if (violation.blocking()) {
        findings.add(state + " · " + lang + ": " + violation);
      }
    }
  }

  /** A phone whose browser is set to {@code lang}: the resident page and the record follow it. */
  private Page phone(String lang, String path) {
    return open(lang, path, 360, 740, "en".equals(lang) ? "en-US" : "vi-VN");
  }

  /** A page in its own browser; with no locale, the language is chosen as a returning reader would have. */
  private Page open(String lang, String path, int width, int height, String locale) {
    Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(width, height);
    if (locale != null) {
      options.setLocale(locale).setIsMobile(true).setHasTouch(true);
    }
    BrowserContext context = browser.newContext(options);
    context.setDefaultTimeout(WAIT_MS);
    if (locale == null) {
      // (a popup starts as about:blank, whose storage is out of reach)
      context.addInitScript("try { window.localStorage.setItem('townhall.lang', '" + lang + "'); } catch (e) { }");
    }
    contexts.add(context);
    Page page = context.newPage();
    watch(page, path);
    page.navigate(origin() + path);
    return page;
  }

  private void watch(Page page, String path) {
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        problems.add(path + " console error: " + message.text());
      }
    });
    page.onPageError(error -> problems.add(path + " page error: " + error));
    page.onDialog(dialog -> {
      problems.add(path + " a browser dialog: " + dialog.message());
      dialog.dismiss();
    });
  }
}

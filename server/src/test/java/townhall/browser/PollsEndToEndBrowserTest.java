package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import townhall.testing.BrowserTestBase;
import townhall.testing.TestNodes;
import townhall.testing.WatchedPages;

/**
 * Issue 18's "Done when", in browsers: the organizer creates a session on the organizer page; the moderator prepares a
 * single-choice poll, a rating and a text poll in the console and runs them one after the other; three residents
 * answer on phones (one changes their text answer); the stage shows the bars, the mean rating and the word cloud (a
 * resident's phone and the speaker view show the cloud too); the overlay (/overlay/{id}#token=, 1920×1080, transparent) shows each open
 * poll as a lower third with its results in a line. The moderator closes the session, the organizer publishes it,
 * and the record's JSON holds the three polls with their final counts (and the text poll's answers and words) and
 * verifies with {@code VerifyRecord}. axe-core on each new state, in Vietnamese and in English.
 */
class PollsEndToEndBrowserTest extends BrowserTestBase {
  private static final String CHOICE = "Phường nên làm dự án nào trước?";
  private static final String RATING = "Bạn chấm buổi đối thoại hôm nay mấy điểm?";
  private static final String TEXT = "Một điều khu phố cần nhất?";

  private final WatchedPages pages = new WatchedPages();

  @AfterEach
  void closePages() {
    pages.closeAndAssertNoErrors();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"vi", "en"})
  void aSessionWithAPollARatingAndAWordCloudRunsEndToEndShowsOnTheOverlayAndIsInTheVerifiedRecord(String lang,
      @TempDir Path dir) throws IOException {
    Page organizer = open(lang, "/organize", 1366, 768);
    organizer.locator("#admin-token").fill(TestNodes.ADMIN_TOKEN);
    organizer.locator("#create-title").fill("Đối thoại phường Bến Nghé có thăm dò " + lang);
    organizer.locator("#create-submit").click();
    assertThat(organizer.locator("#created-moderator-link")).hasAttribute("href", Pattern.compile("#token="));
    String moderatorLink = organizer.locator("#created-moderator-link").getAttribute("href");
    String stageLink = organizer.locator("#created-stage-link").getAttribute("href");
    String code = organizer.locator("#created-code").textContent().trim();
    String id = moderatorLink.replaceAll(".*/m/([^/#]+)#.*", "$1");
    String stageToken = stageLink.replaceAll(".*#token=", "");

    // the moderator prepares the three polls in the console
    Page console = open(lang, moderatorLink.replace(origin(), ""), 1280, 900);
    assertThat(console.locator("#mod-console")).isVisible();
    console.locator(".mod-poll-new summary").click();
    prepare(console, "single", CHOICE, "Công viên\nĐường Lê Lợi\nChợ", 1);
    prepare(console, "rating", RATING, null, 2);
    prepare(console, "text", TEXT, null, 3);

    Page stage = open(lang, stageLink.replace(origin(), ""), 1920, 1080);
    Page overlay = open(lang, "/overlay/" + id + "#token=" + stageToken, 1920, 1080);
    Page speaker = open(lang, "/speaker/" + id + "#token=" + stageToken, 1024, 768);
    List<Page> phones = List.of(open(lang, "/j/" + code, 390, 844), open(lang, "/j/" + code, 360, 740),
        open(lang, "/j/" + code, 412, 915));
    for (Page page : List.of(stage, overlay, speaker, phones.get(0), phones.get(1), phones.get(2))) {
      assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");
    }
    assertEquals(List.of("rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)"), overlay.evaluate(
        "() => [getComputedStyle(document.documentElement).backgroundColor,"
        + " getComputedStyle(document.body).backgroundColor]"), "the overlay is transparent");
    assertEquals(List.of(1920, 1080), overlay.evaluate("() => { const r = document.getElementById('overlay')"
        + ".getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; }"));

    // 1. single choice: two residents pick the same project, one another
    run(console, "1", "open");
    choose(phones.get(0), 2);
    choose(phones.get(1), 1);
    choose(phones.get(2), 1);
    Pattern twoOfThree = Pattern.compile("^2 \\(67%\\)$");
    assertThat(stage.locator("#stage-poll-question")).hasText(CHOICE);
    assertThat(stage.locator("#stage-poll-results .poll-bar").nth(1).locator(".poll-bar-value")).hasText(twoOfThree);
    assertThat(overlay.locator("#overlay-poll .lower-third-text")).hasText(CHOICE);
    assertThat(overlay.locator("#overlay-poll .overlay-poll-results")).hasText("Đường Lê Lợi: 2 · Chợ: 1");
    assertAccessible(overlay, "overlay with a poll's results", lang);
    run(console, "1", "close");
    assertThat(overlay.locator("#overlay-poll")).isHidden();

    // 2. a rating from 1 to 5
    run(console, "2", "open");
    rate(phones.get(0), 5);
    rate(phones.get(1), 4);
    rate(phones.get(2), 3);
    assertThat(stage.locator("#stage-poll-question")).hasText(RATING);
    assertThat(stage.locator("#stage-poll-results .poll-mean")).containsText("4.0/5");
    assertThat(overlay.locator("#overlay-poll .overlay-poll-results")).containsText("4.0/5");
    run(console, "2", "close");

    // 3. a short text: the word cloud on the stage, on a phone, and its top words on the overlay
    run(console, "3", "open");
    write(phones.get(0), "Cây xanh và giao thông");
    write(phones.get(1), "giao thong");
    write(phones.get(2), "cây xanh");
    write(phones.get(2), "Ngập nước"); // changed: its earlier words leave the cloud
    assertThat(stage.locator("#stage-poll-question")).hasText(TEXT);
    Locator stageWords = stage.locator("#stage-poll-results .poll-cloud-words li");
    assertThat(stageWords).hasCount(3);
    assertThat(stageWords.first().locator(".cloud-word")).hasText("giao thông");
    assertThat(stageWords.first().locator(".cloud-count")).hasText("vi".equals(lang) ? "2 người" : "2 people");
    assertDrawn(stage, "#stage-poll-results .poll-cloud-canvas");
    Locator phoneWords = phones.get(1).locator(".poll-card.poll-open .poll-cloud-words li");
    assertThat(phoneWords).hasCount(3);
    assertThat(phoneWords.first().locator(".cloud-word")).hasText("giao thông");
    assertDrawn(phones.get(1), ".poll-card.poll-open .poll-cloud-canvas");
    Locator speakerWords = speaker.locator("#speaker-poll-results .poll-cloud-words li");
    assertThat(speakerWords).hasCount(3);
    assertThat(speakerWords.first().locator(".cloud-word")).hasText("giao thông");
    assertDrawn(speaker, "#speaker-poll-results .poll-cloud-canvas");
    assertThat(overlay.locator("#overlay-poll .overlay-poll-results")).hasText("giao thông · cây xanh · ngập nước");
    assertAccessible(stage, "stage with a word cloud", lang);
    assertAccessible(phones.get(1), "resident page with a word cloud", lang);
    assertAccessible(overlay, "overlay with a text poll's words", lang);
    assertAccessible(speaker, "speaker view with a word cloud", lang);
    run(console, "3", "close");
    assertThat(stage.locator("#stage-poll")).hasAttribute("data-status", "closed");
    assertThat(stageWords).hasCount(3);

    // the session closed in the console, published by the organizer from the preview
    console.locator("#session-close").click();
    console.locator("#close-confirm").click();
    assertThat(stage.locator("#stage-closed")).isVisible();
    assertThat(stage.locator("#stage-poll")).isHidden(); // the end screen takes the stage
    organizer.bringToFront();
    Page preview = organizer.waitForPopup(() -> organizer.locator("#org-record-preview").click());
    // (the preview first asks for the public record, which answers 401 until it is published)
    pages.watch(preview, "preview", "status of 401");
    assertThat(preview.locator("#rec-preview")).isVisible();
    preview.locator("#rec-publish").click();
    assertThat(preview.locator("#rec-withdraw")).isVisible();
    Page record = open(lang, "/r/" + id, 390, 844);
    assertThat(record.locator(".rec-poll-question")).hasCount(3);
    assertThat(record.locator(".rec-poll-words li")).hasCount(3);
    assertThat(record.locator(".rec-poll-words li").first()).containsText("giao thông");
    assertAccessible(record, "record page with three polls and a text poll's words", lang);
    String finalHashShown = record.locator("#rec-hash").textContent().trim();

    // the record's JSON: the three polls with their final counts, and it verifies
    Api.Reply json = api.get("/api/sessions/" + id + "/record");
    assertEquals(200, json.status(), json.body());
    Map<String, JsonObject> polls = new LinkedHashMap<>();
    JsonArray array = json.json().getJsonArray("polls");
    for (int i = 0; i < array.size(); i++) {
      polls.put(array.getJsonObject(i).getString("question"), array.getJsonObject(i));
    }
    assertEquals(List.of(CHOICE, RATING, TEXT), List.copyOf(polls.keySet()));
    assertEquals(List.of(0, 2, 1), polls.get(CHOICE).getJsonArray("counts").getList());
    assertEquals(List.of(0, 0, 1, 1, 1), polls.get(RATING).getJsonArray("counts").getList());
    JsonObject text = polls.get(TEXT);
    assertEquals(3, text.getInteger("answers"));
    assertEquals(List.of("Cây xanh và giao thông", "giao thong", "Ngập nước"),
        text.getJsonArray("texts").stream().map(t -> ((JsonObject) t).getString("text")).toList());
    assertEquals(new JsonArray().add(new JsonObject().put("word", "giao thông").put("count", 2))
        .add(new JsonObject().put("word", "cây xanh").put("count", 1))
        .add(new JsonObject().put("word", "ngập nước").put("count", 1)), text.getJsonArray("words"));
    for (JsonObject poll : polls.values()) {
      assertTrue(poll.getLong("closedAt") >= poll.getLong("openedAt"), poll::encode);
    }
    String said = verify(dir.resolve("record.json"), json.body(), finalHashShown,
        origin() + "/.well-known/townhall-record-keys");
    assertTrue(said.startsWith("VERIFIED") && said.contains(finalHashShown), said);
  }

  /** Prepares a poll in the console's form; it is the console's {@code count}th. */
  private static void prepare(Page console, String kind, String question, String options, int count) {
    console.locator("#poll-kind").selectOption(kind);
    console.locator("#poll-question").fill(question);
    if (options != null) {
      console.locator("#poll-options").fill(options);
    }
    console.locator("#poll-create").click();
    assertThat(console.locator(".mod-poll")).hasCount(count);
    assertThat(console.locator("#poll-question")).hasValue("");
  }

  /** Opens or closes a poll from the console. */
  private static void run(Page console, String pollId, String action) {
    console.locator("[data-poll-key='" + pollId + ":" + action + "']").click();
    assertThat(console.locator("[data-poll-key='" + pollId + ":" + action + "']")).hasCount(0);
  }

  private static void choose(Page phone, int option) {
    Locator card = phone.locator(".poll-card.poll-open");
    card.locator(".poll-choice input").nth(option).check();
    submitted(card);
  }

  private static void rate(Page phone, int rating) {
    Locator card = phone.locator(".poll-card.poll-open");
    card.locator(".poll-choice input").nth(rating - 1).check();
    submitted(card);
  }

  private static void write(Page phone, String text) {
    Locator card = phone.locator(".poll-card.poll-open");
    card.locator(".poll-text-input").fill(text);
    submitted(card); // (a changed answer's acknowledgement shows in the results the screens wait for)
  }

  /** Sends the card's answer and waits for its acknowledgement (the card then says it was answered). */
  private static void submitted(Locator card) {
    card.locator(".poll-submit").click();
    assertThat(card.locator(".poll-answered")).not().isEmpty();
  }

  /** The canvas has pixels drawn (by wordcloud2.js). */
  private static void assertDrawn(Page page, String canvas) {
    page.waitForFunction("sel => { const c = document.querySelector(sel); if (!c || c.hidden) return false;"
        + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + " for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; }", canvas);
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

  private Page open(String lang, String path, int width, int height) {
    return pages.open(browser, origin(), lang, path, width, height, WAIT_MS);
  }
}

package townhall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 3: the words for votes are the same everywhere — "ủng hộ" in Vietnamese, "upvote" in English — on
 * every page and in every string a resident, a moderator or the record shows, so no page calls them "bình chọn",
 * "lượt thích" or "likes". Read from the web client's resources as the node serves them.
 */
class WordsForVotesTest {
  private static final String WEB = "townhall-web/";
  private static final List<String> PAGES = List.of("audience.html", "moderator.html", "stage.html", "speaker.html",
      "record.html", "organize.html", "index.html", "home.html", "org.html", "follow.html", "verify.html",
      "login.html");
  private static final List<String> OTHER_VIETNAMESE = List.of("bình chọn", "lượt thích", "phiếu bầu", "lượt bầu");
  private static final List<String> OTHER_ENGLISH = List.of("likes", " like this", "vote for");

  private static String resource(String path) {
    try (InputStream in = WordsForVotesTest.class.getClassLoader().getResourceAsStream(WEB + path)) {
      assertNotNull(in, () -> "no " + path + " in the web client");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyVietnameseStringAndPageSaysUngHoForVotes() {
    String strings = resource("assets/app/strings/vi.js");
    assertTrue(strings.contains("'q.votes.label': 'lượt ủng hộ'"), "the vote count's label");
    List<String> found = new ArrayList<>();
    for (String file : concat("assets/app/strings/vi.js", PAGES)) {
      String text = resource(file).toLowerCase(Locale.ROOT);
      OTHER_VIETNAMESE.stream().filter(text::contains).forEach(word -> found.add(file + ": " + word));
    }
    assertEquals(List.of(), found, "another word for votes than 'ủng hộ'");
  }

  @Test
  void everyEnglishStringSaysUpvoteForVotes() {
    String strings = resource("assets/app/strings/en.js");
    assertTrue(strings.contains("'q.votes.label': 'upvotes'"), "the vote count's label");
    String lower = strings.toLowerCase(Locale.ROOT);
    List<String> found = OTHER_ENGLISH.stream().filter(lower::contains).toList();
    assertEquals(List.of(), found, "another word for votes than 'upvote' in en.js");
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }
}

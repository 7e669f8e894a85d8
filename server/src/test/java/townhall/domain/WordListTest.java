package townhall.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The word-list file format: sections, comments, the "!" and "*" marks, and the errors that stop a start. */
class WordListTest {

  @Test
  void entriesTakeTheFlagOfTheirSectionAndTheirMarks() {
    List<WordList.Entry> entries = WordList.parse("vi.txt", """
        \uFEFF# a comment line
        địt mẹ   # a comment after an entry

        !cặc
        [spam]
        nhà cái
        casino*
        [profanity]
        đm
        """);

    assertEquals(List.of(
        new WordList.Entry("địt mẹ", ContentFlag.PROFANITY, false, false, "vi.txt:2"),
        new WordList.Entry("cặc", ContentFlag.PROFANITY, true, false, "vi.txt:4"),
        new WordList.Entry("nhà cái", ContentFlag.SPAM, false, false, "vi.txt:6"),
        new WordList.Entry("casino", ContentFlag.SPAM, false, true, "vi.txt:7"),
        new WordList.Entry("đm", ContentFlag.PROFANITY, false, false, "vi.txt:9")), entries);
  }

  @Test
  void emptyListHasNoEntries() {
    assertEquals(List.of(), WordList.parse("empty.txt", "# nothing yet\n\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[swearing]", "fu*ck", "*", "!", "fuck *", "đm!", "# ok\n...", "ab cd ef gh ij kl mn op qr"})
  void unreadableEntryIsRefusedNamingFileAndLine(String line) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WordList.parse("en.txt", "fine\n" + line));
    assertTrue(e.getMessage().startsWith("en.txt:"), e.getMessage());
  }
}

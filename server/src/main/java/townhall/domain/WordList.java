package townhall.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a word list: one entry per line, {@code #} starts a comment, blank lines are ignored.
 *
 * <pre>
 * [profanity]        entries below flag "profanity" (the default until a section says otherwise)
 * [spam]             entries below flag "spam"
 * địt mẹ             one or more words, matched as whole words in this order; written with its diacritics, it
 *                    also matches text typed without them ("dit me"), but not other diacritics ("dít mè")
 * !cặc               "!": only as written with all its diacritics (its unaccented form "cac" is an everyday word)
 * fuck*              "*" at the end: the last word may go on (fucking, fucker)
 * </pre>
 */
public final class WordList {
  private static final int MAX_WORDS = 8;

  private WordList() {
  }

  /**
   * One entry.
   *
   * @param exact  matches only text that carries exactly the entry's diacritics
   * @param prefix the last word also matches longer words that begin with it
   * @param source where the entry was read, for messages ({@code vi.txt:12})
   */
  public record Entry(String text, ContentFlag flag, boolean exact, boolean prefix, String source) {
  }

  /**
   * The entries of one list.
   *
   * @param name    the list's name in messages (its file name)
   * @param content the whole file
   * @throws IllegalArgumentException naming the line of an entry that cannot be read
   */
  public static List<Entry> parse(String name, String content) {
    List<Entry> entries = new ArrayList<>();
    ContentFlag flag = ContentFlag.PROFANITY;
    String[] lines = content.split("\r\n|\r|\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String source = name + ":" + (n + 1);
      String line = lines[n];
      int comment = line.indexOf('#');
      line = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (n == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        flag = section(line, source);
        continue;
      }
      entries.add(entry(line, flag, source));
    }
    return entries;
  }

  private static ContentFlag section(String line, String source) {
    if (line.equals("[profanity]")) {
      return ContentFlag.PROFANITY;
    }
    if (line.equals("[spam]")) {
      return ContentFlag.SPAM;
    }
    throw new IllegalArgumentException(source + ": unknown section " + line + " (use [profanity] or [spam])");
  }

  private static Entry entry(String line, ContentFlag flag, String source) {
    boolean exact = line.startsWith("!");
    String text = exact ? line.substring(1).strip() : line;
    boolean prefix = text.endsWith("*");
    if (prefix) {
      text = text.substring(0, text.length() - 1);
      if (text.isEmpty() || !Character.isLetterOrDigit(text.codePointBefore(text.length()))) {
        throw new IllegalArgumentException(source + ": '*' must directly follow the last word of '" + line + "'");
      }
    }
    if (text.indexOf('*') >= 0 || text.indexOf('!') >= 0) {
      throw new IllegalArgumentException(source + ": '!' may only start an entry and '*' only end it: '" + line + "'");
    }
    int words = FoldedWords.of(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC)).size();
    if (words == 0) {
      throw new IllegalArgumentException(source + ": '" + line + "' holds no word");
    }
    if (words > MAX_WORDS) {
      throw new IllegalArgumentException(source + ": '" + line + "' has more than " + MAX_WORDS + " words");
    }
    return new Entry(text, flag, exact, prefix, source);
  }
}

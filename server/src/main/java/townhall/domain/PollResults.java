package townhall.domain;

import java.util.List;

/**
 * A poll's results as of its results {@code version} (which only grows, so a receiver keeps the newest whatever order
 * results from several nodes arrive in): {@code counts} per option (per rating 1..5 for a rating; empty for a text
 * poll), {@code answers} how many participants answered, and for a text poll the newest answers that are not hidden
 * ({@code texts}, each with the answer's number in the poll, which a moderator names to hide it) and the most
 * frequent words of all the answers that are not hidden ({@code words}, the word cloud; empty for other kinds).
 */
public record PollResults(List<Integer> counts, int answers, List<Text> texts, List<Word> words, long version) {

  /** At most this many of the newest text answers travel with a text poll's results. */
  public static final int TEXTS_SHOWN = 50;

  /** At most this many of the most frequent words travel with a text poll's results. */
  public static final int WORDS_SHOWN = 50;

  public PollResults {
    counts = List.copyOf(counts);
    texts = List.copyOf(texts);
    words = List.copyOf(words);
  }

  /**
   * One word of the cloud: as shown (the first accented form written, see {@link WordCloud}) and in how many
   * answers that are not hidden it appears.
   */
  public record Word(String word, int count) {
  }

  /** One open-text answer: its number in the poll (1, 2, ... in the order participants first answered). */
  public record Text(int n, String text) {
  }

  /** No answers yet. */
  public static PollResults empty(int options) {
    return new PollResults(java.util.Collections.nCopies(options, 0), 0, List.of(), List.of(), 0);
  }
}

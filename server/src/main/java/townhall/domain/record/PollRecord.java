package townhall.domain.record;

import java.util.List;

/**
 * A poll in the record, as its chain tells it: its question and options, when it opened and closed (null while
 * open), and the final results taken at its close ({@code counts} per option or rating, {@code answers} the number of
 * participants who answered, {@code texts} the open-text answers not hidden, in the order first given); the results
 * are null while it has not closed. {@code hiddenAnswers} counts the text answers a moderator hid. {@code words} is a
 * closed text poll's word cloud at its close (the most frequent words of the answers not hidden, most frequent first);
 * null for other polls and for polls closed before the record kept it.
 */
public record PollRecord(String id, String kind, String question, List<String> options, int max, boolean hidden,
    long openedAt, Long closedAt, List<Integer> counts, Integer answers, List<Text> texts, int hiddenAnswers,
    List<Word> words) {

  public PollRecord {
    options = List.copyOf(options);
    counts = counts == null ? null : List.copyOf(counts);
    texts = texts == null ? null : List.copyOf(texts);
    words = words == null ? null : List.copyOf(words);
  }

  /** A word of the cloud and in how many answers it was. */
  public record Word(String word, int count) {
  }

  /** An open-text answer: its number in the poll and its text. */
  public record Text(int n, String text) {
  }
}

package townhall.domain.record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Participation over time, for the record's charts: from {@code from}, in buckets of {@code bucketMs}, how many
 * residents joined, how many questions were asked and how many upvotes still standing were cast.
 */
public record RecordActivity(long from, long bucketMs, List<Integer> joins, List<Integer> questions,
    List<Integer> votes) {
  /** Bucket sizes to choose from, so a session of any length gets a readable number of bars. */
  private static final long[] SIZES = {60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
      21_600_000, 43_200_000, 86_400_000, 604_800_000};
  private static final int MOST_BUCKETS = 60;

  /** The activity between {@code from} and {@code to}; times outside count in the first or last bucket. */
  public static RecordActivity of(long from, long to, Collection<Long> joins, Collection<Long> questions,
      Collection<Long> votes) {
    Counter counter = new Counter(from, to);
    joins.forEach(counter::join);
    questions.forEach(counter::question);
    votes.forEach(counter::vote);
    return counter.activity();
  }

  /**
   * The activity as the record's first format drew it (records exported before 2026-12-06): the same bucket sizes,
   * but the first bucket starting at {@code from} itself rather than at a round time. Kept so that a record saved
   * then is still checked as it was made ({@code RecordVerifier}).
   */
  public static RecordActivity firstFormat(long from, long to, Collection<Long> joins, Collection<Long> questions,
      Collection<Long> votes) {
    Counter counter = new Counter(from, to, false);
    joins.forEach(counter::join);
    questions.forEach(counter::question);
    votes.forEach(counter::vote);
    return counter.activity();
  }

  /**
   * Counts times into the buckets between {@code from} and {@code to} one at a time, so the activity of any number
   * of joins, questions and votes takes the memory of its buckets only.
   */
  public static final class Counter {
    private final long from;
    private final long size;
    private final int[] joins;
    private final int[] questions;
    private final int[] votes;

    /**
     * Buckets from {@code from} to {@code to}, starting at a round time: the first bucket begins at the multiple of
     * the bucket size (since the epoch, so on whole minutes and hours in every zone of a whole-hour offset) at or
     * before {@code from}, so a chart's axis reads 09:00, 09:05, ... rather than 09:03:17, 09:08:17, ...
     */
    public Counter(long from, long to) {
      this(from, to, true);
    }

    private Counter(long from, long to, boolean roundStart) {
      long chosen = SIZES[SIZES.length - 1];
      for (long candidate : SIZES) {
        long start = roundStart ? Math.floorDiv(from, candidate) * candidate : from;
        if ((Math.max(1, to - start) + candidate - 1) / candidate <= MOST_BUCKETS) {
          chosen = candidate;
          break;
        }
      }
      size = chosen;
      this.from = roundStart ? Math.floorDiv(from, size) * size : from;
      long span = Math.max(1, to - this.from);
      int buckets = (int) Math.max(1, (span + size - 1) / size);
      joins = new int[buckets];
      questions = new int[buckets];
      votes = new int[buckets];
    }

    public void join(long at) {
      joins[bucket(at)]++;
    }

    public void question(long at) {
      questions[bucket(at)]++;
    }

    public void vote(long at) {
      votes[bucket(at)]++;
    }

    private int bucket(long at) {
      return (int) Math.min(joins.length - 1, Math.max(0, (at - from) / size));
    }

    public RecordActivity activity() {
      return new RecordActivity(from, size, list(joins), list(questions), list(votes));
    }

    private static List<Integer> list(int[] counts) {
      List<Integer> list = new ArrayList<>(counts.length);
      for (int c : counts) {
        list.add(c);
      }
      return List.copyOf(list);
    }
  }
}

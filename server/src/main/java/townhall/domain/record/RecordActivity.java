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
    long span = Math.max(1, to - from);
    long size = SIZES[SIZES.length - 1];
    for (long candidate : SIZES) {
      if ((span + candidate - 1) / candidate <= MOST_BUCKETS) {
        size = candidate;
        break;
      }
    }
    int buckets = (int) Math.max(1, (span + size - 1) / size);
    return new RecordActivity(from, size, count(joins, from, size, buckets), count(questions, from, size, buckets),
        count(votes, from, size, buckets));
  }

  private static List<Integer> count(Collection<Long> times, long from, long size, int buckets) {
    int[] counts = new int[buckets];
    for (long at : times) {
      int bucket = (int) Math.min(buckets - 1, Math.max(0, (at - from) / size));
      counts[bucket]++;
    }
    List<Integer> list = new ArrayList<>(buckets);
    for (int c : counts) {
      list.add(c);
    }
    return List.copyOf(list);
  }
}

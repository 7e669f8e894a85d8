package townhall.load;

import java.util.List;

/**
 * The seeded questions' ids to their number in the plan, looked up from a slice of a frame's text (see
 * {@link VoteCounts}) without making a string of it: an open-addressing table keyed by the slice's
 * {@link String#hashCode()}-compatible hash. Immutable, so it can be read from any thread once published.
 */
final class QuestionIndex {
  /** No question at all (before the questions are seeded). */
  static final QuestionIndex EMPTY = new QuestionIndex(List.of());

  private final String[] ids;
  private final int[] numbers;
  private final int mask;
  private final int size;

  /** Question {@code q} of the plan is {@code ids.get(q)}; the ids are distinct. */
  QuestionIndex(List<String> planIds) {
    int capacity = Integer.highestOneBit(Math.max(4, planIds.size() * 3)) << 1;
    this.ids = new String[capacity];
    this.numbers = new int[capacity];
    this.mask = capacity - 1;
    this.size = planIds.size();
    for (int q = 0; q < planIds.size(); q++) {
      String id = planIds.get(q);
      int slot = id.hashCode() & mask;
      while (ids[slot] != null) {
        slot = (slot + 1) & mask;
      }
      ids[slot] = id;
      numbers[slot] = q;
    }
  }

  /** How many questions there are. */
  int size() {
    return size;
  }

  /** The plan number of the question whose id is {@code text[start, end)}, or -1 for another id. */
  int find(String text, int start, int end) {
    int hash = 0;
    for (int at = start; at < end; at++) {
      hash = 31 * hash + text.charAt(at);
    }
    int length = end - start;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      String id = ids[slot];
      if (id == null) {
        return -1;
      }
      if (id.length() == length && id.regionMatches(0, text, start, length)) {
        return numbers[slot];
      }
    }
  }

  /** The plan number of question {@code id}, or -1 for another id. */
  int find(String id) {
    return id == null ? -1 : find(id, 0, id.length());
  }
}

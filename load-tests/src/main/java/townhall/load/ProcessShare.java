package townhall.load;

/**
 * The part of the global open-loop schedule one generator process sends: process {@code index} of {@code count}
 * sends events {@code index, index + count, index + 2*count, ...}. Every process knows the whole schedule (same
 * rates, same start), so each can tell when any event was due, whoever sent it.
 *
 * @param index this process's number, 0 to count - 1
 * @param count how many processes share the schedule
 */
public record ProcessShare(int index, int count) {

  /** Whether this is the only process. */
  public boolean alone() {
    return count == 1;
  }

  /** How many of the global events {@code 0 .. total - 1} are this process's. */
  public long ownOf(long total) {
    return total <= index ? 0 : (total - index + count - 1) / count;
  }

  /** The global number of this process's {@code k}-th event. */
  public long global(long k) {
    return index + k * count;
  }

  /** This process's local number of its global event {@code i}. */
  public int local(long i) {
    return (int) ((i - index) / count);
  }

  /** Whether global event {@code i} is this process's. */
  public boolean owns(long i) {
    return i % count == index;
  }
}

package townhall.load;

/**
 * Who upvotes what: maps vote {@code i} to a (resident, question) pair so that no pair is used twice while
 * {@code i < capacity()}. Votes are spread over the questions first (question {@code i mod Q}) and, within a round
 * over the questions, over the residents ({@code (round + question) mod C}), so consecutive votes come from
 * different residents.
 */
public final class VotePlan {
  private final int residents;
  private final int questions;

  /**
   * @param residents how many residents can vote (connected ones)
   * @param questions how many seeded questions can be upvoted
   */
  public VotePlan(int residents, int questions) {
    this.residents = residents;
    this.questions = questions;
  }

  /** How many distinct pairs there are; votes from this index on cannot be planned. */
  public long capacity() {
    return (long) residents * questions;
  }

  /** The question (index into the seeded questions) of vote {@code i}. */
  public int question(long i) {
    return (int) (i % questions);
  }

  /** The resident (index into the connected residents) of vote {@code i}. */
  public int resident(long i) {
    long round = i / questions;
    return (int) ((round + question(i)) % residents);
  }
}

package townhall.load;

/**
 * Which resident of this process sends which vote. Vote {@code i} (global number) goes to question
 * {@code i mod Q}. Process p's votes on one question are {@code L = lcm(n, Q)} apart (Q is chosen coprime with n,
 * so L = n*Q and each process votes on every question), so the vote is its process's {@code floor(i / L)}-th on
 * that question, and it is sent by local resident {@code (floor(i / L) + question) mod C}: no (resident, question)
 * pair is used twice while {@code i < L * C}, and consecutive votes come from different residents. With one
 * process this is the rotation over residents the generator always used.
 */
public final class VotePlan {
  private final int residents;
  private final int questions;
  private final long lcm;

  /**
   * @param residents how many residents of this process can vote (connected ones)
   * @param questions how many seeded questions can be upvoted
   * @param processes how many processes share the schedule
   */
  public VotePlan(int residents, int questions, int processes) {
    this.residents = residents;
    this.questions = questions;
    this.lcm = (long) questions / gcd(questions, processes) * processes;
  }

  /** The global vote number from which on votes can no longer be planned. */
  public long capacity() {
    return lcm * residents;
  }

  /** The question (index into the seeded questions) of vote {@code i}. */
  public int question(long i) {
    return (int) (i % questions);
  }

  /** The resident (index into this process's connected residents) of vote {@code i}. */
  public int resident(long i) {
    long round = i / lcm;
    return (int) ((round + question(i)) % residents);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}

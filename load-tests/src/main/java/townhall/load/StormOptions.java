package townhall.load;

/**
 * What a run does besides the voters' open-loop schedule: a join storm, a session of a given size, Redis's own
 * accounts, and a node killed in the middle.
 *
 * @param joiners residents that join during the measurement, all processes together (0: no storm)
 * @param joinRate joins per second, open loop, all processes together
 * @param joinAtSeconds seconds after t0 at which joiner 0 is due
 * @param joinTimeoutSeconds how long an attempt waits for its welcome before it is counted as refused and retried
 * @param questions the session holds at least this many questions (process 0 asks the missing ones first)
 * @param redis {@code host:port} of the Redis to read {@code INFO} from, or {@code null}
 * @param killPid the pid of the node process 0 kills with SIGKILL, or {@code null}
 * @param killNode that node's place in {@code --url}
 * @param killAtSeconds seconds after t0 at which it is killed
 * @param pageAll whether process 0 also runs a resident who pages through the whole session
 */
public record StormOptions(int joiners, double joinRate, double joinAtSeconds, double joinTimeoutSeconds,
    int questions, String redis, Long killPid, int killNode, double killAtSeconds, boolean pageAll) {

  /** Whether the run kills a node. */
  public boolean kills() {
    return killPid != null;
  }
}

package townhall.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The numbers of one run.
 *
 * @param clients residents connected when the measurement started
 * @param votesPlanned votes the schedule held
 * @param votesSent votes written
 * @param votesAcked votes acked
 * @param votesFailed votes answered with an error
 * @param asksPlanned asks the schedule held
 * @param asksSent asks written
 * @param asksFailed asks answered with an error
 * @param notSent due votes or asks not sent, by reason
 * @param voteVisibility what the vote visibility tracker found
 * @param askVisibility what the ask visibility tracker found
 * @param voteAck intended send to ack
 * @param voteVisible intended send to visible, per (vote, client)
 * @param voteVisibleAll intended send to visible at the last client, per vote
 * @param askAck intended send to ack of asks
 * @param askVisible intended send to the {@code question} event, per (ask, other client)
 * @param sendLag intended to actual send time (the generator's own lateness)
 * @param framesTotal frames the residents received in the whole run
 * @param framesInWindow frames received during the measurement window
 * @param framesPerSecondPerClient framesInWindow / duration / clients
 * @param frameTypes frames received by type
 * @param errors {@code error} frames by code
 * @param anomalies server behaviour that contradicts the protocol, by kind
 * @param notes server behaviour the protocol allows but worth knowing, by kind
 * @param connections connection numbers
 */
public record MeasurementResult(int clients, long votesPlanned, long votesSent, long votesAcked, long votesFailed,
    long asksPlanned, long asksSent, long asksFailed, Map<String, Long> notSent,
    VoteVisibility.Result voteVisibility, AskVisibility.Result askVisibility,
    LatencySummary voteAck, LatencySummary voteVisible, LatencySummary voteVisibleAll,
    LatencySummary askAck, LatencySummary askVisible, LatencySummary sendLag,
    long framesTotal, long framesInWindow, double framesPerSecondPerClient, Map<String, Long> frameTypes,
    Map<String, Long> errors, Map<String, Long> anomalies, Map<String, Long> notes,
    ConnectionStats.Snapshot connections) {

  /** What went wrong, one line each; empty when the run is clean. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (connections.failed() > 0) {
      problems.add(connections.failed() + " connection(s) failed");
    }
    if (connections.dropped() > 0) {
      problems.add(connections.dropped() + " connection(s) closed by the server");
    }
    long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
    if (errorCount > 0) {
      problems.add(errorCount + " error frame(s)");
    }
    if (!notSent.isEmpty()) {
      problems.add(notSent.values().stream().mapToLong(Long::longValue).sum() + " due action(s) not sent");
    }
    if (votesAcked < votesSent) {
      problems.add((votesSent - votesAcked) + " vote(s) not acked");
    }
    if (voteVisibility.votesNotSeenByAll() > 0) {
      problems.add(voteVisibility.votesNotSeenByAll() + " acked vote(s) not seen by every client");
    }
    if (askVisibility.notSeenByAll() > 0 || askVisibility.acked() < asksSent) {
      problems.add("asks: " + (asksSent - askVisibility.acked()) + " not acked, " + askVisibility.notSeenByAll()
          + " not seen by every other client");
    }
    if (!anomalies.isEmpty()) {
      problems.add("protocol anomalies: " + anomalies);
    }
    return problems;
  }
}

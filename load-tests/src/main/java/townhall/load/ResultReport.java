package townhall.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/** Turns a run's parameters and numbers into the human summary and the JSON result. */
public final class ResultReport {
  private final LoadOptions options;
  private final String sessionId;
  private final int questions;
  private final MeasurementResult result;

  /**
   * @param sessionId the session the run used
   * @param questions how many questions were seeded
   */
  public ResultReport(LoadOptions options, String sessionId, int questions, MeasurementResult result) {
    this.options = options;
    this.sessionId = sessionId;
    this.questions = questions;
    this.result = result;
  }

  /** The summary printed on stdout; latencies in milliseconds. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Townhall load: %d residents on %s, %.1f votes/s, %.2f asks/s, %.0f s (ramp %.0f s), session %s, %d seeded"
            + " questions%n", options.residents(), options.nodes(), options.voteRate(), options.askRate(),
        options.durationSeconds(), options.rampSeconds(), sessionId, questions));
    ConnectionStats.Snapshot c = result.connections();
    out.append(String.format(Locale.ROOT, "connections: %d attempted, %d established, %d failed, %d dropped by the"
        + " server%s%s%n", c.attempted(), c.established(), c.failed(), c.dropped(),
        c.closeCodes().isEmpty() ? "" : " (close codes " + c.closeCodes() + ")",
        c.failures().isEmpty() ? "" : " failures " + c.failures()));
    out.append(String.format(Locale.ROOT, "votes: %d planned, %d sent, %d acked, %d refused; asks: %d planned,"
        + " %d sent, %d acked, %d refused%n", result.votesPlanned(), result.votesSent(), result.votesAcked(),
        result.votesFailed(), result.asksPlanned(), result.asksSent(), result.askVisibility().acked(),
        result.asksFailed()));
    VoteVisibility.Result v = result.voteVisibility();
    out.append(String.format(Locale.ROOT, "vote visibility: %d deliveries of %d expected (acked votes x %d"
        + " clients); %d votes seen by all, %d not%n", v.deliveries(), v.ackedCounts() * result.clients(),
        result.clients(), v.votesSeenByAll(), v.votesNotSeenByAll()));
    AskVisibility.Result a = result.askVisibility();
    out.append(String.format(Locale.ROOT, "ask visibility: %d deliveries of %d expected (acked asks x %d other"
        + " clients); %d asks seen by all, %d not%n", a.deliveries(), a.acked() * Math.max(0, result.clients() - 1),
        Math.max(0, result.clients() - 1), a.seenByAll(), a.notSeenByAll()));
    out.append(String.format(Locale.ROOT, "%-34s %8s %9s %9s %9s %9s %9s%n", "latency (ms, from intended send)",
        "count", "p50", "p90", "p99", "p99.9", "max"));
    latencyLine(out, "vote -> ack", result.voteAck());
    latencyLine(out, "vote -> visible (each client)", result.voteVisible());
    latencyLine(out, "vote -> visible (last client)", result.voteVisibleAll());
    latencyLine(out, "ask -> ack", result.askAck());
    latencyLine(out, "ask -> visible (each other client)", result.askVisible());
    latencyLine(out, "generator send lag", result.sendLag());
    out.append(String.format(Locale.ROOT, "frames: %.2f /s per client in the window (%d in the window, %d in all);"
        + " by type %s%n", result.framesPerSecondPerClient(), result.framesInWindow(), result.framesTotal(),
        result.frameTypes()));
    out.append("errors: ").append(result.errors().isEmpty() ? "none" : result.errors()).append('\n');
    if (!result.notSent().isEmpty()) {
      out.append("not sent: ").append(result.notSent()).append('\n');
    }
    out.append("anomalies: ").append(result.anomalies().isEmpty() ? "none" : result.anomalies()).append('\n');
    if (!result.notes().isEmpty()) {
      out.append("notes: ").append(result.notes()).append('\n');
    }
    var problems = result.problems();
    out.append(problems.isEmpty() ? "RESULT: OK" : "RESULT: FAILED: " + String.join("; ", problems)).append('\n');
    return out.toString();
  }

  private static void latencyLine(StringBuilder out, String name, LatencySummary s) {
    out.append(String.format(Locale.ROOT, "%-34s %8d %9.3f %9.3f %9.3f %9.3f %9.3f%n", name, s.count(),
        s.p50() / 1e3, s.p90() / 1e3, s.p99() / 1e3, s.p999() / 1e3, s.max() / 1e3));
  }

  /** The JSON result: parameters and the same numbers; latencies in microseconds. */
  public JsonObject json() {
    JsonArray urls = new JsonArray();
    options.nodes().forEach(node -> urls.add(node.toString()));
    JsonObject parameters = new JsonObject()
        .put("urls", urls).put("sessionId", sessionId).put("sessionCreated", options.sessionId() == null)
        .put("residents", options.residents()).put("voteRate", options.voteRate())
        .put("askRate", options.askRate()).put("durationSeconds", options.durationSeconds())
        .put("rampSeconds", options.rampSeconds()).put("connectConcurrency", options.connectConcurrency())
        .put("seededQuestions", questions);
    ConnectionStats.Snapshot c = result.connections();
    JsonObject connections = new JsonObject()
        .put("attempted", c.attempted()).put("established", c.established()).put("failed", c.failed())
        .put("droppedByServer", c.dropped()).put("closeCodes", counts(c.closeCodes()))
        .put("failures", counts(c.failures()));
    VoteVisibility.Result v = result.voteVisibility();
    JsonObject votes = new JsonObject()
        .put("planned", result.votesPlanned()).put("sent", result.votesSent()).put("acked", result.votesAcked())
        .put("refused", result.votesFailed())
        .put("visibleDeliveries", v.deliveries()).put("expectedDeliveries", v.ackedCounts() * result.clients())
        .put("seenByAll", v.votesSeenByAll()).put("notSeenByAll", v.votesNotSeenByAll())
        .put("unexplainedCounts", v.unexplainedSightings());
    AskVisibility.Result a = result.askVisibility();
    JsonObject asks = new JsonObject()
        .put("planned", result.asksPlanned()).put("sent", result.asksSent()).put("acked", a.acked())
        .put("refused", result.asksFailed()).put("visibleDeliveries", a.deliveries())
        .put("expectedDeliveries", a.acked() * Math.max(0, result.clients() - 1))
        .put("seenByAll", a.seenByAll()).put("notSeenByAll", a.notSeenByAll())
        .put("unexplainedEvents", a.unexplainedEvents());
    JsonObject latency = new JsonObject()
        .put("voteAck", latency(result.voteAck()))
        .put("voteVisible", latency(result.voteVisible()))
        .put("voteVisibleAllClients", latency(result.voteVisibleAll()))
        .put("askAck", latency(result.askAck()))
        .put("askVisible", latency(result.askVisible()))
        .put("generatorSendLag", latency(result.sendLag()));
    JsonObject frames = new JsonObject()
        .put("perSecondPerClient", result.framesPerSecondPerClient())
        .put("inWindow", result.framesInWindow()).put("total", result.framesTotal())
        .put("byType", counts(result.frameTypes()));
    JsonArray problems = new JsonArray();
    result.problems().forEach(problems::add);
    return new JsonObject()
        .put("parameters", parameters)
        .put("clients", result.clients())
        .put("connections", connections)
        .put("votes", votes)
        .put("asks", asks)
        .put("latencyUnit", "microseconds from the intended send time")
        .put("latency", latency)
        .put("frames", frames)
        .put("errors", counts(result.errors()))
        .put("notSent", counts(result.notSent()))
        .put("anomalies", counts(result.anomalies()))
        .put("notes", counts(result.notes()))
        .put("ok", problems.isEmpty())
        .put("problems", problems);
  }

  private static JsonObject latency(LatencySummary s) {
    return new JsonObject().put("count", s.count()).put("p50", s.p50()).put("p90", s.p90()).put("p99", s.p99())
        .put("p999", s.p999()).put("max", s.max()).put("mean", Math.round(s.mean()));
  }

  private static JsonObject counts(Map<String, Long> counts) {
    JsonObject json = new JsonObject();
    counts.forEach(json::put);
    return json;
  }
}

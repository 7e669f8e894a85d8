package townhall.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Turns a run's facts and numbers into the human summary and the JSON result. The JSON holds a readable
 * {@code summary} (latencies in µs) and the exact, mergeable {@code data} ({@link MeasurementResult}); it can be
 * read back ({@link #fromJson}) to merge several processes' results.
 */
public final class ResultReport {
  /** The JSON result's format name. */
  public static final String FORMAT = "townhall-load/2";

  private final ResultSummary summary;

  /** A report of {@code data} from the run described by {@code run}. */
  public ResultReport(RunInfo run, MeasurementResult data) {
    this.summary = new ResultSummary(run, data);
  }

  /** Reads a JSON result written by {@link #json}. */
  public static ResultReport fromJson(JsonObject json) {
    if (!FORMAT.equals(json.getString("format"))) {
      throw new IllegalArgumentException("not a " + FORMAT + " result (format " + json.getValue("format") + ")");
    }
    return new ResultReport(RunInfo.fromJson(json.getJsonObject("run")),
        MeasurementResult.fromJson(json.getJsonObject("data")));
  }

  /** This report and {@code other}'s (another process of the same run) together. */
  public ResultReport merge(ResultReport other) {
    MeasurementResult data = MeasurementResult.fromJson(summary.data().toJson()).merge(other.summary.data());
    return new ResultReport(summary.run().merge(other.summary.run()), data);
  }

  /** The derived numbers. */
  public ResultSummary summary() {
    return summary;
  }

  /** The summary printed on stdout; latencies in milliseconds. */
  public String text() {
    RunInfo run = summary.run();
    MeasurementResult data = summary.data();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Townhall load on %s (%s): %d residents in %d of %d process(es),"
            + " %.1f votes/s, %.2f asks/s, %.0f s, moderation %s, session %s, %d seeded questions%n",
        run.target(), run.scenario().getJsonArray("urls").encode(), run.residents(), run.processes().size(),
        run.processCount(), run.scenario().getDouble("voteRate"), run.scenario().getDouble("askRate"),
        run.durationSeconds(), run.scenario().getString("moderation"), run.sessionId(), run.seededQuestions()));
    for (ClientGroup group : ClientGroup.values()) {
      if (data.counter(group.name("connections.attempted")) == 0) {
        continue;
      }
      out.append(String.format(Locale.ROOT, "%s connections: %d attempted, %d established, %d failed, %d dropped"
              + " by the server%s%s%n", group.key(), data.counter(group.name("connections.attempted")),
          data.counter(group.name("connections.established")), data.counter(group.name("connections.failed")),
          data.counter(group.name("connections.dropped")), suffix(" (close codes ", data.counts(
              group.name("closeCodes"))), suffix(" failures ", data.counts(group.name("connectFailures")))));
    }
    out.append(String.format(Locale.ROOT, "votes: %d scheduled, %d planned by the process(es) here, %d sent, %d"
            + " acked, %d refused; asks: %d scheduled, %d planned here, %d sent, %d acked, %d refused%s%n",
        run.scheduledVotes(), data.counter("votes.planned"), data.counter("votes.sent"),
        data.counter("votes.acked"), data.counter("votes.refused"), run.scheduledAsks(),
        data.counter("asks.planned"), data.counter("asks.sent"), data.counter("asks.acked"),
        data.counter("asks.refused"), data.counter("approvals.sent") == 0 ? ""
            : String.format(Locale.ROOT, "; approvals: %d sent, %d acked", data.counter("approvals.sent"),
                data.counter("approvals.acked"))));
    for (ClientGroup group : ClientGroup.values()) {
      ResultSummary.Group g = summary.group(group);
      if (g.clients() == 0) {
        continue;
      }
      out.append(String.format(Locale.ROOT, "%s visibility: votes %d of %d (scheduled votes x %d clients), %d"
              + " seen by all, %d not; asks %d of %d, %d seen by all, %d not%n", group.key(), g.voteDeliveries(),
          g.voteExpected(), g.clients(), g.votesSeenByAll(), g.votesNotSeenByAll(), g.askDeliveries(),
          g.askExpected(), g.asksSeenByAll(), g.asksNotSeenByAll()));
    }
    out.append(String.format(Locale.ROOT, "%-36s %9s %9s %9s %9s %9s %9s%n", "latency (ms, from intended send)",
        "count", "p50", "p90", "p99", "p99.9", "max"));
    latencyLine(out, "vote -> ack", data.histogram("voteAck"));
    for (ClientGroup group : ClientGroup.values()) {
      ResultSummary.Group g = summary.group(group);
      if (g.clients() == 0) {
        continue;
      }
      latencyLine(out, "vote -> visible (each " + label(group) + ")", data.histogram(group.name("voteVisible")));
      latencyLine(out, "vote -> visible (last " + label(group) + ")", g.voteLastClient());
    }
    latencyLine(out, "ask -> ack", data.histogram("askAck"));
    for (ClientGroup group : ClientGroup.values()) {
      ResultSummary.Group g = summary.group(group);
      if (g.clients() > 0 && run.scheduledAsks() > 0) {
        latencyLine(out, "ask -> visible (each " + label(group) + ")", data.histogram(group.name("askVisible")));
      }
    }
    latencyLine(out, "generator send lag", data.histogram("sendLag"));
    for (ClientGroup group : ClientGroup.values()) {
      ResultSummary.Group g = summary.group(group);
      if (g.clients() > 0) {
        out.append(String.format(Locale.ROOT, "%s frames: %.2f /s per client in the window (%d in the window, %d"
                + " in all); by type %s%n", group.key(), g.framesPerSecondPerClient(),
            data.counter(group.name("frames.window")), data.counter(group.name("frames.total")),
            data.counts(group.name("frameTypes"))));
      }
    }
    out.append("errors: ").append(data.counts("errors").isEmpty() ? "none" : data.counts("errors")).append('\n');
    if (!data.counts("notSent").isEmpty()) {
      out.append("not sent: ").append(data.counts("notSent")).append('\n');
    }
    out.append("anomalies: ").append(data.counts("anomalies").isEmpty() ? "none" : data.counts("anomalies"))
        .append('\n');
    if (!data.counts("notes").isEmpty()) {
      out.append("notes: ").append(data.counts("notes")).append('\n');
    }
    out.append(new StormReport(data).text());
    var problems = summary.problems();
    out.append(problems.isEmpty() ? "RESULT: OK" : "RESULT: FAILED: " + String.join("; ", problems)).append('\n');
    return out.toString();
  }

  private static String label(ClientGroup group) {
    return switch (group) {
      case RESIDENTS -> "resident";
      case MODERATORS -> "moderator";
      case STAGE -> "stage";
    };
  }

  private static String suffix(String prefix, Map<String, Long> counts) {
    return counts.isEmpty() ? "" : prefix + counts + (prefix.contains("(") ? ")" : "");
  }

  private static void latencyLine(StringBuilder out, String name, Histogram h) {
    LatencySummary s = LatencySummary.of(h);
    out.append(String.format(Locale.ROOT, "%-36s %9d %9.3f %9.3f %9.3f %9.3f %9.3f%n", name, s.count(),
        s.p50() / 1e3, s.p90() / 1e3, s.p99() / 1e3, s.p999() / 1e3, s.max() / 1e3));
  }

  /** The JSON result: the run, a readable summary (µs), the problems and the exact data. */
  public JsonObject json() {
    MeasurementResult data = summary.data();
    JsonObject groups = new JsonObject();
    for (ClientGroup group : ClientGroup.values()) {
      ResultSummary.Group g = summary.group(group);
      JsonObject connections = new JsonObject()
          .put("attempted", data.counter(group.name("connections.attempted")))
          .put("established", data.counter(group.name("connections.established")))
          .put("failed", data.counter(group.name("connections.failed")))
          .put("droppedByServer", data.counter(group.name("connections.dropped")))
          .put("closeCodes", counts(data.counts(group.name("closeCodes"))))
          .put("failures", counts(data.counts(group.name("connectFailures"))));
      groups.put(group.key(), new JsonObject()
          .put("clients", g.clients())
          .put("connections", connections)
          .put("votes", new JsonObject().put("visibleDeliveries", g.voteDeliveries())
              .put("expectedDeliveries", g.voteExpected()).put("seenByAll", g.votesSeenByAll())
              .put("notSeenByAll", g.votesNotSeenByAll()))
          .put("asks", new JsonObject().put("visibleDeliveries", g.askDeliveries())
              .put("expectedDeliveries", g.askExpected()).put("seenByAll", g.asksSeenByAll())
              .put("notSeenByAll", g.asksNotSeenByAll()))
          .put("latency", new JsonObject()
              .put("voteVisible", latency(data.histogram(group.name("voteVisible"))))
              .put("voteVisibleLastClient", latency(g.voteLastClient()))
              .put("askVisible", latency(data.histogram(group.name("askVisible"))))
              .put("askVisibleLastClient", latency(g.askLastClient())))
          .put("frames", new JsonObject().put("perSecondPerClient", g.framesPerSecondPerClient())
              .put("inWindow", data.counter(group.name("frames.window")))
              .put("total", data.counter(group.name("frames.total")))
              .put("byType", counts(data.counts(group.name("frameTypes"))))));
    }
    JsonObject summaryJson = new JsonObject()
        .put("latencyUnit", "microseconds from the intended send time")
        .put("votes", new JsonObject().put("scheduled", summary.run().scheduledVotes())
            .put("planned", data.counter("votes.planned")).put("sent", data.counter("votes.sent"))
            .put("acked", data.counter("votes.acked")).put("refused", data.counter("votes.refused")))
        .put("asks", new JsonObject().put("scheduled", summary.run().scheduledAsks())
            .put("planned", data.counter("asks.planned")).put("sent", data.counter("asks.sent"))
            .put("acked", data.counter("asks.acked")).put("refused", data.counter("asks.refused")))
        .put("approvals", new JsonObject().put("sent", data.counter("approvals.sent"))
            .put("acked", data.counter("approvals.acked")))
        .put("latency", new JsonObject().put("voteAck", latency(data.histogram("voteAck")))
            .put("askAck", latency(data.histogram("askAck")))
            .put("generatorSendLag", latency(data.histogram("sendLag"))))
        .put("groups", groups)
        .put("errors", counts(data.counts("errors")))
        .put("notSent", counts(data.counts("notSent")))
        .put("anomalies", counts(data.counts("anomalies")))
        .put("notes", counts(data.counts("notes")))
        .put("storms", new StormReport(data).json());
    JsonArray problems = new JsonArray();
    summary.problems().forEach(problems::add);
    return new JsonObject()
        .put("format", FORMAT)
        .put("run", summary.run().toJson())
        .put("ok", problems.isEmpty())
        .put("problems", problems)
        .put("summary", summaryJson)
        .put("data", data.toJson());
  }

  static JsonObject latency(Histogram h) {
    LatencySummary s = LatencySummary.of(h);
    return new JsonObject().put("count", s.count()).put("p50", s.p50()).put("p90", s.p90()).put("p99", s.p99())
        .put("p999", s.p999()).put("max", s.max()).put("mean", Math.round(s.mean()));
  }

  private static JsonObject counts(Map<String, Long> counts) {
    JsonObject json = new JsonObject();
    counts.forEach(json::put);
    return json;
  }
}

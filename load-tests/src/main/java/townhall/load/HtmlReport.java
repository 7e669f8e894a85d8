package townhall.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Writes the HTML report of a (possibly merged) result into a folder: {@code index.html} and {@code report.js}
 * (from this module's resources), uPlot's {@code uPlot.iife.min.js} and {@code uPlot.min.css} (from the
 * {@code org.webjars.npm:uplot} jar), and {@code data.js} with the summary table, the parameters and the charts'
 * data. Everything is loaded with relative {@code <script src>}/{@code <link>}, so the page works opened from disk
 * and makes no network request.
 */
public final class HtmlReport {
  private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final String OWN = "townhall/load/report/";

  private final ResultReport report;

  /** The report of this result. */
  public HtmlReport(ResultReport report) {
    this.report = report;
  }

  /** Writes the report's files into {@code dir} (created if needed). */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    copy(OWN + "index.html", dir.resolve("index.html"));
    copy(OWN + "report.js", dir.resolve("report.js"));
    copy(UPLOT + "uPlot.iife.min.js", dir.resolve("uPlot.iife.min.js"));
    copy(UPLOT + "uPlot.min.css", dir.resolve("uPlot.min.css"));
    // a script file of its own (not inline JSON to fetch): file:// pages may not fetch, but they may load scripts
    Files.writeString(dir.resolve("data.js"), "window.LOAD_REPORT = " + data().encode() + ";\n",
        StandardCharsets.UTF_8);
  }

  /** What {@code data.js} holds. */
  JsonObject data() {
    ResultSummary summary = report.summary();
    RunInfo run = summary.run();
    JsonArray problems = new JsonArray();
    summary.problems().forEach(problems::add);
    return new JsonObject()
        .put("title", String.format(Locale.ROOT, "Townhall load: %s, %d residents, %.0f votes/s", run.target(),
            run.residents(), run.scenario().getDouble("voteRate")))
        .put("subtitle", "Session " + run.sessionId() + ", t0 " + Instant.ofEpochMilli(run.t0EpochMs())
            + ", report written " + Instant.now())
        .put("ok", problems.isEmpty())
        .put("problems", problems)
        .put("summary", summaryRows(summary))
        .put("parameters", parameterRows(run))
        .put("charts", new ReportCharts(summary).all());
  }

  private static JsonArray summaryRows(ResultSummary summary) {
    RunInfo run = summary.run();
    MeasurementResult data = summary.data();
    JsonArray rows = new JsonArray();
    row(rows, "Target", run.target() + " " + run.nodeIds());
    row(rows, "Processes", run.processes().size() + " of " + run.processCount() + " merged");
    row(rows, "Clients at t0", String.format(Locale.ROOT, "%d residents, %d moderators, %d stage",
        summary.group(ClientGroup.RESIDENTS).clients(), summary.group(ClientGroup.MODERATORS).clients(),
        summary.group(ClientGroup.STAGE).clients()));
    row(rows, "Votes", String.format(Locale.ROOT, "%d scheduled, %d sent, %d acked, %d refused",
        run.scheduledVotes(), data.counter("votes.sent"), data.counter("votes.acked"),
        data.counter("votes.refused")));
    row(rows, "Asks", String.format(Locale.ROOT, "%d scheduled, %d sent, %d acked, %d refused",
        run.scheduledAsks(), data.counter("asks.sent"), data.counter("asks.acked"), data.counter("asks.refused")));
    for (ClientGroup group : ClientGroup.values()) {
      ResultSummary.Group g = summary.group(group);
      if (g.clients() == 0) {
        continue;
      }
      row(rows, "Votes visible, " + group.key(), String.format(Locale.ROOT,
          "%d of %d (vote, client) pairs (%.3f %%); %d of %d votes seen by every client", g.voteDeliveries(),
          g.voteExpected(), g.voteExpected() == 0 ? 100.0 : 100.0 * g.voteDeliveries() / g.voteExpected(),
          g.votesSeenByAll(), g.votesSeenByAll() + g.votesNotSeenByAll()));
      row(rows, "vote → visible, each " + group.key() + " (ms)", latency(data.histogram(group.name("voteVisible"))));
      row(rows, "vote → visible, last " + group.key() + " (ms)", latency(g.voteLastClient()));
      if (run.scheduledAsks() > 0) {
        row(rows, "ask → visible, each " + group.key() + " (ms)", latency(data.histogram(group.name("askVisible"))));
      }
      row(rows, "Frames per client per second, " + group.key(),
          String.format(Locale.ROOT, "%.2f", g.framesPerSecondPerClient()));
    }
    row(rows, "vote → ack (ms)", latency(data.histogram("voteAck")));
    row(rows, "ask → ack (ms)", latency(data.histogram("askAck")));
    row(rows, "Generator send lag (ms)", latency(data.histogram("sendLag")));
    row(rows, "Errors", String.valueOf(data.counts("errors").isEmpty() ? "none" : data.counts("errors")));
    for (String[] storm : new StormReport(data).rows()) {
      row(rows, storm[0], storm[1]);
    }
    row(rows, "Anomalies", String.valueOf(data.counts("anomalies").isEmpty() ? "none" : data.counts("anomalies")));
    if (!data.counts("notes").isEmpty()) {
      row(rows, "Notes", String.valueOf(data.counts("notes")));
    }
    long from = Math.floorDiv(run.t0EpochMs(), 1000);
    long to = from + (long) Math.ceil(run.durationSeconds());
    data.samples().forEach((name, values) -> {
      Map<Long, Double> window = new TreeMap<>(values.subMap(from, true, to, false));
      if (name.endsWith(".cpuPercent") && !window.isEmpty()) {
        row(rows, name.replace(".cpuPercent", "") + " CPU (% of one core)", String.format(Locale.ROOT,
            "mean %.0f, max %.0f during the measurement", mean(window), max(window)));
      } else if (name.endsWith(".rssBytes") && !values.isEmpty()) {
        double first = values.firstEntry().getValue();
        double atT0 = values.floorEntry(from) == null ? Double.NaN : values.floorEntry(from).getValue();
        long clients = summary.allClients();
        String perClient = name.startsWith("generator-") || clients == 0 ? ""
            : String.format(Locale.ROOT, " (%+.1f KiB per client connected, GC permitting)",
                (atT0 - first) / 1024 / clients);
        row(rows, name.replace(".rssBytes", "") + " RSS (MiB)", String.format(Locale.ROOT,
            "max %.0f; %.0f before the clients connected, %.0f at t0%s", max(values) / (1 << 20),
            first / (1 << 20), atT0 / (1 << 20), perClient));
      }
    });
    return rows;
  }

  private static JsonArray parameterRows(RunInfo run) {
    JsonArray rows = new JsonArray();
    JsonObject s = run.scenario();
    row(rows, "Nodes", s.getJsonArray("urls").encode());
    row(rows, "Vote rate", s.getValue("voteRate") + " votes/s (all processes, open loop)");
    row(rows, "Ask rate", s.getValue("askRate") + " asks/s");
    row(rows, "Duration / ramp / drain", s.getValue("durationSeconds") + " s / " + s.getValue("rampSeconds")
        + " s / " + s.getValue("drainSeconds") + " s");
    row(rows, "Moderation", s.getString("moderation"));
    row(rows, "Seeded questions", String.valueOf(run.seededQuestions()));
    row(rows, "Start at", s.getValue("startAt") == null ? "when the residents were connected"
        : s.getValue("startAt") + " (epoch ms)");
    run.processes().forEach(p -> {
      JsonObject process = (JsonObject) p;
      row(rows, "Process " + process.getValue("index"), String.format(Locale.ROOT,
          "%s residents, %s moderators, stage %s, connect concurrency %s, pids %s", process.getValue("residents"),
          process.getValue("moderators"), process.getValue("stage"), process.getValue("connectConcurrency"),
          process.getJsonObject("pids", new JsonObject()).encode()));
    });
    return rows;
  }

  private static String latency(Histogram h) {
    LatencySummary s = LatencySummary.of(h);
    if (s.count() == 0) {
      return "no values";
    }
    return String.format(Locale.ROOT, "p50 %.1f · p90 %.1f · p99 %.1f · p99.9 %.1f · max %.1f  (%d values)",
        s.p50() / 1e3, s.p90() / 1e3, s.p99() / 1e3, s.p999() / 1e3, s.max() / 1e3, s.count());
  }

  private static double mean(Map<Long, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double max(Map<Long, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static void row(JsonArray rows, String label, String value) {
    rows.add(new JsonArray().add(label).add(value));
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("resource " + resource + " is missing from the classpath");
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

package townhall.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * The charts of the HTML report as plain data for {@code report.js}: each an x array and named series of the same
 * length ({@code null} where a series has no value). Time runs in seconds since t0 (vote 0 due); latencies are in
 * milliseconds.
 */
final class ReportCharts {
  private static final double NINES_STEP = 0.05;
  private static final double MAX_NINES = 6;

  private final ResultSummary summary;
  private final MeasurementResult data;
  private final double t0Seconds;

  ReportCharts(ResultSummary summary) {
    this.summary = summary;
    this.data = summary.data();
    this.t0Seconds = summary.run().t0EpochMs() / 1000.0;
  }

  JsonArray all() {
    JsonArray charts = new JsonArray();
    charts.add(latencyOverTime());
    charts.add(distribution());
    charts.add(timeChart("connections", "Connections open", "connections", perGroup("connectionsOpen"), 1,
        "Welcomed sockets not closed yet, counted at the end of each second."));
    charts.add(timeChart("frames", "Frames received per second", "frames/s", perGroup("frames"), 1,
        "All frames the generator's clients received, by arrival second."));
    if (!data.series("storm.joined").isEmpty() || !data.series("reconnect.back").isEmpty()) {
      Map<String, TreeMap<Long, Double>> storms = new LinkedHashMap<>();
      storms.put("joiners welcomed", data.series("storm.joined"));
      storms.put("residents back after the kill", data.series("reconnect.back"));
      charts.add(timeChart("storms", "Joins and comebacks per second", "per second", storms, 1,
          "Join storm: joiners whose welcome arrived in that second. Reconnect storm: residents of the killed node"
              + " whose resumed or welcome arrived in that second."));
    }
    Map<String, TreeMap<Long, Double>> errors = new LinkedHashMap<>();
    errors.put("error frames", data.series("errors"));
    charts.add(timeChart("errors", "Error frames per second", "errors/s", errors, 1, null));
    charts.add(timeChart("cpu", "CPU", "% of one core", samples(".cpuPercent"), 1,
        "From /proc/<pid>/stat (utime + stime) every second; 100 % is one core busy, the machine has "
            + Runtime.getRuntime().availableProcessors() + " cores."));
    charts.add(timeChart("rss", "Resident memory (RSS)", "MiB", samples(".rssBytes"), 1.0 / (1 << 20),
        "VmRSS from /proc/<pid>/status every second."));
    return charts;
  }

  /** Vote → visible at each resident, by the second the vote was due in: p50, p90, p99, max. */
  private JsonObject latencyOverTime() {
    TreeMap<Long, Histogram> bySecond = data.bySecond(ClientGroup.RESIDENTS.name("voteVisible"));
    JsonArray x = new JsonArray();
    JsonArray[] values = {new JsonArray(), new JsonArray(), new JsonArray(), new JsonArray()};
    bySecond.forEach((second, h) -> {
      x.add(second);
      values[0].add(h.getValueAtPercentile(50) / 1e3);
      values[1].add(h.getValueAtPercentile(90) / 1e3);
      values[2].add(h.getValueAtPercentile(99) / 1e3);
      values[3].add(h.getMaxValue() / 1e3);
    });
    String[] labels = {"p50", "p90", "p99", "max"};
    JsonArray series = new JsonArray();
    for (int i = 0; i < labels.length; i++) {
      series.add(new JsonObject().put("label", labels[i]).put("data", values[i]));
    }
    return spec("latency-over-time", "Vote → visible at each resident, by second of intended send",
        "seconds since t0", "ms", x, series, "time",
        "Each point: the (vote, resident) pairs whose vote was due in that second, from the intended send time.");
  }

  /** The percentile curves of the main latency histograms. */
  private JsonObject distribution() {
    Map<String, Histogram> curves = new LinkedHashMap<>();
    curves.put("vote → visible (each resident)", data.histogram(ClientGroup.RESIDENTS.name("voteVisible")));
    curves.put("vote → visible (last resident)", summary.group(ClientGroup.RESIDENTS).voteLastClient());
    curves.put("vote → visible (stage)", data.histogram(ClientGroup.STAGE.name("voteVisible")));
    curves.put("vote → ack", data.histogram("voteAck"));
    curves.put("ask → visible (each resident)", data.histogram(ClientGroup.RESIDENTS.name("askVisible")));
    curves.values().removeIf(h -> h.getTotalCount() == 0);
    long most = curves.values().stream().mapToLong(Histogram::getTotalCount).max().orElse(1);
    double maxNines = Math.min(MAX_NINES, Math.ceil(Math.log10(Math.max(10, most))));
    JsonArray x = new JsonArray();
    for (double n = 0; n <= maxNines + 1e-9; n += NINES_STEP) {
      x.add(Math.round(n * 100) / 100.0);
    }
    JsonArray series = new JsonArray();
    curves.forEach((label, h) -> {
      JsonArray values = new JsonArray();
      double reach = Math.log10(h.getTotalCount());
      for (int i = 0; i < x.size(); i++) {
        double nines = x.getDouble(i);
        double percentile = 100 * (1 - Math.pow(10, -nines));
        values.add(nines <= reach + 1e-9 ? h.getValueAtPercentile(percentile) / 1e3 : null);
      }
      series.add(new JsonObject().put("label", label).put("data", values));
    });
    return spec("distribution", "Latency distribution (percentile curves)", "percentile", "ms", x, series,
        "percentile", "From the whole run's HdrHistograms; a curve stops where its values no longer resolve the"
            + " percentile (fewer than 10^nines values).");
  }

  private Map<String, TreeMap<Long, Double>> perGroup(String what) {
    Map<String, TreeMap<Long, Double>> series = new LinkedHashMap<>();
    for (ClientGroup group : ClientGroup.values()) {
      TreeMap<Long, Double> values = data.series(group.name(what));
      if (values.values().stream().anyMatch(v -> v != 0)) {
        series.put(group.key(), values);
      }
    }
    return series;
  }

  private Map<String, TreeMap<Long, Double>> samples(String suffix) {
    Map<String, TreeMap<Long, Double>> series = new LinkedHashMap<>();
    data.samples().forEach((name, values) -> {
      if (name.endsWith(suffix)) {
        series.put(name.substring(0, name.length() - suffix.length()), values);
      }
    });
    return series;
  }

  /** A chart over wall-clock seconds: the union of the series' seconds, shown as seconds since t0. */
  private JsonObject timeChart(String id, String title, String yLabel, Map<String, TreeMap<Long, Double>> input,
      double scale, String note) {
    TreeSet<Long> seconds = new TreeSet<>();
    input.values().forEach(values -> seconds.addAll(values.keySet()));
    JsonArray x = new JsonArray();
    seconds.forEach(second -> x.add(Math.round((second - t0Seconds) * 1000) / 1000.0));
    JsonArray series = new JsonArray();
    input.forEach((label, values) -> {
      JsonArray column = new JsonArray();
      seconds.forEach(second -> {
        Double v = values.get(second);
        column.add(v == null ? null : Math.round(v * scale * 1000) / 1000.0);
      });
      series.add(new JsonObject().put("label", label).put("data", column));
    });
    return spec(id, title, "seconds since t0", yLabel, x, series, "time", note);
  }

  private static JsonObject spec(String id, String title, String xLabel, String yLabel, JsonArray x,
      JsonArray series, String kind, String note) {
    return new JsonObject().put("id", id).put("title", title).put("xLabel", xLabel).put("yLabel", yLabel)
        .put("x", x).put("series", series).put("kind", kind).put("note", note);
  }
}

package townhall.load;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The join storm, the reconnect storm and Redis's own accounts in a result: summary lines, JSON, report rows and
 * the problems they add. Everything is derived from {@link MeasurementResult} ({@code storm.*},
 * {@code reconnect.*}, {@code redis.*}), so merged results read like single ones.
 */
final class StormReport {
  private final MeasurementResult data;

  StormReport(MeasurementResult data) {
    this.data = data;
  }

  boolean hasStorm() {
    return data.counter("storm.planned") > 0;
  }

  boolean hasReconnects() {
    return data.counter("reconnect.lost") > 0;
  }

  /** What went wrong in the storms. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    long planned = data.counter("storm.planned");
    long joined = data.counter("storm.joined");
    if (joined < planned) {
      problems.add((planned - joined) + " of " + planned + " joiner(s) never got in");
    }
    long refused = total(data.counts("storm.refusals"));
    if (refused > 0) {
      problems.add(refused + " join attempt(s) refused " + data.counts("storm.refusals"));
    }
    long failed = total(data.counts("storm.connectFailures"));
    if (failed > 0) {
      problems.add(failed + " join attempt(s) could not connect " + data.counts("storm.connectFailures"));
    }
    long closed = total(data.counts("storm.closeCodes"));
    if (closed > 0) {
      problems.add(closed + " join attempt(s) closed before the welcome " + data.counts("storm.closeCodes"));
    }
    long dropped = total(data.counts("storm.droppedAfterJoin"));
    if (dropped > 0) {
      problems.add(dropped + " joiner(s) dropped by the server after the welcome "
          + data.counts("storm.droppedAfterJoin"));
    }
    if (data.counter("paging.readers") > data.counter("paging.finished")) {
      problems.add("the page reader did not reach the last page");
    }
    if (data.counter("paging.duplicates") > 0) {
      problems.add(data.counter("paging.duplicates") + " question(s) came twice while paging");
    }
    long lost = data.counter("reconnect.lost");
    long back = data.counter("reconnect.back");
    if (back < lost) {
      problems.add((lost - back) + " of " + lost + " resident(s) whose connection was lost never came back");
    }
    long reconnectRefused = total(data.counts("reconnect.refusals"));
    if (reconnectRefused > 0) {
      problems.add(reconnectRefused + " reconnect attempt(s) refused by the node " + data.counts("reconnect.refusals"));
    }
    // a connection refused while the killed node is down and being started again is the outage itself, not a failure
    boolean restarted = data.histogram("reconnect.backAfterHealthy").getTotalCount() > 0;
    Map<String, Long> failures = new TreeMap<>(data.counts("reconnect.failures"));
    if (restarted) {
      failures.remove("connection refused");
    }
    if (total(failures) > 0) {
      problems.add(total(failures) + " reconnect attempt(s) failed without an answer " + failures);
    }
    if (back > data.counter("reconnect.sameIdentity")) {
      problems.add((back - data.counter("reconnect.sameIdentity")) + " resident(s) came back as someone else");
    }
    return problems;
  }

  /** The summary lines (latencies in ms). */
  String text() {
    StringBuilder out = new StringBuilder();
    if (hasStorm()) {
      out.append(String.format(Locale.ROOT, "join storm: %d planned, %d joined, %d attempts, %d retries; refused"
              + " %s; closed before welcome %s; could not connect %s; dropped after welcome %s%n",
          data.counter("storm.planned"), data.counter("storm.joined"), data.counter("storm.attempts"),
          data.counter("storm.retries"), orNone(data.counts("storm.refusals")),
          orNone(data.counts("storm.closeCodes")), orNone(data.counts("storm.connectFailures")),
          orNone(data.counts("storm.droppedAfterJoin"))));
      latencyLine(out, "join: first hello -> welcome", data.histogram("storm.joinTime"));
      latencyLine(out, "join: hello -> welcome (attempt in)", data.histogram("storm.joinAttempt"));
      latencyLine(out, "join: due -> welcome", data.histogram("storm.joinScheduled"));
      Histogram bytes = data.histogram("storm.welcomeBytes");
      Histogram questions = data.histogram("storm.welcomeQuestions");
      out.append(String.format(Locale.ROOT, "welcome size: p50 %d, p99 %d, max %d bytes; questions in it: p50 %d,"
              + " max %d%n", bytes.getValueAtPercentile(50), bytes.getValueAtPercentile(99), bytes.getMaxValue(),
          questions.getValueAtPercentile(50), questions.getMaxValue()));
    }
    if (hasReconnects()) {
      out.append(String.format(Locale.ROOT, "reconnect storm: %d lost, %d back (%s), %d as the same participant,"
              + " %d attempts; refused by the node %s; failed without its answer %s%n", data.counter("reconnect.lost"),
          data.counter("reconnect.back"), orNone(data.counts("reconnect.answers")),
          data.counter("reconnect.sameIdentity"), data.counter("reconnect.attempts"),
          orNone(data.counts("reconnect.refusals")), orNone(data.counts("reconnect.failures"))));
      latencyLine(out, "kill -> back", data.histogram("reconnect.backTime"));
      if (data.histogram("reconnect.backAfterHealthy").getTotalCount() > 0) {
        latencyLine(out, "restarted node healthy -> back", data.histogram("reconnect.backAfterHealthy"));
      }
    }
    if (data.counter("paging.readers") > 0) {
      out.append(String.format(Locale.ROOT, "paging: %d questions in %d pages (%d restarts on conflict, %d came twice)"
              + " in %.1f s%s%n", data.counter("paging.questions"), data.counter("paging.pages"),
          data.counter("paging.restarts"), data.counter("paging.duplicates"), data.counter("paging.micros") / 1e6,
          data.counter("paging.finished") > 0 ? "" : ", NOT to the end"));
      latencyLine(out, "page -> answer", data.histogram("paging.pageTime"));
    }
    for (String phase : List.of("storm", "window")) {
      Map<String, long[]> commands = commands(phase);
      if (commands.isEmpty()) {
        continue;
      }
      long cpu = data.counter("redis." + phase + ".cpuMicros");
      long[] scripts = commands.getOrDefault("evalsha", new long[2]);
      out.append(String.format(Locale.ROOT, "Redis during the %s: main thread CPU %d µs; scripts (EVALSHA) %d µs in"
              + " %d calls", phase.equals("storm") ? "storm (t0 until every joiner of process 0 was in)"
              : "measurement (t0 to the end)", cpu, scripts[1], scripts[0]));
      long joined = data.counter("storm.joined");
      if (phase.equals("storm") && joined > 0) {
        out.append(String.format(Locale.ROOT, "; per join (%d joins): %.1f µs of CPU, %.1f µs of scripts in %.2f"
            + " calls", joined, (double) cpu / joined, (double) scripts[1] / joined, (double) scripts[0] / joined));
      }
      out.append("\n  per command (commands run by scripts are counted here too; their time is also in EVALSHA's):\n");
      commands.forEach((command, v) -> out.append(String.format(Locale.ROOT,
          "  %-16s %10d calls %12d µs %10.2f µs per call%n", command, v[0], v[1], (double) v[1] / v[0])));
    }
    Long before = memory("t0");
    Long after = memory("end");
    if (before != null && after != null) {
      out.append(String.format(Locale.ROOT, "Redis used_memory: %,d bytes at t0, %,d at the end%n", before, after));
    }
    return out.toString();
  }

  /** The JSON summary of the storms and Redis's accounts. */
  JsonObject json() {
    JsonObject json = new JsonObject();
    if (hasStorm()) {
      json.put("joinStorm", new JsonObject().put("planned", data.counter("storm.planned"))
          .put("joined", data.counter("storm.joined")).put("attempts", data.counter("storm.attempts"))
          .put("retries", data.counter("storm.retries"))
          .put("refusals", new JsonObject(new TreeMap<>(data.counts("storm.refusals"))))
          .put("closeCodes", new JsonObject(new TreeMap<>(data.counts("storm.closeCodes"))))
          .put("connectFailures", new JsonObject(new TreeMap<>(data.counts("storm.connectFailures"))))
          .put("droppedAfterJoin", new JsonObject(new TreeMap<>(data.counts("storm.droppedAfterJoin"))))
          .put("joinTime", ResultReport.latency(data.histogram("storm.joinTime")))
          .put("joinAttempt", ResultReport.latency(data.histogram("storm.joinAttempt")))
          .put("joinScheduled", ResultReport.latency(data.histogram("storm.joinScheduled")))
          .put("welcomeBytes", ResultReport.latency(data.histogram("storm.welcomeBytes")))
          .put("welcomeQuestions", ResultReport.latency(data.histogram("storm.welcomeQuestions"))));
    }
    if (hasReconnects()) {
      json.put("reconnectStorm", new JsonObject().put("lost", data.counter("reconnect.lost"))
          .put("back", data.counter("reconnect.back")).put("sameIdentity", data.counter("reconnect.sameIdentity"))
          .put("attempts", data.counter("reconnect.attempts"))
          .put("answers", new JsonObject(new TreeMap<>(data.counts("reconnect.answers"))))
          .put("refusals", new JsonObject(new TreeMap<>(data.counts("reconnect.refusals"))))
          .put("failures", new JsonObject(new TreeMap<>(data.counts("reconnect.failures"))))
          .put("backTime", ResultReport.latency(data.histogram("reconnect.backTime")))
          .put("backAfterHealthy", data.histogram("reconnect.backAfterHealthy").getTotalCount() == 0 ? null
              : ResultReport.latency(data.histogram("reconnect.backAfterHealthy"))));
    }
    if (data.counter("paging.readers") > 0) {
      json.put("paging", new JsonObject().put("questions", data.counter("paging.questions"))
          .put("pages", data.counter("paging.pages")).put("restarts", data.counter("paging.restarts"))
          .put("duplicates", data.counter("paging.duplicates")).put("micros", data.counter("paging.micros"))
          .put("finished", data.counter("paging.finished") > 0)
          .put("pageTime", ResultReport.latency(data.histogram("paging.pageTime"))));
    }
    JsonObject redis = new JsonObject();
    for (String phase : List.of("storm", "window")) {
      JsonObject commands = new JsonObject();
      commands(phase).forEach((command, v) -> commands.put(command, new JsonObject().put("calls", v[0])
          .put("usec", v[1]).put("usecPerCall", (double) v[1] / v[0])));
      if (!commands.isEmpty()) {
        redis.put(phase, commands);
      }
    }
    for (String phase : List.of("storm", "window")) {
      if (redis.containsKey(phase)) {
        redis.put(phase + "CpuMicros", data.counter("redis." + phase + ".cpuMicros"));
      }
    }
    long joined = data.counter("storm.joined");
    if (redis.containsKey("storm") && joined > 0) {
      long[] scripts = commands("storm").getOrDefault("evalsha", new long[2]);
      redis.put("usecPerJoin", (double) data.counter("redis.storm.cpuMicros") / joined);
      redis.put("scriptUsecPerJoin", (double) scripts[1] / joined);
      redis.put("scriptCallsPerJoin", (double) scripts[0] / joined);
    }
    for (String moment : List.of("t0", "settled", "end")) {
      Long bytes = memory(moment);
      if (bytes != null) {
        redis.put("usedMemory." + moment, bytes);
      }
    }
    if (!redis.isEmpty()) {
      json.put("redis", redis);
    }
    return json;
  }

  /** Rows for the HTML report's table: {@code {name, value}}. */
  List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    if (hasStorm()) {
      rows.add(new String[] {"Join storm", String.format(Locale.ROOT, "%d of %d joined, %d retries, refused %s,"
              + " closed before welcome %s", data.counter("storm.joined"), data.counter("storm.planned"),
          data.counter("storm.retries"), orNone(data.counts("storm.refusals")),
          orNone(data.counts("storm.closeCodes")))});
      rows.add(new String[] {"Join: first hello → welcome (ms)", percentiles(data.histogram("storm.joinTime"))});
      Histogram bytes = data.histogram("storm.welcomeBytes");
      rows.add(new String[] {"Welcome size (bytes)", String.format(Locale.ROOT, "p50 %d, p99 %d, max %d",
          bytes.getValueAtPercentile(50), bytes.getValueAtPercentile(99), bytes.getMaxValue())});
    }
    if (hasReconnects()) {
      rows.add(new String[] {"Reconnect storm", String.format(Locale.ROOT,
          "%d lost, %d back %s, refused by the node %s, failed without its answer %s",
          data.counter("reconnect.lost"), data.counter("reconnect.back"), data.counts("reconnect.answers"),
          orNone(data.counts("reconnect.refusals")), orNone(data.counts("reconnect.failures")))});
      rows.add(new String[] {"Kill → back (ms)", percentiles(data.histogram("reconnect.backTime"))});
      if (data.histogram("reconnect.backAfterHealthy").getTotalCount() > 0) {
        rows.add(new String[] {"Restarted node healthy → back (ms)",
            percentiles(data.histogram("reconnect.backAfterHealthy"))});
      }
    }
    if (data.counter("paging.readers") > 0) {
      rows.add(new String[] {"Paging through the session", String.format(Locale.ROOT, "%d questions in %d pages,"
              + " %.1f s, %d came twice", data.counter("paging.questions"), data.counter("paging.pages"),
          data.counter("paging.micros") / 1e6, data.counter("paging.duplicates"))});
    }
    JsonObject redis = json().getJsonObject("redis");
    if (redis != null && redis.containsKey("usecPerJoin")) {
      rows.add(new String[] {"Redis time per join (µs)", String.format(Locale.ROOT, "%.1f of main-thread CPU,"
          + " %.1f in scripts", redis.getDouble("usecPerJoin"), redis.getDouble("scriptUsecPerJoin"))});
    }
    Map<String, long[]> window = commands("window");
    if (window.containsKey("evalsha")) {
      long[] v = window.get("evalsha");
      rows.add(new String[] {"Redis EVALSHA in the measurement", String.format(Locale.ROOT,
          "%d calls, %.2f µs per call", v[0], (double) v[1] / v[0])});
    }
    return rows;
  }

  /** {@code command -> {calls, usec}} of one phase. */
  private Map<String, long[]> commands(String phase) {
    Map<String, long[]> commands = new TreeMap<>();
    String prefix = "redis." + phase + ".";
    for (String name : data.counterNames()) {
      if (name.startsWith(prefix) && name.endsWith(".calls")) {
        String command = name.substring(prefix.length(), name.length() - ".calls".length());
        commands.put(command, new long[] {data.counter(name), data.counter(prefix + command + ".usec")});
      }
    }
    return commands;
  }

  private Long memory(String moment) {
    long bytes = data.counter("redis.memory." + moment);
    return bytes == 0 ? null : bytes;
  }

  private static String percentiles(Histogram h) {
    LatencySummary s = LatencySummary.of(h);
    return String.format(Locale.ROOT, "p50 %.0f, p95 %.0f, p99 %.0f, max %.0f (%d)", s.p50() / 1e3,
        h.getTotalCount() == 0 ? 0.0 : h.getValueAtPercentile(95) / 1e3, s.p99() / 1e3, s.max() / 1e3, s.count());
  }

  private static void latencyLine(StringBuilder out, String name, Histogram h) {
    LatencySummary s = LatencySummary.of(h);
    out.append(String.format(Locale.ROOT, "%-36s %9d p50 %9.3f p95 %9.3f p99 %9.3f max %9.3f ms%n", name,
        s.count(), s.p50() / 1e3, h.getTotalCount() == 0 ? 0.0 : h.getValueAtPercentile(95) / 1e3, s.p99() / 1e3,
        s.max() / 1e3));
  }

  private static String orNone(Map<String, Long> counts) {
    return counts.isEmpty() ? "none" : counts.toString();
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}

package townhall.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts of a run that do not add up: what was loaded and how. Merging checks that the results come from one
 * run (same session, start and schedule) and lists every process.
 *
 * @param target {@code townhall} or {@code floor}: which server answered on the nodes ({@code GET /health})
 * @param nodeIds what the nodes' health answers called them
 * @param sessionId the session loaded
 * @param t0EpochMs when vote 0 was due (epoch ms)
 * @param durationSeconds length of the measurement
 * @param scheduledVotes votes of the whole run
 * @param scheduledAsks asks of the whole run
 * @param seededQuestions Q
 * @param processCount how many processes the run had
 * @param scenario the options shared by all processes (urls, rates, durations, moderation)
 * @param processes one entry per process whose result this holds: its index and its own options
 */
public record RunInfo(String target, List<String> nodeIds, String sessionId, long t0EpochMs,
    double durationSeconds, long scheduledVotes, long scheduledAsks, int seededQuestions, int processCount,
    JsonObject scenario, JsonArray processes) {

  /** The facts of this process's run. */
  public static RunInfo of(LoadOptions options, String target, List<String> nodeIds, String sessionId,
      long t0EpochMs, int questions) {
    JsonArray urls = new JsonArray();
    options.nodes().forEach(node -> urls.add(node.toString()));
    JsonObject scenario = new JsonObject().put("urls", urls).put("voteRate", options.voteRate())
        .put("askRate", options.askRate()).put("durationSeconds", options.durationSeconds())
        .put("rampSeconds", options.rampSeconds()).put("drainSeconds", options.drainSeconds())
        .put("moderation", options.moderation()).put("startAt", options.startAt())
        .put("joiners", options.storm().joiners()).put("joinRate", options.storm().joinRate())
        .put("joinAtSeconds", options.storm().joinAtSeconds()).put("questions", options.storm().questions())
        .put("killNode", options.storm().kills() ? options.storm().killNode() : null)
        .put("killAtSeconds", options.storm().kills() ? options.storm().killAtSeconds() : null);
    JsonObject pids = new JsonObject();
    options.pids().forEach(pids::put);
    JsonObject process = new JsonObject().put("index", options.share().index())
        .put("residents", options.residents()).put("moderators", options.moderators())
        .put("stage", options.stage()).put("connectConcurrency", options.connectConcurrency())
        .put("sessionCreated", options.adminToken() != null).put("pids", pids);
    return new RunInfo(target, List.copyOf(nodeIds), sessionId, t0EpochMs, options.durationSeconds(),
        options.scheduledVotes(), options.scheduledAsks(), questions, options.share().count(), scenario,
        new JsonArray().add(process));
  }

  /** The facts of two parts of one run together. */
  public RunInfo merge(RunInfo other) {
    List<String> problems = new ArrayList<>();
    if (!sessionId.equals(other.sessionId)) {
      problems.add("sessions " + sessionId + " and " + other.sessionId);
    }
    if (t0EpochMs != other.t0EpochMs) {
      problems.add("starts " + t0EpochMs + " and " + other.t0EpochMs + " (epoch ms)");
    }
    if (scheduledVotes != other.scheduledVotes || scheduledAsks != other.scheduledAsks
        || seededQuestions != other.seededQuestions) {
      problems.add("different schedules");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the results are not from one run: " + String.join(", ", problems));
    }
    JsonArray all = processes.copy();
    other.processes.forEach(all::add);
    List<String> ids = new ArrayList<>(nodeIds);
    other.nodeIds.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
    String targets = target.equals(other.target) ? target : target + "+" + other.target;
    return new RunInfo(targets, ids, sessionId, t0EpochMs, durationSeconds, scheduledVotes, scheduledAsks,
        seededQuestions, processCount, scenario, all);
  }

  /** Residents of all processes held. */
  public long residents() {
    return processes.stream().mapToLong(p -> ((JsonObject) p).getLong("residents", 0L)).sum();
  }

  /** The JSON form. */
  public JsonObject toJson() {
    return new JsonObject().put("target", target).put("nodeIds", new JsonArray(nodeIds))
        .put("sessionId", sessionId).put("t0EpochMs", t0EpochMs).put("durationSeconds", durationSeconds)
        .put("scheduledVotes", scheduledVotes).put("scheduledAsks", scheduledAsks)
        .put("seededQuestions", seededQuestions).put("processCount", processCount).put("scenario", scenario)
        .put("processes", processes);
  }

  /** Reads {@link #toJson}'s form. */
  public static RunInfo fromJson(JsonObject json) {
    List<String> ids = new ArrayList<>();
    json.getJsonArray("nodeIds", new JsonArray()).forEach(id -> ids.add(String.valueOf(id)));
    return new RunInfo(json.getString("target"), ids, json.getString("sessionId"), json.getLong("t0EpochMs"),
        json.getDouble("durationSeconds"), json.getLong("scheduledVotes"), json.getLong("scheduledAsks"),
        json.getInteger("seededQuestions"), json.getInteger("processCount"), json.getJsonObject("scenario"),
        json.getJsonArray("processes"));
  }
}

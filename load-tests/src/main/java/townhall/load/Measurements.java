package townhall.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything measured during a run. Receives every frame of every client (through the {@link FrameListener} of
 * its {@link ClientGroup}) and every send of the scheduler, and routes them to the trackers; one lock guards it
 * all, since the sockets' event loops and the scheduler call in from different threads.
 *
 * <p>Vote and ask numbers are global (the whole run's schedule, see {@link ProcessShare}); this process's own
 * votes and asks are kept by their local number.
 */
public final class Measurements {
  private static final byte SENT = 1;
  private static final byte ACKED = 2;
  private static final byte FAILED = 3;

  private final ProcessShare share;
  private final QuestionTexts texts;
  private final Map<String, Integer> seeded = new HashMap<>();
  private final Histogram voteAck = Latency.histogram();
  private final Histogram askAck = Latency.histogram();
  private final Histogram sendLag = Latency.histogram();
  private final CountMap errors = new CountMap();
  private final CountMap anomalies = new CountMap();
  private final CountMap notes = new CountMap();
  private final CountMap notSent = new CountMap();
  private final Map<ClientGroup, GroupMeasurements> groups = new EnumMap<>(ClientGroup.class);
  private final PerSecond errorsBySecond;
  private final BitSet[] ackedCounts;
  private final int[] voteQuestion;
  private final long[] voteIntended;
  private final byte[] voteState;
  private final long[] askIntended;
  private final byte[] askState;
  private final long baseNanos;
  private final long baseEpochMs;
  private List<String> seededIds = List.of();
  private long votesSent;
  private long asksSent;
  private long approvalsSent;
  private long approvalsAcked;
  private long windowStart = Long.MAX_VALUE;
  private long windowEnd = Long.MAX_VALUE;

  /**
   * @param options the run's options (sizes the per-vote arrays and the groups)
   * @param texts the run's question texts (to recognise the scheduled asks)
   */
  public Measurements(LoadOptions options, QuestionTexts texts) {
    this.share = options.share();
    this.texts = texts;
    this.baseNanos = System.nanoTime();
    this.baseEpochMs = System.currentTimeMillis();
    int questions = options.seededQuestions();
    int[] capacity = {options.residents(), options.moderators(), options.stage() ? 1 : 0};
    for (ClientGroup group : ClientGroup.values()) {
      groups.put(group, new GroupMeasurements(group, capacity[group.ordinal()], questions,
          options.scheduledVotes(), options.scheduledAsks(), anomalies, notes, baseEpochMs));
    }
    this.errorsBySecond = new PerSecond(baseEpochMs);
    this.ackedCounts = new BitSet[questions];
    for (int q = 0; q < questions; q++) {
      ackedCounts[q] = new BitSet();
    }
    int plannedVotes = Math.toIntExact(options.plannedVotes());
    int plannedAsks = Math.toIntExact(options.plannedAsks());
    this.voteQuestion = new int[plannedVotes];
    this.voteIntended = new long[plannedVotes];
    this.voteState = new byte[plannedVotes];
    this.askIntended = new long[plannedAsks];
    this.askState = new byte[plannedAsks];
  }

  /** The listener for the sockets of one group. */
  public FrameListener listener(ClientGroup group) {
    GroupMeasurements measured = groups.get(group);
    return new FrameListener() {
      @Override
      public void onFrame(ResidentSocket socket, JsonObject frame, long nanos) {
        Measurements.this.onFrame(group, measured, socket.index(), frame, nanos);
      }

      @Override
      public void onUnparsable(ResidentSocket socket, String text) {
        Measurements.this.onUnparsable(measured, System.nanoTime());
      }

      @Override
      public void onClosed(ResidentSocket socket, Short code, boolean byUs) {
        if (socket.welcomed()) {
          measured.connections().closed();
          if (!byUs) {
            measured.connections().dropped(code);
          }
        }
      }
    };
  }

  /** The connection counters of a group (they have their own lock). */
  public ConnectionStats connections(ClientGroup group) {
    return groups.get(group).connections();
  }

  /** The seeded questions, in plan order: question {@code q} of the plan is {@code ids.get(q)}. */
  public synchronized void seeded(List<String> ids) {
    seededIds = List.copyOf(ids);
    for (int q = 0; q < ids.size(); q++) {
      seeded.put(ids.get(q), q);
    }
  }

  /** t0 is fixed: the global schedules are known, from now on counts map to votes. */
  public synchronized void schedule(Schedule votes, Schedule asks) {
    groups.values().forEach(g -> g.schedule(votes, asks));
  }

  /** Opens the measurement window [start, end) for the frame rate. */
  public synchronized void startWindow(long startNanos, long endNanos) {
    windowStart = startNanos;
    windowEnd = endNanos;
  }

  /** How many clients of a group were connected when the measurement started. */
  public synchronized void clients(ClientGroup group, int connected) {
    groups.get(group).clients(connected);
  }

  /** The wall-clock time of a {@link System#nanoTime()} value, in epoch milliseconds. */
  public long epochMillis(long nanos) {
    return baseEpochMs + Math.floorDiv(nanos - baseNanos, 1_000_000L);
  }

  /** The {@link System#nanoTime()} value of an epoch-milliseconds time. */
  public long nanosAt(long epochMs) {
    return baseNanos + (epochMs - baseEpochMs) * 1_000_000L;
  }

  /** When this process's measurements started (epoch ms). */
  public long originEpochMs() {
    return baseEpochMs;
  }

  /** Global vote {@code i} is about to be written by local resident {@code client}. */
  public synchronized void voteSent(long i, int question, long intendedNanos, long nowNanos) {
    int k = share.local(i);
    voteQuestion[k] = question;
    voteIntended[k] = intendedNanos;
    voteState[k] = SENT;
    votesSent++;
    Latency.record(sendLag, intendedNanos, nowNanos);
  }

  /** A due vote or ask could not be sent. */
  public synchronized void notSent(String reason) {
    notSent.increment(reason);
  }

  /** Global ask {@code j} is about to be written by local resident {@code client}. */
  public synchronized void askSent(long j, int client, long intendedNanos, long nowNanos) {
    int k = share.local(j);
    groups.get(ClientGroup.RESIDENTS).asks().onSent(j, client);
    askIntended[k] = intendedNanos;
    askState[k] = SENT;
    asksSent++;
    Latency.record(sendLag, intendedNanos, nowNanos);
  }

  /** A moderator is about to approve a question. */
  public synchronized void approvalSent() {
    approvalsSent++;
  }

  private synchronized void onFrame(ClientGroup group, GroupMeasurements measured, int client, JsonObject frame,
      long nanos) {
    String type = String.valueOf(frame.getValue("type"));
    long epochMs = epochMillis(nanos);
    measured.frame(type, nanos >= windowStart && nanos < windowEnd, epochMs);
    switch (type) {
      case "welcome" -> onWelcome(group, measured, client, frame, nanos);
      case "ack" -> onAck(measured, client, frame, nanos);
      case "error" -> onError(frame, epochMs);
      case "votes" -> onVotes(measured, client, frame, nanos);
      case "question" -> onQuestion(measured, client, frame, nanos);
      default -> { }
    }
  }

  private synchronized void onUnparsable(GroupMeasurements measured, long nanos) {
    measured.unparsable(nanos >= windowStart && nanos < windowEnd, epochMillis(nanos));
    anomalies.increment("frame that is not a JSON object");
  }

  private void onWelcome(ClientGroup group, GroupMeasurements measured, int client, JsonObject frame, long nanos) {
    String expectedRole = group == ClientGroup.MODERATORS ? "moderator" : "resident";
    if (!expectedRole.equals(frame.getString("role"))) {
      anomalies.increment(group.key() + " welcome with role " + frame.getValue("role"));
    }
    JsonArray questions = frame.getJsonArray("questions", new JsonArray());
    int found = 0;
    for (int n = 0; n < questions.size(); n++) {
      JsonObject question = questions.getJsonObject(n);
      Integer q = seeded.get(question.getString("id"));
      if (q != null) {
        found++;
        if (!"live".equals(question.getString("status"))) {
          anomalies.increment("seeded question not live in a welcome");
        }
        measured.votes().initialCount(client, q, question.getInteger("votes", 0), nanos);
      }
    }
    if (found < seeded.size()) {
      anomalies.increment("welcome without every seeded question");
    }
  }

  private void onAck(GroupMeasurements measured, int client, JsonObject frame, long nanos) {
    String ref = frame.getString("ref", "");
    if (ref.startsWith("v-")) {
      onVoteAck(measured, client, Long.parseLong(ref.substring(2)), frame, nanos);
    } else if (ref.startsWith("a-")) {
      int k = share.local(Long.parseLong(ref.substring(2)));
      if (askState[k] != SENT) {
        anomalies.increment("ask ack for an ask not waiting for one");
        return;
      }
      askState[k] = ACKED;
      Latency.record(askAck, askIntended[k], nanos);
    } else if (ref.startsWith("m-")) {
      approvalsAcked++;
    } else {
      anomalies.increment("ack with an unknown ref");
    }
  }

  private void onVoteAck(GroupMeasurements measured, int client, long i, JsonObject frame, long nanos) {
    int k = share.local(i);
    if (voteState[k] != SENT) {
      anomalies.increment("vote ack for a vote not waiting for one");
      return;
    }
    voteState[k] = ACKED;
    Latency.record(voteAck, voteIntended[k], nanos);
    int q = voteQuestion[k];
    if (!seededIds.get(q).equals(frame.getString("questionId"))) {
      anomalies.increment("vote ack names another question");
      return;
    }
    if (!Boolean.TRUE.equals(frame.getBoolean("voted")) || frame.containsKey("duplicate")) {
      anomalies.increment("vote ack not voted:true or marked duplicate");
    }
    Integer count = frame.getInteger("votes");
    if (count == null || count < 1) {
      anomalies.increment("vote ack without a count of at least 1");
      return;
    }
    if (ackedCounts[q].get(count)) {
      anomalies.increment("two vote acks with the same count");
    }
    ackedCounts[q].set(count);
    measured.votes().onAck(client, q, count, nanos);
  }

  private void onError(JsonObject frame, long epochMs) {
    errors.increment(String.valueOf(frame.getValue("code")));
    errorsBySecond.add(epochMs, 1);
    String ref = frame.getString("ref", "");
    if (ref.startsWith("v-")) {
      voteState[share.local(Long.parseLong(ref.substring(2)))] = FAILED;
    } else if (ref.startsWith("a-")) {
      askState[share.local(Long.parseLong(ref.substring(2)))] = FAILED;
    }
  }

  private void onVotes(GroupMeasurements measured, int client, JsonObject frame, long nanos) {
    JsonObject counts = frame.getJsonObject("counts");
    if (counts == null) {
      anomalies.increment("votes frame without counts");
      return;
    }
    for (Map.Entry<String, Object> entry : counts) {
      Integer q = seeded.get(entry.getKey());
      if (q != null && entry.getValue() instanceof Number count) {
        measured.votes().onVotesFrame(client, q, count.intValue(), nanos);
      }
    }
  }

  private void onQuestion(GroupMeasurements measured, int client, JsonObject frame, long nanos) {
    JsonObject question = frame.getJsonObject("question");
    long j = question == null ? -1 : texts.askIndex(question.getString("text"));
    if (j >= 0) {
      measured.asks().onQuestionEvent(client, j, nanos);
    }
  }

  /** Ends the measurement and gathers every number. Call once, after the drain. */
  public synchronized MeasurementResult finish() {
    long acked = 0;
    long failed = 0;
    for (byte state : voteState) {
      acked += state == ACKED ? 1 : 0;
      failed += state == FAILED ? 1 : 0;
    }
    long asksAcked = 0;
    long asksFailed = 0;
    for (byte state : askState) {
      asksAcked += state == ACKED ? 1 : 0;
      asksFailed += state == FAILED ? 1 : 0;
    }
    MeasurementResult result = new MeasurementResult()
        .count("votes.planned", voteState.length).count("votes.sent", votesSent)
        .count("votes.acked", acked).count("votes.refused", failed)
        .count("asks.planned", askState.length).count("asks.sent", asksSent)
        .count("asks.acked", asksAcked).count("asks.refused", asksFailed)
        .count("approvals.sent", approvalsSent).count("approvals.acked", approvalsAcked)
        .histogram("voteAck", voteAck).histogram("askAck", askAck).histogram("sendLag", sendLag)
        .counts("errors", errors.snapshot()).counts("notSent", notSent.snapshot())
        .counts("anomalies", anomalies.snapshot()).counts("notes", notes.snapshot())
        .series("errors", errorsBySecond.snapshot());
    groups.values().forEach(group -> group.addTo(result));
    return result;
  }
}

package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Everything measured during a run. Receives every frame of every client (through the {@link FrameListener} each
 * group has on each event loop, a {@link MeasuringListener}) and every send of the scheduler.
 *
 * <p>The per-frame work takes no lock: frame counts and vote visibility are kept per event loop
 * ({@link LoopMeasurements}, touched by that loop only) and added up at the end, and what they read from here (the
 * seeded questions, the vote schedule, the measurement window) is published through volatile fields once, before
 * the measurement. Everything else (the scheduler's sends, the rare frames: welcome, ack, error, question, and
 * the ask visibility) is guarded by this object's lock, as the loops and the scheduler call in from different
 * threads.
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
  private final Histogram voteAck = Latency.histogram();
  private final Histogram askAck = Latency.histogram();
  private final Histogram sendLag = Latency.histogram();
  private final CountMap errors = new CountMap();
  private final CountMap anomalies = new CountMap();
  private final CountMap notSent = new CountMap();
  private final CountMap notes = new CountMap();
  private final Map<ClientGroup, GroupMeasurements> groups = new EnumMap<>(ClientGroup.class);
  private final Map<Context, LoopMeasurements> loops = new IdentityHashMap<>();
  private final int[] capacity;
  private final int questions;
  private final long scheduledVotes;
  private final PerSecond errorsBySecond;
  private final BitSet[] ackedCounts;
  private final int[] voteQuestion;
  private final long[] voteIntended;
  private final byte[] voteState;
  private final long[] askIntended;
  private final byte[] askState;
  private final long baseNanos;
  private final long baseEpochMs;
  private volatile List<String> seededIds = List.of();
  private volatile QuestionIndex seeded = QuestionIndex.EMPTY;
  private volatile Schedule voteSchedule;
  private long votesSent;
  private long asksSent;
  private long approvalsSent;
  private long approvalsAcked;
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;

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
    this.questions = questions;
    this.scheduledVotes = options.scheduledVotes();
    this.capacity = new int[] {options.residents(), options.moderators(), options.stage() ? 1 : 0};
    for (ClientGroup group : ClientGroup.values()) {
      groups.put(group, new GroupMeasurements(group, capacity[group.ordinal()], scheduledVotes,
          options.scheduledAsks(), anomalies));
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

  /**
   * The listener for the sockets of one group that are connected from {@code context} (so that their frames
   * arrive on its event loop, and are recorded there without a lock).
   */
  public synchronized FrameListener listener(ClientGroup group, Context context) {
    LoopMeasurements loop = loops.computeIfAbsent(context, c -> new LoopMeasurements(c, capacity, questions,
        scheduledVotes, () -> voteSchedule, baseEpochMs));
    return new MeasuringListener(this, group, groups.get(group), loop);
  }

  /** The connection counters of a group (they have their own lock). */
  public ConnectionStats connections(ClientGroup group) {
    return groups.get(group).connections();
  }

  /** The seeded questions, in plan order: question {@code q} of the plan is {@code ids.get(q)}. */
  public synchronized void seeded(List<String> ids) {
    seededIds = List.copyOf(ids);
    seeded = new QuestionIndex(seededIds);
  }

  /** The seeded questions by id (empty before they are known). Read without the lock. */
  QuestionIndex seededIndex() {
    return seeded;
  }

  /** t0 is fixed: the global schedules are known, from now on counts map to votes. */
  public synchronized void schedule(Schedule votes, Schedule asks) {
    groups.values().forEach(g -> g.asks().schedule(asks));
    voteSchedule = votes;
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

  /** Whether a {@link System#nanoTime()} value is in the measurement window. Read without the lock. */
  boolean inWindow(long nanos) {
    return nanos >= windowStart && nanos < windowEnd;
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

  /**
   * A frame other than {@code votes} that matters (welcome, ack, error, question), already counted, from the
   * event loop of {@code loop}, whose vote visibility it may advance.
   */
  synchronized void onRareFrame(ClientGroup group, GroupMeasurements measured, LoopMeasurements loop, int client,
      String type, JsonObject frame, long nanos) {
    VoteVisibility votes = loop.votes(group);
    switch (type) {
      case "welcome" -> onWelcome(group, votes, client, frame, nanos);
      case "ack" -> onAck(votes, client, frame, nanos);
      case "error" -> onError(frame, epochMillis(nanos));
      case "question" -> onQuestion(measured, client, frame, nanos);
      default -> { }
    }
  }

  private void onWelcome(ClientGroup group, VoteVisibility votes, int client, JsonObject frame, long nanos) {
    String expectedRole = group == ClientGroup.MODERATORS ? "moderator" : "resident";
    if (!expectedRole.equals(frame.getString("role"))) {
      anomalies.increment(group.key() + " welcome with role " + frame.getValue("role"));
    }
    JsonArray questions = frame.getJsonArray("questions", new JsonArray());
    int found = 0;
    for (int n = 0; n < questions.size(); n++) {
      JsonObject question = questions.getJsonObject(n);
      int q = seeded.find(question.getString("id"));
      if (q >= 0) {
        found++;
        if (!"live".equals(question.getString("status"))) {
          anomalies.increment("seeded question not live in a welcome");
        }
        votes.initialCount(client, q, question.getInteger("votes", 0), nanos);
      }
    }
    if (found < seeded.size()) {
      anomalies.increment("welcome without every seeded question");
    }
  }

  private void onAck(VoteVisibility votes, int client, JsonObject frame, long nanos) {
    String ref = frame.getString("ref", "");
    if (ref.startsWith("v-")) {
      onVoteAck(votes, client, Long.parseLong(ref.substring(2)), frame, nanos);
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

  private void onVoteAck(VoteVisibility votes, int client, long i, JsonObject frame, long nanos) {
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
    if (!Boolean.TRUE.equals(frame.getBoolean("voted"))) {
      anomalies.increment("vote ack not voted:true");
    }
    if (frame.containsKey("duplicate")) {
      // only a vote sent again after a lost connection (its first ack was lost with the node) is answered so
      notes.increment("vote ack marked duplicate (sent again after a lost connection)");
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
    votes.onAck(client, q, count, nanos);
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

  private void onQuestion(GroupMeasurements measured, int client, JsonObject frame, long nanos) {
    JsonObject question = frame.getJsonObject("question");
    long j = question == null ? -1 : texts.askIndex(question.getString("text"));
    if (j >= 0) {
      measured.asks().onQuestionEvent(client, j, nanos);
    }
  }

  /**
   * Ends the measurement and gathers every number. Call once, after the drain, from a thread that is not an
   * event loop: each loop first stops recording (frames that arrive later are not counted) and hands its numbers
   * over.
   */
  public MeasurementResult finish() {
    List<LoopMeasurements> handedOver;
    synchronized (this) {
      handedOver = new ArrayList<>(loops.values());
    }
    try {
      Future.all(handedOver.stream().map(LoopMeasurements::handOver).toList()).await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("an event loop did not hand its measurements over within 30 s", e);
    }
    return gather(handedOver);
  }

  private synchronized MeasurementResult gather(List<LoopMeasurements> handedOver) {
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
    for (LoopMeasurements loop : handedOver) {
      result.counts("anomalies", loop.anomalies().snapshot()).counts("notes", loop.notes().snapshot());
    }
    groups.values().forEach(group -> group.addTo(result, handedOver));
    return result;
  }
}

package townhall.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything measured during a run. Receives every resident frame (as their {@link FrameListener}) and every send
 * of the scheduler, and routes them to the trackers; one lock guards it all, since the residents' event loops and
 * the scheduler call in from different threads.
 */
public final class Measurements implements FrameListener {
  private static final byte SENT = 1;
  private static final byte ACKED = 2;
  private static final byte FAILED = 3;

  private final Map<String, Integer> seeded = new HashMap<>();
  private final List<String> seededIds;
  private final Histogram voteAck = Latency.histogram();
  private final Histogram voteVisible = Latency.histogram();
  private final Histogram voteVisibleAll = Latency.histogram();
  private final Histogram askAck = Latency.histogram();
  private final Histogram askVisible = Latency.histogram();
  private final Histogram sendLag = Latency.histogram();
  private final CountMap errors = new CountMap();
  private final CountMap anomalies = new CountMap();
  private final CountMap notes = new CountMap();
  private final CountMap notSent = new CountMap();
  private final CountMap frameTypes = new CountMap();
  private final ConnectionStats connections = new ConnectionStats();
  private final VoteVisibility votes;
  private final AskVisibility asks;
  private final int[] voteQuestion;
  private final int[] voteClient;
  private final long[] voteIntended;
  private final byte[] voteState;
  private final byte[] askState;
  private long votesSent;
  private long asksSent;
  private long framesTotal;
  private long framesInWindow;
  private long windowStart = Long.MAX_VALUE;
  private long windowEnd = Long.MAX_VALUE;
  private int clients;

  /**
   * @param options the run's options (sizes the per-vote arrays)
   * @param seededIds the ids of the questions the votes go to, in plan order
   */
  public Measurements(LoadOptions options, List<String> seededIds) {
    this.seededIds = List.copyOf(seededIds);
    for (int q = 0; q < seededIds.size(); q++) {
      seeded.put(seededIds.get(q), q);
    }
    int plannedVotes = Math.toIntExact(options.plannedVotes());
    int plannedAsks = Math.toIntExact(options.plannedAsks());
    this.votes = new VoteVisibility(seededIds.size(), options.residents(), voteVisible, anomalies, notes);
    this.asks = new AskVisibility(plannedAsks, askAck, askVisible);
    this.asks.ignore(seededIds);
    this.voteQuestion = new int[plannedVotes];
    this.voteClient = new int[plannedVotes];
    this.voteIntended = new long[plannedVotes];
    this.voteState = new byte[plannedVotes];
    this.askState = new byte[plannedAsks];
  }

  /** The connection counters (they have their own lock). */
  public ConnectionStats connections() {
    return connections;
  }

  /** Opens the measurement window [start, end) for the frame rate; {@code clients} residents are connected. */
  public synchronized void startWindow(long startNanos, long endNanos, int connectedClients) {
    windowStart = startNanos;
    windowEnd = endNanos;
    clients = connectedClients;
  }

  /** Vote {@code i} is about to be written by resident {@code client}. */
  public synchronized void voteSent(int i, int question, int client, long intendedNanos, long nowNanos) {
    voteQuestion[i] = question;
    voteClient[i] = client;
    voteIntended[i] = intendedNanos;
    voteState[i] = SENT;
    votesSent++;
    Latency.record(sendLag, intendedNanos, nowNanos);
  }

  /** A due vote or ask could not be sent. */
  public synchronized void notSent(String reason) {
    notSent.increment(reason);
  }

  /** Ask {@code i} is about to be written by resident {@code client}. */
  public synchronized void askSent(int i, int client, long intendedNanos, long nowNanos) {
    asks.onSent(i, client, intendedNanos);
    askState[i] = SENT;
    asksSent++;
    Latency.record(sendLag, intendedNanos, nowNanos);
  }

  @Override
  public synchronized void onFrame(ResidentSocket socket, JsonObject frame, long nanos) {
    framesTotal++;
    if (nanos >= windowStart && nanos < windowEnd) {
      framesInWindow++;
    }
    String type = String.valueOf(frame.getValue("type"));
    frameTypes.increment(type);
    int client = socket.index();
    switch (type) {
      case "welcome" -> onWelcome(client, frame);
      case "ack" -> onAck(client, frame, nanos);
      case "error" -> onError(frame);
      case "votes" -> onVotes(client, frame, nanos);
      case "question" -> onQuestion(client, frame, nanos);
      default -> { }
    }
  }

  private void onWelcome(int client, JsonObject frame) {
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
        votes.initialCount(client, q, question.getInteger("votes", 0));
      }
    }
    if (found < seeded.size()) {
      anomalies.increment("welcome without every seeded question");
    }
  }

  private void onAck(int client, JsonObject frame, long nanos) {
    String ref = frame.getString("ref", "");
    if (ref.startsWith("v-")) {
      int i = Integer.parseInt(ref.substring(2));
      if (voteState[i] != SENT) {
        anomalies.increment("vote ack for a vote not waiting for one");
        return;
      }
      voteState[i] = ACKED;
      Latency.record(voteAck, voteIntended[i], nanos);
      if (!seededIds.get(voteQuestion[i]).equals(frame.getString("questionId"))) {
        anomalies.increment("vote ack names another question");
        return;
      }
      if (!Boolean.TRUE.equals(frame.getBoolean("voted")) || frame.containsKey("duplicate")) {
        anomalies.increment("vote ack not voted:true or marked duplicate");
      }
      Integer count = frame.getInteger("votes");
      if (count == null) {
        anomalies.increment("vote ack without votes");
        return;
      }
      votes.onAck(client, voteQuestion[i], count, voteIntended[i], nanos);
    } else if (ref.startsWith("a-")) {
      int i = Integer.parseInt(ref.substring(2));
      if (askState[i] != SENT) {
        anomalies.increment("ask ack for an ask not waiting for one");
        return;
      }
      askState[i] = ACKED;
      asks.onAck(i, frame.getString("questionId"), nanos);
    } else {
      anomalies.increment("ack with an unknown ref");
    }
  }

  private void onError(JsonObject frame) {
    errors.increment(String.valueOf(frame.getValue("code")));
    String ref = frame.getString("ref", "");
    if (ref.startsWith("v-")) {
      voteState[Integer.parseInt(ref.substring(2))] = FAILED;
    } else if (ref.startsWith("a-")) {
      askState[Integer.parseInt(ref.substring(2))] = FAILED;
    }
  }

  private void onVotes(int client, JsonObject frame, long nanos) {
    JsonObject counts = frame.getJsonObject("counts");
    if (counts == null) {
      anomalies.increment("votes frame without counts");
      return;
    }
    for (Map.Entry<String, Object> entry : counts) {
      Integer q = seeded.get(entry.getKey());
      if (q != null && entry.getValue() instanceof Number count) {
        votes.onVotesFrame(client, q, count.intValue(), nanos);
      }
    }
  }

  private void onQuestion(int client, JsonObject frame, long nanos) {
    JsonObject question = frame.getJsonObject("question");
    if (question != null && question.getString("id") != null) {
      asks.onQuestionEvent(client, question.getString("id"), nanos);
    }
  }

  @Override
  public synchronized void onUnparsable(ResidentSocket socket, String text) {
    framesTotal++;
    anomalies.increment("frame that is not a JSON object");
  }

  @Override
  public void onClosed(ResidentSocket socket, Short code, boolean byUs) {
    if (!byUs && socket.welcomed()) {
      connections.dropped(code);
    }
  }

  /** Ends the measurement and gathers every number. Call once, after the drain. */
  public synchronized MeasurementResult finish() {
    VoteVisibility.Result voteResult = votes.finish(clients, voteVisibleAll);
    AskVisibility.Result askResult = asks.finish(Math.max(0, clients - 1));
    long acked = 0;
    long failed = 0;
    for (byte state : voteState) {
      acked += state == ACKED ? 1 : 0;
      failed += state == FAILED ? 1 : 0;
    }
    long asksFailed = 0;
    for (byte state : askState) {
      asksFailed += state == FAILED ? 1 : 0;
    }
    double seconds = (windowEnd - windowStart) / 1e9;
    double framesPerClient = clients == 0 || seconds <= 0 ? 0 : framesInWindow / seconds / clients;
    return new MeasurementResult(clients, voteState.length, votesSent, acked, failed, askState.length, asksSent,
        asksFailed, notSent.snapshot(), voteResult, askResult,
        LatencySummary.of(voteAck), LatencySummary.of(voteVisible), LatencySummary.of(voteVisibleAll),
        LatencySummary.of(askAck), LatencySummary.of(askVisible), LatencySummary.of(sendLag),
        framesTotal, framesInWindow, framesPerClient, frameTypes.snapshot(), errors.snapshot(),
        anomalies.snapshot(), notes.snapshot(), connections.snapshot());
  }
}

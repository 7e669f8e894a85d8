package townhall.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Jepsen-lite history checker for fault tests. Each tracked {@link Client} sends its asks and votes through the
 * checker, which records every attempt and its outcome (acknowledged, refused, or unknown: {@code unavailable}
 * or no answer), and applies every frame the client reads in the order received, as a browser would: events only
 * when their {@code seq} is greater than the last one applied, vote counts only when their version is newer.
 *
 * <p>{@link #assertConsistent} then reads the authoritative state through a fresh moderator {@code welcome} (and
 * the event log through a moderator {@code hello} with {@code since: 0}) and checks:
 * <ul>
 *   <li>I1: every acknowledged question exists exactly once (by its unique text), with the acknowledged id; an
 *       ask whose outcome stayed unknown exists at most once; all acks of one ref carry the same question id;</li>
 *   <li>I3: every question's {@code votes} equals the number of distinct participants whose last acknowledged
 *       vote on it was up (a participant whose later vote has an unknown outcome may count either way), and the
 *       {@code voted} flags of each tracked participant's own fresh welcome agree;</li>
 *   <li>I5: no client applied an event after a gap: moderators never skip a seq; residents skip only events they
 *       may not see (another participant's question that residents could never see), as protocol.md allows;</li>
 *   <li>I4: every client still connected converges (within a deadline) on the authoritative questions, statuses,
 *       texts, counts, stage and session status.</li>
 * </ul>
 * Texts of asks must be unique within a session (the checker identifies questions by text). Sessions with merges
 * are not supported by the vote check (merged questions are skipped).
 *
 * <p>Call from the test thread.
 */
public final class HistoryChecker {
  private static final Set<String> PUBLIC = Set.of("live", "answered", "archived");
  private static final Set<String> SEQUENCED = Set.of("question", "stage", "session");

  private final Vertx vertx;
  private final String sessionId;
  private final String moderatorToken;
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  /** Ask attempts by participant and ref. */
  private final Map<String, AskOp> asks = new LinkedHashMap<>();
  /** Vote attempts by participant, then question, in the order they were first sent. */
  private final Map<String, Map<String, List<VoteOp>>> votes = new LinkedHashMap<>();
  /** Participant id → a token of it (to read its own view at the end). */
  private final Map<String, String> tokens = new LinkedHashMap<>();

  public enum Outcome { OK, FAILED, UNKNOWN }

  private static final class AskOp {
    final String participant;
    final String ref;
    final String text;
    Outcome outcome = Outcome.UNKNOWN;
    String questionId;
    boolean unknownSeen;
    final List<String> answers = new ArrayList<>();

    AskOp(String participant, String ref, String text) {
      this.participant = participant;
      this.ref = ref;
      this.text = text;
    }
  }

  private static final class VoteOp {
    final String ref;
    final int value;
    Outcome outcome = Outcome.UNKNOWN;
    boolean unknownSeen;
    final List<String> answers = new ArrayList<>();

    VoteOp(String ref, int value) {
      this.ref = ref;
      this.value = value;
    }
  }

  public HistoryChecker(Vertx vertx, String sessionId, String moderatorToken) {
    this.vertx = vertx;
    this.sessionId = sessionId;
    this.moderatorToken = moderatorToken;
  }

  public String sessionId() {
    return sessionId;
  }

  /** Connects a new resident (no token) to the node on {@code port} and takes its welcome. */
  public Client joinResident(String name, int port) {
    return join(name, port, null);
  }

  /** Connects a session moderator to the node on {@code port} and takes its welcome. */
  public Client joinModerator(String name, int port) {
    return join(name, port, moderatorToken);
  }

  /** Connects a client presenting {@code token} ({@code null}: a new resident) and takes its welcome. */
  public Client join(String name, int port, String token) {
    Client client = new Client(name);
    client.connect(port, token == null ? new JsonObject() : new JsonObject().put("token", token));
    clients.add(client);
    return client;
  }

  public List<Client> clients() {
    return List.copyOf(clients);
  }

  // ---------------------------------------------------------------- recording

  private synchronized AskOp askOp(String participant, String ref, String text) {
    AskOp op = asks.computeIfAbsent(participant + "\u0000" + ref, k -> new AskOp(participant, ref, text));
    if (!op.text.equals(text)) {
      throw new IllegalArgumentException("ref " + ref + " reused for another text: " + text);
    }
    return op;
  }

  private synchronized void askAnswered(AskOp op, JsonObject answer) {
    op.answers.add(answer == null ? "(no answer)" : answer.encode());
    Outcome outcome = outcomeOf(answer);
    if (outcome == Outcome.OK) {
      String id = answer.getString("questionId");
      if (op.questionId != null && !op.questionId.equals(id)) {
        op.answers.add("!! the same ref was acknowledged with two question ids: " + op.questionId + " and " + id);
      }
      op.questionId = op.questionId == null ? id : op.questionId;
      op.outcome = Outcome.OK;
    } else if (op.outcome != Outcome.OK) {
      // an unknown outcome stays unknown (it may have applied); a refusal after it does not undo that
      op.unknownSeen |= outcome == Outcome.UNKNOWN;
      op.outcome = op.unknownSeen ? Outcome.UNKNOWN : Outcome.FAILED;
    }
  }

  private synchronized VoteOp voteOp(String participant, String questionId, String ref, int value) {
    List<VoteOp> ops = votes.computeIfAbsent(participant, p -> new LinkedHashMap<>())
        .computeIfAbsent(questionId, q -> new ArrayList<>());
    for (VoteOp op : ops) {
      if (op.ref.equals(ref)) {
        if (op.value != value) {
          throw new IllegalArgumentException("ref " + ref + " reused for another vote");
        }
        return op;
      }
    }
    VoteOp op = new VoteOp(ref, value);
    ops.add(op);
    return op;
  }

  private synchronized void voteAnswered(VoteOp op, JsonObject answer) {
    op.answers.add(answer == null ? "(no answer)" : answer.encode());
    Outcome outcome = outcomeOf(answer);
    if (outcome == Outcome.OK) {
      op.outcome = Outcome.OK;
    } else if (op.outcome != Outcome.OK) {
      op.unknownSeen |= outcome == Outcome.UNKNOWN;
      op.outcome = op.unknownSeen ? Outcome.UNKNOWN : Outcome.FAILED;
    }
  }

  private static Outcome outcomeOf(JsonObject answer) {
    if (answer == null) {
      return Outcome.UNKNOWN;
    }
    if ("ack".equals(answer.getString("type"))) {
      return Outcome.OK;
    }
    return "unavailable".equals(answer.getString("code")) ? Outcome.UNKNOWN : Outcome.FAILED;
  }

  /** The acknowledged asks: text → question id. */
  public synchronized Map<String, String> acknowledgedQuestions() {
    Map<String, String> acked = new LinkedHashMap<>();
    asks.values().stream().filter(op -> op.outcome == Outcome.OK).forEach(op -> acked.put(op.text, op.questionId));
    return acked;
  }

  // ---------------------------------------------------------------- one client

  /** What a client shows of one question. */
  private record Shown(String text, String status) {
  }

  /** A tracked client: a protocol socket whose every frame read is applied to the client's view. */
  public final class Client implements AutoCloseable {
    private final String name;
    private WsClient ws;
    private String participantId;
    private String token;
    private String role;
    private String epoch;
    private long lastSeq = -1;
    private final Map<String, Shown> questions = new LinkedHashMap<>();
    private final Map<String, long[]> counts = new HashMap<>();
    private final Set<String> own = new HashSet<>();
    private String stage;
    private String sessionStatus;
    private int presence = -1;
    private int refs;
    /** Seqs skipped between two applied events (first skipped, last skipped). */
    private final List<long[]> gaps = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int duplicates;

    private Client(String name) {
      this.name = name;
    }

    private JsonObject connect(int port, JsonObject hello) {
      ws = WsClient.join(vertx, port, sessionId, hello);
      return next(f -> "welcome".equals(f.getString("type")) || "resumed".equals(f.getString("type")),
          "a greeting");
    }

    public String name() {
      return name;
    }

    /** The raw socket; frames read from it directly are not applied to this client's view. */
    public WsClient ws() {
      return ws;
    }

    public String participantId() {
      return participantId;
    }

    public String token() {
      return token;
    }

    public String epoch() {
      return epoch;
    }

    /** The last seq this client applied. */
    public long lastSeq() {
      return lastSeq;
    }

    public boolean isModerator() {
      return "moderator".equals(role);
    }

    public boolean isConnected() {
      return ws != null && !ws.isClosed();
    }

    /** How many events this client received again after applying them (a browser ignores them by seq). */
    public int duplicatesIgnored() {
      return duplicates;
    }

    /** The participant count this client shows (-1: none yet). */
    public int presence() {
      return presence;
    }

    /** The ids of the questions this client shows. */
    public Set<String> questionIds() {
      return Set.copyOf(questions.keySet());
    }

    /** The status this client shows for a question, or {@code null}. */
    public String statusOf(String questionId) {
      Shown shown = questions.get(questionId);
      return shown == null ? null : shown.status();
    }

    /** The count this client shows for a question (-1: none). */
    public int votesOf(String questionId) {
      long[] count = counts.get(questionId);
      return count == null ? -1 : (int) count[0];
    }

    /** A ref unique to this client's participant in this run. */
    public String nextRef() {
      return name + "-" + (++refs) + "-" + Moderation.uniqueRef();
    }

    /** The next frame {@code wanted} accepts; every frame passed over is applied too. Fails after 5 s. */
    public JsonObject next(Predicate<JsonObject> wanted, String what) {
      return ws.next(f -> {
        observe(f);
        return wanted.test(f);
      }, name + ": " + what);
    }

    public JsonObject next(String type) {
      return next(f -> type.equals(f.getString("type")), "a '" + type + "' frame");
    }

    /** The answer (ack or error) to {@code ref}. */
    public JsonObject answerTo(String ref) {
      return next(f -> ref.equals(f.getString("ref")), "an answer to " + ref);
    }

    /** Waits until this client shows the question (an event or a welcome carried it). */
    public void awaitQuestion(String questionId) {
      if (!questions.containsKey(questionId)) {
        next(f -> questions.containsKey(questionId), "question " + questionId);
      }
    }

    /** Waits until this client shows {@code votes} for the question. */
    public void awaitVotes(String questionId, int count) {
      if (votesOf(questionId) != count) {
        next(f -> votesOf(questionId) == count, "votes " + questionId + "=" + count + " (shows "
            + votesOf(questionId) + ")");
      }
    }

    /** Asks with a fresh ref; answers the ack or error. */
    public JsonObject ask(String text) {
      return ask(nextRef(), text);
    }

    /** Asks with {@code ref} (a retry when the ref was sent before); answers the ack or error. */
    public JsonObject ask(String ref, String text) {
      sendAsk(ref, text);
      return awaitAsk(ref, text);
    }

    /** Sends an ask without waiting for its answer (take it with {@link #awaitAsk}). */
    public void sendAsk(String ref, String text) {
      askOp(participantId, ref, text);
      ws.send(Msg.ask(text).put("ref", ref));
    }

    /** The answer to an ask sent with {@link #sendAsk}, recorded. */
    public JsonObject awaitAsk(String ref, String text) {
      AskOp op = askOp(participantId, ref, text);
      JsonObject answer = null;
      try {
        answer = answerTo(ref);
        return answer;
      } finally {
        askAnswered(op, answer);
      }
    }

    /** Votes ({@code value} 1 up, 0 back) with a fresh ref; answers the ack or error. */
    public JsonObject vote(String questionId, int value) {
      return vote(nextRef(), questionId, value);
    }

    public JsonObject vote(String ref, String questionId, int value) {
      sendVote(ref, questionId, value);
      return awaitVote(ref, questionId, value);
    }

    public void sendVote(String ref, String questionId, int value) {
      voteOp(participantId, questionId, ref, value);
      ws.send(Msg.vote(questionId, value).put("ref", ref));
    }

    public JsonObject awaitVote(String ref, String questionId, int value) {
      VoteOp op = voteOp(participantId, questionId, ref, value);
      JsonObject answer = null;
      try {
        answer = answerTo(ref);
        return answer;
      } finally {
        voteAnswered(op, answer);
      }
    }

    /** Sends any other action with a fresh ref and answers its answer (not recorded as an ask or vote). */
    public JsonObject act(JsonObject message) {
      String ref = nextRef();
      ws.send(message.copy().put("ref", ref));
      return answerTo(ref);
    }

    /** Sends a ping and applies every frame up to its pong: proves the socket is open and answering. */
    public void assertAnswering() {
      ws.send(new JsonObject().put("type", "ping"));
      next(f -> "pong".equals(f.getString("type")), "a pong");
    }

    /** Applies every frame received so far, without waiting. */
    public void pump() {
      for (JsonObject frame : ws.drain()) {
        observe(frame);
      }
    }

    /**
     * Closes the socket and connects again to the node on {@code port} with this participant's token, the last
     * seq applied and the epoch ({@code hello.since}), as a browser resumes; answers the greeting ({@code resumed},
     * or {@code welcome} when the log no longer covers the gap). The events that follow are applied as they are read.
     */
    public JsonObject resume(int port) {
      disconnect();
      JsonObject hello = new JsonObject().put("token", token);
      if (lastSeq >= 0) {
        hello.put("since", lastSeq).put("epoch", epoch);
      }
      return connect(port, hello);
    }

    /** Closes this client's socket; it no longer counts for convergence until it resumes. */
    public void disconnect() {
      if (ws != null) {
        pump();
        ws.close();
      }
    }

    @Override
    public void close() {
      if (ws != null) {
        ws.close();
      }
    }

    /** Applies one frame as a browser client would. */
    private void observe(JsonObject f) {
      String type = f.getString("type");
      if (type == null) {
        return;
      }
      switch (type) {
        case "welcome" -> welcome(f);
        case "resumed" -> resumed(f);
        case "presence" -> presence = f.getInteger("count");
        case "votes" -> {
          JsonObject c = f.getJsonObject("counts");
          JsonObject v = f.getJsonObject("versions", new JsonObject());
          for (String id : c.fieldNames()) {
            count(id, c.getInteger(id), v.getLong(id, 0L));
          }
        }
        case "ack" -> {
          if (f.containsKey("votes") && f.containsKey("version") && f.getString("questionId") != null) {
            count(f.getString("questionId"), f.getInteger("votes"), f.getLong("version"));
          }
          if (f.getString("questionId") != null && !f.containsKey("votes") && f.getString("ref") != null
              && pendingAsk(f.getString("ref"))) {
            own.add(f.getString("questionId"));
          }
        }
        default -> {
          if (SEQUENCED.contains(type) && f.containsKey("seq")) {
            sequenced(type, f);
          }
        }
      }
    }

    private boolean pendingAsk(String ref) {
      synchronized (HistoryChecker.this) {
        return asks.containsKey(participantId + "\u0000" + ref);
      }
    }

    private void welcome(JsonObject f) {
      identity(f);
      epoch = f.getString("epoch");
      lastSeq = f.getLong("seq");
      questions.clear();
      counts.clear();
      JsonArray all = f.getJsonArray("questions");
      for (int i = 0; i < all.size(); i++) {
        JsonObject q = all.getJsonObject(i);
        String id = q.getString("id");
        questions.put(id, new Shown(q.getString("text"), q.getString("status")));
        counts.put(id, new long[] {q.getInteger("votes"), q.getLong("voteVersion", 0L)});
        if (Boolean.TRUE.equals(q.getBoolean("mine"))) {
          own.add(id);
        }
      }
      stage = f.getString("stage");
      sessionStatus = f.getJsonObject("session").getString("status");
    }

    private void resumed(JsonObject f) {
      identity(f);
      if (!Objects.equals(epoch, f.getString("epoch"))) {
        violations.add(name + ": resumed with epoch " + f.getString("epoch") + " but holds " + epoch);
      }
      if (f.getLong("since") != lastSeq) {
        violations.add(name + ": resumed since " + f.getLong("since") + " but last applied " + lastSeq);
      }
    }

    private void identity(JsonObject f) {
      JsonObject participant = f.getJsonObject("participant");
      participantId = participant.getString("id");
      token = participant.getString("token");
      role = f.getString("role");
      synchronized (HistoryChecker.this) {
        tokens.putIfAbsent(participantId, token);
      }
    }

    private void sequenced(String type, JsonObject f) {
      long seq = f.getLong("seq");
      if (seq <= lastSeq) {
        duplicates++;
        return;
      }
      if (seq > lastSeq + 1) {
        gaps.add(new long[] {lastSeq + 1, seq - 1});
      }
      lastSeq = seq;
      switch (type) {
        case "question" -> {
          JsonObject q = f.getJsonObject("question");
          String id = q.getString("id");
          questions.put(id, new Shown(q.getString("text"), q.getString("status")));
          count(id, q.getInteger("votes", 0), q.getLong("voteVersion", 0L));
          if (!isModerator() && q.containsKey("authorTag")) {
            own.add(id); // only moderators and the author receive the author's tag
          }
        }
        case "stage" -> stage = f.getString("questionId");
        case "session" -> sessionStatus = f.getJsonObject("session").getString("status");
        default -> {
        }
      }
    }

    private void count(String questionId, int votes, long version) {
      long[] known = counts.get(questionId);
      if (known == null || version >= known[1]) {
        counts.put(questionId, new long[] {votes, version});
      }
    }

    /** How this client's view differs from the authoritative welcome (empty: converged). */
    private List<String> differences(JsonObject truth) {
      List<String> diffs = new ArrayList<>();
      Map<String, JsonObject> byId = byId(truth);
      for (JsonObject q : byId.values()) {
        String id = q.getString("id");
        boolean expected = isModerator() || PUBLIC.contains(q.getString("status")) || own.contains(id)
            || questions.containsKey(id);
        if (!expected) {
          continue;
        }
        Shown shown = questions.get(id);
        if (shown == null) {
          diffs.add("misses question " + id + " (" + q.getString("status") + ")");
          continue;
        }
        if (!shown.status().equals(q.getString("status"))) {
          diffs.add("question " + id + " shows status " + shown.status() + ", is " + q.getString("status"));
        }
        if (!shown.text().equals(q.getString("text"))) {
          diffs.add("question " + id + " shows text '" + shown.text() + "', is '" + q.getString("text") + "'");
        }
        if (votesOf(id) != q.getInteger("votes")) {
          diffs.add("question " + id + " shows " + votesOf(id) + " votes, has " + q.getInteger("votes"));
        }
      }
      for (String id : questions.keySet()) {
        if (!byId.containsKey(id)) {
          diffs.add("shows question " + id + " that does not exist");
        }
      }
      if (!Objects.equals(stage, truth.getString("stage"))) {
        diffs.add("stage shows " + stage + ", is " + truth.getString("stage"));
      }
      String status = truth.getJsonObject("session").getString("status");
      if (!Objects.equals(sessionStatus, status)) {
        diffs.add("session shows " + sessionStatus + ", is " + status);
      }
      return diffs;
    }

    @Override
    public String toString() {
      return name + "(" + role + " " + participantId + ", seq " + lastSeq + ")";
    }
  }

  // ---------------------------------------------------------------- the final check

  /** The session as a moderator's fresh welcome shows it now, read through the node on {@code port}. */
  public JsonObject authoritative(int port) {
    return Msg.freshWelcome(vertx, port, sessionId, new JsonObject().put("token", moderatorToken));
  }

  /** The number of questions the authoritative state holds with this text. */
  public static long copiesOf(JsonObject welcome, String text) {
    JsonArray all = welcome.getJsonArray("questions");
    long n = 0;
    for (int i = 0; i < all.size(); i++) {
      if (text.equals(all.getJsonObject(i).getString("text"))) {
        n++;
      }
    }
    return n;
  }

  /** The text of a question in a welcome, or {@code null} when the welcome does not hold it. */
  public static String textOf(JsonObject welcome, String questionId) {
    JsonObject question = byId(welcome).get(questionId);
    return question == null ? null : question.getString("text");
  }

  private static Map<String, JsonObject> byId(JsonObject welcome) {
    Map<String, JsonObject> byId = new LinkedHashMap<>();
    JsonArray all = welcome.getJsonArray("questions");
    for (int i = 0; i < all.size(); i++) {
      byId.put(all.getJsonObject(i).getString("id"), all.getJsonObject(i));
    }
    return byId;
  }

  /**
   * Checks I1, I3, I5 and I4 (see the class comment) against the state read through the node on {@code port};
   * waits up to {@code convergeWithin} for the connected clients to converge. Throws an {@link AssertionError}
   * listing every violation.
   */
  public void assertConsistent(int port, Duration convergeWithin) {
    List<String> violations = new ArrayList<>();
    JsonObject truth = authoritative(port);
    Map<String, JsonObject> byId = byId(truth);
    checkQuestions(truth, byId, violations);
    checkVotes(port, byId, violations);
    for (Client client : clients) {
      violations.addAll(client.violations);
    }
    checkConvergence(truth, convergeWithin, violations); // applies the frames still queued first
    checkGaps(port, violations);
    if (!violations.isEmpty()) {
      throw new AssertionError("History check failed (" + violations.size() + "):\n  "
          + String.join("\n  ", violations));
    }
  }

  /**
   * Waits up to {@code within} until every connected client shows the authoritative state (I4 alone), read through
   * the node on {@code port}; for quiescing before a fault. Throws an {@link AssertionError} when one does not.
   */
  public void awaitConvergence(int port, Duration within) {
    List<String> violations = new ArrayList<>();
    checkConvergence(authoritative(port), within, violations);
    if (!violations.isEmpty()) {
      throw new AssertionError("Not converged:\n  " + String.join("\n  ", violations));
    }
  }

  private synchronized void checkQuestions(JsonObject truth, Map<String, JsonObject> byId, List<String> out) {
    for (AskOp op : asks.values()) {
      long copies = copiesOf(truth, op.text);
      if (op.outcome == Outcome.OK) {
        if (copies != 1) {
          out.add("I1: acknowledged question '" + op.text + "' exists " + copies + " times; answers " + op.answers);
        }
        JsonObject q = byId.get(op.questionId);
        if (q == null || !op.text.equals(q.getString("text"))) {
          out.add("I1: acknowledged question id " + op.questionId + " does not hold '" + op.text + "': " + q);
        }
        op.answers.stream().filter(a -> a.startsWith("!!")).forEach(a -> out.add("I1: " + a));
      } else if (copies > 1) {
        out.add("I2: question '" + op.text + "' with outcome " + op.outcome + " exists " + copies + " times");
      } else if (op.outcome == Outcome.FAILED && copies != 0) {
        out.add("I1: refused question '" + op.text + "' exists; answers " + op.answers);
      }
    }
  }

  private synchronized void checkVotes(int port, Map<String, JsonObject> byId, List<String> out) {
    Set<String> merged = new HashSet<>();
    for (JsonObject q : byId.values()) {
      if (q.getString("mergedInto") != null) {
        merged.add(q.getString("id"));
        merged.add(q.getString("mergedInto"));
      }
    }
    // per question: participants certainly up, and participants whose final vote is uncertain
    Map<String, Set<String>> up = new HashMap<>();
    Map<String, Set<String>> uncertain = new HashMap<>();
    Map<String, Map<String, Boolean>> expectedFlag = new HashMap<>();
    votes.forEach((participant, byQuestion) -> byQuestion.forEach((questionId, ops) -> {
      Integer last = null;
      boolean unsure = false;
      for (VoteOp op : ops) {
        if (op.outcome == Outcome.OK) {
          last = op.value;
          unsure = false;
        } else if (op.outcome == Outcome.UNKNOWN) {
          unsure = true;
        }
      }
      if (unsure) {
        uncertain.computeIfAbsent(questionId, q -> new HashSet<>()).add(participant);
      } else if (last != null) {
        if (last == 1) {
          up.computeIfAbsent(questionId, q -> new HashSet<>()).add(participant);
        }
        expectedFlag.computeIfAbsent(participant, p -> new HashMap<>()).put(questionId, last == 1);
      }
    }));
    Set<String> voted = new HashSet<>(up.keySet());
    voted.addAll(uncertain.keySet());
    for (JsonObject q : byId.values()) {
      String id = q.getString("id");
      if (merged.contains(id)) {
        continue;
      }
      int min = up.getOrDefault(id, Set.of()).size();
      int max = min + uncertain.getOrDefault(id, Set.of()).size();
      int actual = q.getInteger("votes");
      if (actual < min || actual > max) {
        out.add("I3: question " + id + " has " + actual + " votes; acknowledged voters say "
            + (min == max ? String.valueOf(min) : min + ".." + max) + " " + up.getOrDefault(id, Set.of()));
      }
    }
    // each participant's own view: its voted flags, and the flags summed per question
    Map<String, Integer> flagged = new HashMap<>();
    tokens.forEach((participant, token) -> {
      JsonObject own = Msg.freshWelcome(vertx, port, sessionId, new JsonObject().put("token", token));
      Map<String, JsonObject> mine = byId(own);
      mine.values().forEach(q -> {
        if (Boolean.TRUE.equals(q.getBoolean("voted"))) {
          flagged.merge(q.getString("id"), 1, Integer::sum);
        }
      });
      expectedFlag.getOrDefault(participant, Map.of()).forEach((questionId, flag) -> {
        JsonObject q = mine.get(questionId);
        if (q != null && !merged.contains(questionId) && !flag.equals(q.getBoolean("voted"))) {
          out.add("I3: participant " + participant + " last acknowledged vote on " + questionId + " was "
              + (flag ? "up" : "back") + " but its welcome says voted=" + q.getBoolean("voted"));
        }
      });
    });
    for (String id : voted) {
      JsonObject q = byId.get(id);
      if (q != null && !merged.contains(id) && PUBLIC.contains(q.getString("status"))
          && flagged.getOrDefault(id, 0) != q.getInteger("votes")) {
        out.add("I3: question " + id + " has " + q.getInteger("votes") + " votes but " + flagged.getOrDefault(id, 0)
            + " tracked participants' welcomes say voted");
      }
    }
  }

  /** The whole event log as a moderator resume from seq 0 gives it: seq → frame; null if the log is gone. */
  private TreeMap<Long, JsonObject> eventLog(int port) {
    try (WsClient ws = WsClient.join(vertx, port, sessionId, new JsonObject().put("token", moderatorToken)
        .put("since", 0))) {
      JsonObject greeting = ws.next(f -> "welcome".equals(f.getString("type"))
          || "resumed".equals(f.getString("type")), "a greeting");
      if (!"resumed".equals(greeting.getString("type"))) {
        return null;
      }
      long seq = greeting.getLong("seq");
      TreeMap<Long, JsonObject> log = new TreeMap<>();
      while (log.size() < seq) {
        JsonObject event = ws.next(f -> f.containsKey("seq") && SEQUENCED.contains(f.getString("type")),
            "logged event " + (log.size() + 1) + " of " + seq);
        log.put(event.getLong("seq"), event);
      }
      return log;
    }
  }

  private void checkGaps(int port, List<String> out) {
    boolean anyGap = clients.stream().anyMatch(c -> !c.gaps.isEmpty());
    if (!anyGap) {
      return;
    }
    TreeMap<Long, JsonObject> log = eventLog(port);
    // which logged events reach residents: stage and session always; a question event when the question is
    // public now or was public before (the rule of the event's 'reachesResidents')
    Map<Long, String> hiddenQuestion = new HashMap<>();
    if (log != null) {
      Set<String> everPublic = new HashSet<>();
      log.forEach((seq, event) -> {
        if ("question".equals(event.getString("type"))) {
          JsonObject q = event.getJsonObject("question");
          String id = q.getString("id");
          boolean reaches = everPublic.contains(id) || PUBLIC.contains(q.getString("status"));
          if (PUBLIC.contains(q.getString("status"))) {
            everPublic.add(id);
          }
          if (!reaches) {
            hiddenQuestion.put(seq, id);
          }
        }
      });
    }
    for (Client client : clients) {
      for (long[] gap : client.gaps) {
        for (long seq = gap[0]; seq <= gap[1]; seq++) {
          if (client.isModerator()) {
            out.add("I5: moderator " + client.name + " skipped seq " + seq);
          } else if (log == null) {
            out.add("I5: resident " + client.name + " skipped seq " + seq + " and the log cannot tell why");
          } else if (!hiddenQuestion.containsKey(seq) || client.own.contains(hiddenQuestion.get(seq))) {
            out.add("I5: resident " + client.name + " skipped seq " + seq + ", which it may see: " + log.get(seq));
          }
        }
      }
    }
  }

  private void checkConvergence(JsonObject truth, Duration within, List<String> out) {
    long deadline = System.nanoTime() + within.toNanos();
    for (Client client : clients) {
      if (!client.isConnected()) {
        continue;
      }
      client.pump();
      List<String> diffs = client.differences(truth);
      while (!diffs.isEmpty() && System.nanoTime() < deadline && client.isConnected()) {
        if (!awaitAnyFrame(client, Duration.ofNanos(deadline - System.nanoTime()))) {
          break;
        }
        diffs = client.differences(truth);
      }
      if (!diffs.isEmpty()) {
        out.add("I4: " + client + " did not converge within " + within + ": " + diffs);
      }
    }
  }

  /** Waits (at most {@code within}) for one more frame and applies it; false when none came. */
  private static boolean awaitAnyFrame(Client client, Duration within) {
    return client.ws.poll(within).map(frame -> {
      client.observe(frame);
      return true;
    }).orElse(false);
  }
}

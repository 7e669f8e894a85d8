package townhall.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The poll storm ({@code bench.sh poll-storm}): N residents on one node answer one single-choice poll within T
 * seconds (a tenth of them change their answer once, later in the window). Checks that every answer counts exactly
 * once (the final counts, read from the poll's close, equal each resident's last acknowledged choice, and the number
 * of answers the number of distinct answerers), and measures how long after the last answer's acknowledgement every
 * screen (each resident, the stage and the moderator) shows the final results, the most results frames (the poll's
 * coalesced state: {@code poll} frames without {@code seq}) any screen received within one tick (as the client received them: a busy client reads them in bunches) and in all
 * (at most one per tick of the answering window, plus the ticks until the last results arrived). Exits 0 when every answer counted once and every screen reached the final
 * results, 1 otherwise, 2 on a usage error.
 *
 * <pre>
 * java -jar townhall-load.jar poll-storm --url http://127.0.0.1:8080 --admin-token T --residents 500 --within 10
 *     [--out result.json] [--tick-ms 100] [--seed 1]
 * </pre>
 */
public final class PollStorm {
  private static final int OPTIONS = 4;

  private final Vertx vertx;
  private final URI url;
  private final String adminToken;
  private final int residents;
  private final long withinMs;
  private final long tickMs;
  private final Random random;

  /** One screen: a socket and what it saw of the poll's results. */
  private static final class Screen {
    final String role;
    WebSocket socket;
    String token;
    final Promise<JsonObject> welcome = Promise.promise();
    final java.util.Map<String, Promise<JsonObject>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    volatile JsonObject results;
    volatile long resultsAt;
    final List<Long> frameTimes = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile JsonObject closed;
    int refs;

    Screen(String role) {
      this.role = role;
    }
  }

  PollStorm(Vertx vertx, URI url, String adminToken, int residents, long withinMs, long tickMs, long seed) {
    this.vertx = vertx;
    this.url = url;
    this.adminToken = adminToken;
    this.residents = residents;
    this.withinMs = withinMs;
    this.tickMs = tickMs;
    this.random = new Random(seed);
  }

  public static void main(String[] args) {
    JsonObject o = new JsonObject();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (args.length % 2 != 0 || o.getString("url") == null || o.getString("admin-token") == null) {
      System.err.println("poll-storm --url URL --admin-token TOKEN [--residents 500] [--within 10] [--out FILE]"
          + " [--tick-ms 100] [--seed 1]");
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    int status;
    try {
      PollStorm storm = new PollStorm(vertx, URI.create(o.getString("url")), o.getString("admin-token"),
          Integer.parseInt(o.getString("residents", "500")), Long.parseLong(o.getString("within", "10")) * 1000,
          Long.parseLong(o.getString("tick-ms", "100")), Long.parseLong(o.getString("seed", "1")));
      JsonObject result = storm.run();
      System.out.println(result.encodePrettily());
      if (o.getString("out") != null) {
        Files.writeString(Path.of(o.getString("out")), result.encodePrettily());
      }
      status = result.getBoolean("ok") ? 0 : 1;
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    } finally {
      vertx.close().await();
    }
    System.exit(status);
  }

  JsonObject run() throws Exception {
    JsonObject session = createSession();
    String sid = session.getString("id");
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(residents + 16).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 24));
    Screen moderator = connect(client, sid, "moderator", session.getString("moderatorToken"));
    Screen stage = connect(client, sid, "stage", session.getString("stageToken"));
    List<Screen> people = new ArrayList<>();
    long rampStart = System.nanoTime();
    for (int i = 0; i < residents; i++) {
      people.add(connect(client, sid, "resident", null));
      if (i % 200 == 199) {
        await(people.get(i).welcome.future(), 60); // a gentle ramp: a join line, not a flood
      }
    }
    for (Screen s : people) {
      await(s.welcome.future(), 60);
    }
    long rampMs = (System.nanoTime() - rampStart) / 1_000_000;
    JsonArray options = new JsonArray();
    for (int i = 0; i < OPTIONS; i++) {
      options.add("Phương án " + (i + 1));
    }
    JsonObject created = act(moderator, new JsonObject().put("type", "poll").put("action", "create")
        .put("kind", "single").put("question", "Phường nên làm gì trước?").put("options", options));
    String poll = created.getString("poll");
    act(moderator, new JsonObject().put("type", "poll").put("action", "open").put("poll", poll));

    // each resident answers at a random moment of the window; a tenth change their answer later in it
    int[] last = new int[residents];
    long start = System.nanoTime();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = 0; i < residents; i++) {
      Screen s = people.get(i);
      int index = i;
      long at = (long) (random.nextDouble() * withinMs * 0.8);
      int choice = random.nextInt(OPTIONS);
      boolean changes = random.nextInt(10) == 0;
      int second = random.nextInt(OPTIONS);
      long secondAt = at + (long) (random.nextDouble() * (withinMs - at));
      CompletableFuture<Void> f = new CompletableFuture<>();
      done.add(f);
      vertx.setTimer(Math.max(1, at), t -> answer(s, poll, choice).onSuccess(a -> {
        last[index] = choice;
        if (!changes) {
          f.complete(null);
          return;
        }
        long wait = Math.max(1, secondAt - (System.nanoTime() - start) / 1_000_000);
        vertx.setTimer(wait, t2 -> answer(s, poll, second).onSuccess(b -> {
          last[index] = second;
          f.complete(null);
        }).onFailure(f::completeExceptionally));
      }).onFailure(f::completeExceptionally));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(withinMs + 120_000, TimeUnit.MILLISECONDS);
    long lastAck = System.nanoTime();
    long answeringMs = (lastAck - start) / 1_000_000;
    int[] expected = new int[OPTIONS];
    for (int c : last) {
      expected[c]++;
    }
    List<Integer> expectedCounts = Arrays.stream(expected).boxed().toList();

    // every screen shows the final results: wait (bounded) for each, then read the close
    List<Screen> screens = new ArrayList<>(people);
    screens.add(stage);
    screens.add(moderator);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !screens.stream().allMatch(s -> shows(s, expectedCounts))) {
      Thread.sleep(20);
    }
    List<Long> visible = new ArrayList<>();
    int missing = 0;
    for (Screen s : screens) {
      if (shows(s, expectedCounts)) {
        visible.add(Math.max(0, (s.resultsAt - lastAck) / 1_000_000));
      } else {
        missing++;
      }
    }
    act(moderator, new JsonObject().put("type", "poll").put("action", "close").put("poll", poll));
    long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (moderator.closed == null && System.nanoTime() < closeDeadline) {
      Thread.sleep(20);
    }
    JsonObject finalResults = moderator.closed == null ? null : moderator.closed.getJsonObject("results");
    boolean countedOnce = finalResults != null
        && finalResults.getJsonArray("counts").getList().equals(expectedCounts)
        && finalResults.getInteger("answers") == residents;
    int mostPerTick = screens.stream().mapToInt(s -> mostWithin(s.frameTimes, tickMs)).max().orElse(0);
    java.util.Collections.sort(visible);
    JsonObject result = new JsonObject().put("format", "townhall-poll-storm/1").put("residents", residents)
        .put("withinMs", withinMs).put("rampMs", rampMs).put("answeringMs", answeringMs)
        .put("expectedCounts", new JsonArray(new ArrayList<Object>(expectedCounts)))
        .put("finalResults", finalResults).put("everyAnswerCountedOnce", countedOnce)
        .put("screens", screens.size()).put("screensWithoutFinalResults", missing)
        .put("visibleAfterLastAnswerMs", new JsonObject().put("p50", pct(visible, 50)).put("p99", pct(visible, 99))
            .put("max", visible.isEmpty() ? null : visible.get(visible.size() - 1)))
        .put("mostResultsFramesPerScreenPerTick", mostPerTick).put("tickMs", tickMs)
        .put("mostResultsFramesPerScreen", screens.stream().mapToInt(s -> s.frameTimes.size()).max().orElse(0))
        .put("ticksWhileAnswering", answeringMs / tickMs)
        .put("ok", countedOnce && missing == 0);
    screens.forEach(s -> s.socket.close());
    client.close();
    return result;
  }

  private static Long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  /** The most frame times within any window of {@code windowMs} (the frames a screen got in one tick, at most). */
  static int mostWithin(List<Long> nanos, long windowMs) {
    List<Long> times;
    synchronized (nanos) {
      times = new ArrayList<>(nanos);
    }
    java.util.Collections.sort(times);
    int most = 0;
    int from = 0;
    for (int to = 0; to < times.size(); to++) {
      while (times.get(to) - times.get(from) >= windowMs * 1_000_000) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  private static boolean shows(Screen s, List<Integer> counts) {
    JsonObject r = s.results;
    return r != null && r.getJsonArray("counts").getList().equals(counts);
  }

  private Future<JsonObject> answer(Screen s, String poll, int choice) {
    return actAsync(s, new JsonObject().put("type", "answerPoll").put("poll", poll)
        .put("choices", new JsonArray().add(choice)));
  }

  private JsonObject act(Screen s, JsonObject message) throws Exception {
    return await(actAsync(s, message), 30);
  }

  private Future<JsonObject> actAsync(Screen s, JsonObject message) {
    Promise<JsonObject> answer = Promise.promise();
    String ref;
    synchronized (s) {
      ref = s.role.charAt(0) + "-" + (++s.refs);
    }
    s.answers.put(ref, answer);
    s.socket.writeTextMessage(message.copy().put("ref", ref).encode());
    return answer.future().compose(a -> "ack".equals(a.getString("type")) ? Future.succeededFuture(a)
        : Future.failedFuture(new IllegalStateException("refused: " + message + " -> " + a)));
  }

  private Screen connect(WebSocketClient client, String sid, String role, String token) {
    Screen s = new Screen(role);
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
        .setURI("/ws/sessions/" + sid).addHeader("Origin", url.toString().replaceAll("/$", ""));
    client.connect(options).onSuccess(ws -> {
      s.socket = ws;
      ws.textMessageHandler(text -> onFrame(s, new JsonObject(text)));
      JsonObject hello = new JsonObject().put("type", "hello");
      if (token != null) {
        hello.put("token", token);
      }
      ws.writeTextMessage(hello.encode());
    }).onFailure(s.welcome::tryFail);
    return s;
  }

  private void onFrame(Screen s, JsonObject frame) {
    String type = frame.getString("type");
    if ("welcome".equals(type)) {
      s.welcome.tryComplete(frame);
    } else if ("ack".equals(type) || "error".equals(type)) {
      Promise<JsonObject> p = s.answers.remove(frame.getString("ref"));
      if (p != null) {
        p.tryComplete(frame);
      } else if ("error".equals(type)) {
        s.welcome.tryFail(frame.encode());
      }
    } else if ("poll".equals(type)) {
      JsonObject poll = frame.getJsonObject("poll");
      if (!frame.containsKey("seq")) {
        s.frameTimes.add(System.nanoTime()); // the poll's coalesced state (one poll in the storm: one per tick)
      }
      if (poll.getJsonObject("results") != null) {
        keepNewest(s, poll.getJsonObject("results"));
      }
      if ("closed".equals(poll.getString("status"))) {
        s.closed = poll;
      }
    }
  }

  private static void keepNewest(Screen s, JsonObject results) {
    synchronized (s) {
      if (s.results == null || results.getLong("version") > s.results.getLong("version")) {
        if (s.results == null || !results.getJsonArray("counts").equals(s.results.getJsonArray("counts"))) {
          s.resultsAt = System.nanoTime();
        }
        s.results = results;
      }
    }
  }

  private JsonObject createSession() throws Exception {
    var http = vertx.createHttpClient();
    try {
      return await(http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost())
              .setPort(url.getPort()).setURI("/api/sessions").addHeader("Authorization", "Bearer " + adminToken)
              .addHeader("Content-Type", "application/json"))
          .compose(req -> req.send(Buffer.buffer(new JsonObject().put("title", "Poll storm").put("moderation", "post")
              .put("anonymous", true).put("locale", "vi").encode())))
          .compose(resp -> resp.statusCode() == 201 ? resp.body()
              : Future.failedFuture(new IllegalStateException("session not created: " + resp.statusCode())))
          .map(Buffer::toJsonObject), 30);
    } finally {
      http.close();
    }
  }

  private static <T> T await(Future<T> future, int seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}

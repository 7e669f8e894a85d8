package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/**
 * Gets the questions the votes will go to, from a helper participant of its own, before the measurement. The
 * process that seeds (process 0) asks them, a few asks in flight at once; every process then waits until all Q
 * questions of the run (recognised by their {@link QuestionTexts} marker, in a welcome or a {@code question}
 * event) are {@code live}: in a pre-moderated session that is when a moderator approved them. Before them it may ask
 * filler questions (nobody votes on them) so the session holds as many questions as a scenario needs; asked first,
 * the measured questions stay the newest, which every welcome carries. Completes with
 * their ids in seeding order and closes its socket. Its state lives on one context.
 */
public final class QuestionSeeder implements FrameListener {
  private static final int IN_FLIGHT = 16;

  private final Context context;
  private final int count;
  private final int fillers;
  private final QuestionTexts texts;
  private final boolean asks;
  private final String[] ids;
  private final boolean[] live;
  private final Promise<List<String>> done = Promise.promise();
  private ResidentSocket socket;
  private int nextToAsk;
  private int answered;
  private int liveCount;

  /**
   * @param context the context the seeder runs on
   * @param count how many questions the run seeds
   * @param texts the run's question texts
   * @param asks whether this process asks them (otherwise it only waits for them)
   */
  public QuestionSeeder(Context context, int count, QuestionTexts texts, boolean asks) {
    this(context, count, 0, texts, asks);
  }

  /**
   * @param fillers questions asked before the measured ones (only by the process that asks)
   */
  public QuestionSeeder(Context context, int count, int fillers, QuestionTexts texts, boolean asks) {
    this.context = context;
    this.count = count;
    this.fillers = asks ? fillers : 0;
    this.texts = texts;
    this.asks = asks;
    this.ids = new String[count];
    this.live = new boolean[count];
  }

  /** Connects, asks (if this process seeds) and completes with the ids once every question is live. */
  public Future<List<String>> seed(WebSocketClient client, NodeAddress node, String sessionId) {
    context.runOnContext(v -> {
      socket = new ResidentSocket(-1, node, this);
      socket.connect(client, context, sessionId, 15_000).onComplete(welcome -> {
        if (welcome.failed()) {
          done.tryFail("seeding client could not join: " + welcome.cause().getMessage());
        } else if (asks) {
          askMore();
        }
      });
    });
    return done.future().eventually(() -> socket == null ? Future.succeededFuture() : socket.close());
  }

  private void askMore() {
    while (nextToAsk < fillers + count && nextToAsk - answered < IN_FLIGHT) {
      int n = nextToAsk++;
      if (n < fillers) {
        socket.send(new JsonObject().put("type", "ask").put("ref", "f-" + n).put("text", texts.filler(n)));
        continue;
      }
      int k = n - fillers;
      if (ids[k] != null) {
        answered++;
        continue;
      }
      socket.send(new JsonObject().put("type", "ask").put("ref", "s-" + k).put("text", texts.seeded(k, count)));
    }
  }

  @Override
  public void onFrame(ResidentSocket from, JsonObject frame, long nanos) {
    String type = String.valueOf(frame.getValue("type"));
    switch (type) {
      case "welcome" -> {
        JsonArray questions = frame.getJsonArray("questions", new JsonArray());
        for (int n = 0; n < questions.size(); n++) {
          note(questions.getJsonObject(n));
        }
      }
      case "question" -> note(frame.getJsonObject("question"));
      case "error" -> {
        String ref = String.valueOf(frame.getValue("ref"));
        if (ref.startsWith("s-") || ref.startsWith("f-")) {
          done.tryFail("seeding ask " + frame.getValue("ref") + " refused: " + frame.encode());
        }
      }
      case "ack" -> {
        String ref = String.valueOf(frame.getValue("ref"));
        if (ref.startsWith("s-") || ref.startsWith("f-")) {
          answered++;
          askMore();
        }
      }
      default -> { }
    }
  }

  private void note(JsonObject question) {
    if (question == null) {
      return;
    }
    int[] place = texts.seededIndex(question.getString("text"));
    if (place == null) {
      return;
    }
    if (place[1] != count) {
      done.tryFail("the session holds " + place[1] + " seeded questions of this run, this process planned " + count
          + ": give every process the same --residents, --vote-rate, --duration and --process-count");
      return;
    }
    int k = place[0];
    if (k >= count) {
      return;
    }
    ids[k] = question.getString("id");
    boolean isLive = "live".equals(question.getString("status"));
    if (isLive && !live[k]) {
      live[k] = true;
      liveCount++;
    }
    if (liveCount == count) {
      done.tryComplete(List.copyOf(Arrays.asList(ids)));
    }
  }

  @Override
  public void onClosed(ResidentSocket from, Short code, boolean byUs) {
    if (!byUs) {
      done.tryFail("seeding client was closed by the server (code " + code + ")");
    }
  }
}

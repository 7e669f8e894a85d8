package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * One resident who scrolls through the whole session, as the resident page does: after its welcome it asks for
 * {@code page} after {@code page} (most popular first, 100 at a time) until the cursor is {@code null}, starting over
 * on {@code conflict} (the popular order it was reading is no longer kept). Measures how long each page took and
 * the whole read, and checks that every question came exactly once. Its state lives on one context.
 */
final class PageReader implements FrameListener {
  private static final int LIMIT = 100;

  private final Context context;
  private final Histogram pageTime = Latency.histogram();
  private final Set<String> seen = new HashSet<>();
  private final Promise<Void> done = Promise.promise();
  private ResidentSocket socket;
  private long started;
  private long asked;
  private long pages;
  private long duplicates;
  private long restarts;
  private long finished;
  private int next;

  PageReader(Context context) {
    this.context = context;
  }

  /** Joins and reads every page; completes when the last page arrived (or fails). */
  Future<Void> readAll(WebSocketClient client, NodeAddress node, String sessionId) {
    context.runOnContext(v -> {
      socket = new ResidentSocket(-1, node, this);
      socket.connect(client, context, sessionId, 60_000).onComplete(welcome -> {
        if (welcome.failed()) {
          done.tryFail("the page reader could not join: " + welcome.cause().getMessage());
          return;
        }
        started = System.nanoTime();
        ask(null);
      });
    });
    return done.future().eventually(() -> socket == null ? Future.succeededFuture() : socket.close());
  }

  private void ask(String cursor) {
    JsonObject page = new JsonObject().put("type", "page").put("ref", "p-" + next++).put("order", "popular")
        .put("limit", LIMIT);
    if (cursor != null) {
      page.put("cursor", cursor);
    }
    asked = System.nanoTime();
    socket.send(page);
  }

  @Override
  public void onFrame(ResidentSocket from, JsonObject frame, long nanos) {
    String type = String.valueOf(frame.getValue("type"));
    if (type.equals("page")) {
      Latency.record(pageTime, asked, nanos);
      pages++;
      JsonArray questions = frame.getJsonArray("questions", new JsonArray());
      for (int n = 0; n < questions.size(); n++) {
        if (!seen.add(questions.getJsonObject(n).getString("id"))) {
          duplicates++;
        }
      }
      String cursor = frame.getString("cursor");
      if (cursor == null) {
        finished = nanos;
        done.tryComplete();
      } else {
        ask(cursor);
      }
    } else if (type.equals("error") && String.valueOf(frame.getValue("ref")).startsWith("p-")) {
      if ("conflict".equals(frame.getValue("code"))) {
        restarts++;
        seen.clear();
        ask(null);
      } else {
        done.tryFail("a page was refused: " + frame.encode());
      }
    }
  }

  @Override
  public void onVotes(ResidentSocket from, String text, VoteCounts counts, long nanos) {
    // counts are not what this reader measures
  }

  /** Adds {@code paging.*} to the result (call on any thread once the read is over or given up). */
  void addTo(MeasurementResult result) {
    result.count("paging.questions", seen.size()).count("paging.pages", pages)
        .count("paging.duplicates", duplicates).count("paging.restarts", restarts)
        .count("paging.micros", finished == 0 ? 0 : (finished - started) / 1_000)
        .count("paging.readers", 1).count("paging.finished", finished == 0 ? 0 : 1)
        .histogram("paging.pageTime", pageTime);
  }
}

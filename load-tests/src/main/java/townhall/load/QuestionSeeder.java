package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Asks the questions the votes will go to, from a helper participant of its own, before the measurement; keeps a
 * few asks in flight at once and closes its socket when done. Its state lives on one context.
 */
public final class QuestionSeeder implements FrameListener {
  private static final int IN_FLIGHT = 16;

  private final Context context;
  private final int count;
  private final String[] ids;
  private final Promise<List<String>> done = Promise.promise();
  private ResidentSocket socket;
  private int nextToAsk;
  private int answered;

  /**
   * @param context the context the seeder runs on
   * @param count how many questions to ask
   */
  public QuestionSeeder(Context context, int count) {
    this.context = context;
    this.count = count;
    this.ids = new String[count];
  }

  /** Connects, asks every question and completes with their ids in the order asked. */
  public Future<List<String>> seed(WebSocketClient client, NodeAddress node, String sessionId) {
    context.runOnContext(v -> {
      socket = new ResidentSocket(-1, node, this);
      socket.connect(client, context, sessionId, 15_000).onComplete(welcome -> {
        if (welcome.failed()) {
          done.tryFail("seeding client could not join: " + welcome.cause().getMessage());
        } else {
          askMore();
        }
      });
    });
    return done.future().eventually(() -> socket == null ? Future.succeededFuture() : socket.close());
  }

  private void askMore() {
    while (nextToAsk < count && nextToAsk - answered < IN_FLIGHT) {
      int i = nextToAsk++;
      socket.send(new JsonObject().put("type", "ask").put("ref", "s-" + i)
          .put("text", "Câu hỏi thử tải số " + (i + 1) + ": khi nào sửa xong đường số " + (i + 1) + "?"));
    }
    if (answered == count) {
      done.tryComplete(new ArrayList<>(Arrays.asList(ids)));
    }
  }

  @Override
  public void onFrame(ResidentSocket from, JsonObject frame, long nanos) {
    String type = frame.getString("type");
    String ref = frame.getString("ref");
    if (ref == null || !ref.startsWith("s-")) {
      return;
    }
    if ("error".equals(type)) {
      done.tryFail("seeding ask " + ref + " refused: " + frame.encode());
    } else if ("ack".equals(type)) {
      int i = Integer.parseInt(ref.substring(2));
      if (ids[i] == null) {
        ids[i] = frame.getString("questionId");
        answered++;
      }
      askMore();
    }
  }

  @Override
  public void onClosed(ResidentSocket from, Short code, boolean byUs) {
    if (!byUs) {
      done.tryFail("seeding client was closed by the server (code " + code + ")");
    }
  }
}

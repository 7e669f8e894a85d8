package townhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects the clients that watch without voting, before the questions are seeded (so that moderators are there
 * to approve them): the moderators ({@code hello} with the session's moderator token; moderator m on node
 * {@code m mod nodes}) and, with {@code --stage}, one stage client (a plain {@code hello}, like the stage screen)
 * on the last node. A failed attempt is counted in its group and leaves that client out.
 */
public final class WatcherConnector {
  private static final long WELCOME_TIMEOUT_MS = 15_000;

  private final List<Context> contexts;
  private final WebSocketClient client;
  private final List<NodeAddress> nodes;
  private final Measurements measurements;

  /**
   * @param contexts contexts the sockets are spread over
   * @param measurements receives the frames and the connection counts
   */
  public WatcherConnector(List<Context> contexts, WebSocketClient client, List<NodeAddress> nodes,
      Measurements measurements) {
    this.contexts = contexts;
    this.client = client;
    this.nodes = nodes;
    this.measurements = measurements;
  }

  /**
   * Connects {@code moderators} moderators (approving pending questions when {@code approve}) and the stage
   * client if {@code stage}; completes with the sockets that were welcomed.
   */
  public Future<List<ResidentSocket>> connect(String sessionId, String moderatorToken, int moderators,
      boolean approve, boolean stage) {
    List<Future<ResidentSocket>> attempts = new ArrayList<>();
    for (int m = 0; m < moderators; m++) {
      Context context = contexts.get(m % contexts.size());
      ModeratorClient behaviour = new ModeratorClient(measurements.listener(ClientGroup.MODERATORS, context),
          measurements, m, moderators, approve);
      ResidentSocket socket = new ResidentSocket(m, nodes.get(m % nodes.size()), behaviour, moderatorToken);
      behaviour.use(socket);
      attempts.add(attempt(ClientGroup.MODERATORS, socket, context, sessionId));
    }
    if (stage) {
      Context context = contexts.get(contexts.size() - 1);
      ResidentSocket socket = new ResidentSocket(0, nodes.get(nodes.size() - 1),
          measurements.listener(ClientGroup.STAGE, context));
      attempts.add(attempt(ClientGroup.STAGE, socket, context, sessionId));
    }
    return Future.join(attempts).transform(ignored -> {
      List<ResidentSocket> welcomed = new ArrayList<>();
      attempts.stream().filter(Future::succeeded).map(Future::result).forEach(welcomed::add);
      return Future.succeededFuture(welcomed);
    });
  }

  private Future<ResidentSocket> attempt(ClientGroup group, ResidentSocket socket, Context context,
      String sessionId) {
    ConnectionStats connections = measurements.connections(group);
    connections.attempted();
    return Future.<ResidentSocket>future(promise -> context.runOnContext(v ->
        socket.connect(client, context, sessionId, WELCOME_TIMEOUT_MS).onComplete(result -> {
          if (result.succeeded()) {
            connections.established();
            promise.complete(socket);
          } else {
            connections.failed(String.valueOf(result.cause().getMessage()));
            socket.close();
            promise.fail(result.cause());
          }
        })));
  }
}

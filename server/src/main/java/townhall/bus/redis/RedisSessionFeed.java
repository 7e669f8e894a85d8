package townhall.bus.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.function.Consumer;
import java.util.logging.Logger;
import townhall.bus.SessionFeed;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;
import townhall.store.redis.RedisBackend;
import townhall.store.redis.RedisCalls;
import townhall.store.redis.RedisKeys;
import townhall.store.redis.StoredEvents;

/**
 * Redis pub/sub, one subscription per followed session on the process's single pub/sub connection. Messages are
 * decoded once per node on the hub context.
 */
public final class RedisSessionFeed implements SessionFeed {
  private static final Logger LOG = Logger.getLogger(RedisSessionFeed.class.getName());

  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final RedisClusterAsyncCommands<String, String> commands;
  private final RedisCalls calls;
  private final RedisKeys keys;

  /**
   * @param hubContext where {@code listener} is called
   */
  public RedisSessionFeed(RedisBackend backend, Context hubContext, Consumer<SessionEvent> listener) {
    this.pubSub = backend.pubSubConnection();
    this.commands = backend.commands();
    this.calls = backend.calls();
    this.keys = backend.keys();
    pubSub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String message) {
        String sessionId = keys.sessionOfChannel(channel);
        if (sessionId != null) {
          hubContext.runOnContext(v -> deliver(listener, sessionId, message));
        }
      }
    });
  }

  private static void deliver(Consumer<SessionEvent> listener, String sessionId, String message) {
    SessionEvent event;
    try {
      event = StoredEvents.decode(sessionId, message);
    } catch (RuntimeException e) {
      LogLine.session(LOG, sessionId).warning("undecodable event dropped", e);
      return;
    }
    listener.accept(event);
  }

  @Override
  public Future<Void> follow(String sessionId) {
    return calls.call(() -> pubSub.async().subscribe(keys.channel(sessionId)));
  }

  @Override
  public Future<Void> unfollow(String sessionId) {
    return calls.call(() -> pubSub.async().unsubscribe(keys.channel(sessionId)));
  }

  @Override
  public Future<Void> publishVotes(SessionEvent.VoteCounts counts) {
    return calls.call(() -> commands.publish(keys.channel(counts.sessionId()), StoredEvents.encodeVotes(counts.counts())))
        .mapEmpty();
  }

  @Override
  public Future<Void> publishPollResults(SessionEvent.PollResultsChanged results) {
    return calls.call(() -> commands.publish(keys.channel(results.sessionId()),
        StoredEvents.encodePollResults(results.results()))).mapEmpty();
  }
}

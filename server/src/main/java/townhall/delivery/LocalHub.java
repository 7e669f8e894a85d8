package townhall.delivery;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import townhall.bus.SessionFeed;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;
import townhall.metrics.Metrics;
import townhall.protocol.MessageCodec;
import townhall.store.EventLog;
import townhall.store.PresenceStore;

/**
 * This node's sockets, grouped by session into {@link Room}s. Follows a session on the feed while it has sockets
 * here; hands each received event to the session's room, which encodes it once and writes it to its sockets.
 *
 * <p>Threading: all state is confined to the hub context; public methods may be called from any thread.
 */
public final class LocalHub {
  private static final Logger LOG = Logger.getLogger(LocalHub.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final EventFanout fanout;
  private final EventLog log;
  private final PresenceStore presence;
  private final Metrics metrics;
  private final String nodeId;
  private final long tickMs;
  private final long heartbeatMs;
  private final Map<String, Room> rooms = new HashMap<>();
  private SessionFeed feed;
  private long heartbeatTimer = -1;

  public LocalHub(Vertx vertx, Context context, MessageCodec codec, EventLog log, PresenceStore presence,
      Metrics metrics, String nodeId, long tickMs, long heartbeatMs) {
    this.vertx = vertx;
    this.context = context;
    this.fanout = new EventFanout(codec, metrics);
    this.log = log;
    this.presence = presence;
    this.metrics = metrics;
    this.nodeId = nodeId;
    this.tickMs = tickMs;
    this.heartbeatMs = heartbeatMs;
  }

  /** Connects the hub to the feed it receives from and starts the presence heartbeat. */
  public void start(SessionFeed feed) {
    context.runOnContext(v -> {
      this.feed = feed;
      heartbeatTimer = vertx.setPeriodic(heartbeatMs, id -> rooms.values().forEach(room -> {
        room.reportPresence();
        room.catchUpWithLog();
      }));
    });
  }

  /**
   * Stops the heartbeat, withdraws this node's presence and forgets every room, so sockets that close afterwards
   * touch nothing.
   */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      vertx.cancelTimer(heartbeatTimer);
      List<Future<Void>> withdrawn = rooms.values().stream().map(Room::dispose).toList();
      rooms.clear();
      Future.join(withdrawn).onComplete(ignored -> done.complete());
    });
    return done.future();
  }

  /** The context every hub state change runs on. */
  public Context context() {
    return context;
  }

  /**
   * Makes sure the session is followed before a socket takes its snapshot, so no event can fall between the two.
   * Every successful call must be followed by {@link #join} or {@link #abandon}.
   */
  public Future<Void> prepare(String sessionId) {
    Promise<Void> ready = Promise.promise();
    // the answer goes back to the caller's context: the socket's greeting goes on there, on the socket's own loop
    Context caller = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      Room room = rooms.computeIfAbsent(sessionId, this::openRoom);
      room.preparing++;
      room.followed.onComplete(result -> {
        if (result.failed()) {
          room.preparing--;
          closeIfEmpty(room);
        }
        caller.runOnContext(back -> ready.handle(result));
      });
    });
    return ready.future();
  }

  /** Adds a socket that holds the session's state as of {@code seq}. */
  public void join(Recipient socket, long seq) {
    context.runOnContext(v -> {
      Room room = rooms.get(socket.participant().sessionId());
      if (room == null) {
        socket.evict(Eviction.RESTARTING); // the hub stopped while the socket was joining
        return;
      }
      room.preparing--;
      room.add(socket, seq);
      closeIfEmpty(room);
    });
  }

  /** A prepared socket did not join after all. */
  public void abandon(String sessionId) {
    context.runOnContext(v -> {
      Room room = rooms.get(sessionId);
      if (room != null) {
        room.preparing--;
        closeIfEmpty(room);
      }
    });
  }

  public void leave(Recipient socket) {
    context.runOnContext(v -> {
      Room room = rooms.get(socket.participant().sessionId());
      if (room != null && room.remove(socket)) {
        closeIfEmpty(room);
      }
    });
  }

  /** Receives an event from the feed; called on the hub context. */
  public void onEvent(SessionEvent event) {
    Room room = rooms.get(event.sessionId());
    if (room != null) {
      room.onEvent(event);
    }
  }

  /** Ends every connection with {@code reason} (used when the node shuts down). */
  public Future<Void> closeAll(Eviction reason) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      rooms.values().forEach(room -> room.evictAll(reason));
      done.complete();
    });
    return done.future();
  }

  private Room openRoom(String sessionId) {
    Room room = new Room(vertx, sessionId, fanout, log, presence, metrics, nodeId, tickMs, heartbeatMs);
    room.followed = feed.follow(sessionId);
    room.followed.onFailure(e -> LogLine.session(LOG, sessionId).warning("cannot follow", e));
    return room;
  }

  private void closeIfEmpty(Room room) {
    if (room.isEmpty() && room.preparing == 0 && rooms.get(room.sessionId()) == room) {
      dropRoom(room);
    }
  }

  private void dropRoom(Room room) {
    rooms.remove(room.sessionId());
    room.dispose();
    feed.unfollow(room.sessionId());
  }
}

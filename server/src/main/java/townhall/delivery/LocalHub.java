package townhall.delivery;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Logger;
import townhall.bus.SessionFeed;
import townhall.domain.Participant;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;
import townhall.metrics.Metrics;
import townhall.protocol.MessageCodec;
import townhall.protocol.ServerMessage;
import townhall.similar.SimilarIndexes;
import townhall.similar.SimilarQuestions;
import townhall.store.EventLog;
import townhall.store.PresenceStore;

/**
 * This node's connections, grouped by session into {@link Room}s. Follows a session on the feed while it has
 * connections here; hands each received event to the session's room, which keeps its view and encodes the event
 * once for its members. Joiners are welcomed from the room's view.
 *
 * <p>Threading: all state is confined to the hub context; public methods may be called from any thread, and
 * answer on the caller's context.
 */
public final class LocalHub {
  private static final Logger LOG = Logger.getLogger(LocalHub.class.getName());
  /**
   * How long a session with no connection here stays followed after a similar-questions search, so the next one
   * (the resident keeps typing) finds its view and index built.
   */
  private static final long SIMILAR_LINGER_MS = 120_000;

  private final Vertx vertx;
  private final Context context;
  private final MessageCodec codec;
  private final EventLog log;
  private final PresenceStore presence;
  private final Metrics metrics;
  private final String presenceId;
  private final DeliverySettings settings;
  private final EventFanout fanout;
  private final VotedLookup votedLookup;
  private final Map<String, Room> rooms = new HashMap<>();
  private final SimilarIndexes similarIndexes;
  private final BooleanSupplier joinStorm;
  private SessionFeed feed;
  private long heartbeatTimer = -1;

  /**
   * @param presenceId     what this node's connection counts are kept under in the presence store
   * @param similarIndexes opens the similar-questions index each room keeps
   * @param joins          the node's join line: during a join or reconnect storm, big rooms send vote counts less often
   */
  public LocalHub(Vertx vertx, Context context, MessageCodec codec, EventLog log, PresenceStore presence,
      Metrics metrics, String presenceId, DeliverySettings settings, SimilarIndexes similarIndexes, JoinQueue joins) {
    this.similarIndexes = similarIndexes;
    this.joinStorm = joins::storming;
    this.vertx = vertx;
    this.context = context;
    this.codec = codec;
    this.log = log;
    this.presence = presence;
    this.metrics = metrics;
    this.presenceId = presenceId;
    this.settings = settings;
    this.fanout = new EventFanout(codec, metrics);
    this.votedLookup = new VotedLookup(context, log, (sessionId, counts) -> {
      Room room = rooms.get(sessionId);
      if (room != null) {
        room.counts(counts);
      }
    });
  }

  /** Connects the hub to the feed it receives from and starts the presence heartbeat. */
  public void start(SessionFeed feed) {
    context.runOnContext(v -> {
      this.feed = feed;
      heartbeatTimer = vertx.setPeriodic(settings.heartbeatMs(), id -> rooms.values().forEach(room -> {
        room.reportPresence();
        room.catchUpWithLog();
      }));
    });
  }

  /**
   * Stops the heartbeat, withdraws this node's presence and forgets every room, so connections that close
   * afterwards touch nothing.
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
   * Follows the session (so no event can fall between the joiner's state and what the room delivers after it) and
   * answers what the joiner is sent: {@code resumed} and the events after {@code since} when the room's view has
   * them, else a bounded {@code welcome} from the view. Every successful call must be followed by {@link #join} or
   * {@link #abandon}.
   *
   * @param token the participant's fresh token, for the answer
   * @param fresh a new identity: it has no votes nor questions yet, so Redis is not asked for them
   */
  public Future<Admission> admit(Participant participant, String token, boolean fresh, Long since, String epoch) {
    String sessionId = participant.sessionId();
    return onHub(() -> {
      Room room = rooms.computeIfAbsent(sessionId, this::openRoom);
      room.preparing++;
      return room.followed.compose(ready -> room.view())
          .compose(view -> room.admit(participant, token, fresh, since, epoch))
          .onFailure(e -> {
            room.preparing--;
            closeIfEmpty(room);
          });
    });
  }

  /**
   * Up to {@code limit} questions residents may see in the session that are similar to {@code text}, the most
   * similar first. A session without connections here is followed for a while (its view and index are built once,
   * off the event loop, then kept by its events) so a resident typing on is answered from them.
   */
  public Future<List<SimilarQuestions.Suggestion>> similar(String sessionId, String text, int limit) {
    return onHub(() -> {
      Room room = rooms.computeIfAbsent(sessionId, this::openRoom);
      room.preparing++;
      return room.followed.compose(ready -> room.similar(text, limit)).onComplete(done ->
          vertx.setTimer(SIMILAR_LINGER_MS, id -> {
            room.preparing--;
            closeIfEmpty(room);
          }));
    });
  }

  /** A page of the session's questions for a joined participant. */
  public Future<ServerMessage.Page> page(Participant participant, String ref, String order, String cursor,
      Integer limit, String status) {
    return onHub(() -> {
      Room room = rooms.get(participant.sessionId());
      if (room == null) {
        return Future.failedFuture(townhall.domain.DomainException.unavailable(null));
      }
      return room.page(participant, ref, order, cursor, limit, status);
    });
  }

  /** Adds a recipient that holds the session's state as of {@code seq}. */
  public void join(Recipient recipient, long seq) {
    context.runOnContext(v -> {
      Room room = rooms.get(recipient.participant().sessionId());
      if (room == null) {
        recipient.evict(Eviction.RESTARTING); // the hub stopped while the recipient was joining
        return;
      }
      room.preparing--;
      room.add(recipient, seq);
      closeIfEmpty(room);
    });
  }

  /** An admitted recipient did not join after all. */
  public void abandon(String sessionId) {
    context.runOnContext(v -> {
      Room room = rooms.get(sessionId);
      if (room != null) {
        room.preparing--;
        closeIfEmpty(room);
      }
    });
  }

  public void leave(Recipient recipient) {
    context.runOnContext(v -> {
      Room room = rooms.get(recipient.participant().sessionId());
      if (room != null && room.remove(recipient)) {
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

  /** Runs {@code work} on the hub context and answers on the caller's. */
  private <T> Future<T> onHub(java.util.function.Supplier<Future<T>> work) {
    Promise<T> answer = Promise.promise();
    // the answer goes back to the caller's context: the socket's greeting goes on there, on the socket's own loop
    Context caller = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      Future<T> result;
      try {
        result = work.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(done -> caller.runOnContext(back -> answer.handle(done)));
    });
    return answer.future();
  }

  private Room openRoom(String sessionId) {
    Room room = new Room(vertx, sessionId, fanout, codec, votedLookup, settings, log, presence, metrics,
        presenceId, similarIndexes.open(sessionId), joinStorm);
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

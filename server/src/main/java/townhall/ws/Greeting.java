package townhall.ws;

import io.vertx.core.Future;
import townhall.domain.SessionEvent;
import townhall.protocol.Audience;
import townhall.protocol.ClientMessage;
import townhall.protocol.EventMessages;
import townhall.protocol.MessageCodec;
import townhall.protocol.ServerMessage;
import townhall.service.JoinSession;
import townhall.store.EventLog;

/**
 * Answers a hello: follows the session on this node first, then asks {@link JoinSession} for the participant's
 * state, writes the {@code welcome} (or {@code resumed}, the missed events and the current counts) and joins the
 * socket to the hub at the seq it now holds.
 */
final class Greeting implements ClientSocket.Greeter {
  private final JoinSession joinSession;
  private final LocalHub hub;
  private final MessageCodec codec;

  Greeting(JoinSession joinSession, LocalHub hub, MessageCodec codec) {
    this.joinSession = joinSession;
    this.hub = hub;
    this.codec = codec;
  }

  @Override
  public Future<JoinSession.Joined> greet(ClientSocket socket, ClientMessage.Hello hello) {
    String sessionId = socket.sessionId();
    return hub.prepare(sessionId)
        .compose(ready -> joinSession.join(sessionId, hello.token(), hello.since(), hello.epoch(),
            socket.clientAddress())
            .onFailure(e -> hub.abandon(sessionId)))
        .onSuccess(joined -> {
          socket.identify(joined.participant());
          if (joined.snapshot() != null) {
            socket.reply(welcome(joined));
          } else {
            sendResumed(socket, joined, hello.since());
          }
          hub.join(socket, joined.seq());
        });
  }

  private static ServerMessage.Welcome welcome(JoinSession.Joined joined) {
    EventLog.Snapshot s = joined.snapshot();
    return new ServerMessage.Welcome(identity(joined), joined.participant().role(), s.session(), s.seq(), s.epoch(),
        s.stage(), s.presence(), s.questions().stream()
            .map(q -> new ServerMessage.QuestionView(q.question(), q.voted(), q.mine(),
                Audience.of(joined.participant(), q.question().privateDetailsVisibleTo(joined.participant()))))
            .toList());
  }

  private void sendResumed(ClientSocket socket, JoinSession.Joined joined, long since) {
    EventLog.History history = joined.history();
    socket.reply(new ServerMessage.Resumed(identity(joined), joined.participant().role(), since, history.seq(),
        history.epoch(), history.presence()));
    for (SessionEvent.Sequenced event : history.events()) {
      if (event.visibleTo(joined.participant())) {
        Audience audience = Audience.of(joined.participant(), event.privateTo(joined.participant()));
        socket.reply(EventMessages.of(event, audience));
      }
    }
    socket.write(codec.encode(new ServerMessage.Votes(history.counts())));
  }

  private static ServerMessage.Identity identity(JoinSession.Joined joined) {
    return new ServerMessage.Identity(joined.participant().id(), joined.token());
  }
}

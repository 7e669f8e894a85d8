package townhall.ws;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.SessionEvent;
import townhall.protocol.Audience;
import townhall.protocol.ClientMessage;
import townhall.protocol.EventMessages;
import townhall.protocol.ServerMessage;
import townhall.service.JoinSession;
import townhall.delivery.LocalHub;
import townhall.store.EventLog;

/**
 * Answers a hello: asks {@link JoinSession} who says it, follows the session on this node, then asks for the
 * participant's state, writes the {@code welcome} (or {@code resumed}, the missed events and the current counts)
 * and joins the socket to the hub at the seq it now holds.
 */
final class Greeting implements ClientSocket.Greeter {
  private final JoinSession joinSession;
  private final LocalHub hub;

  Greeting(JoinSession joinSession, LocalHub hub) {
    this.joinSession = joinSession;
    this.hub = hub;
  }

  @Override
  public Future<JoinSession.Joined> greet(ClientSocket socket, ClientMessage.Hello hello) {
    String sessionId = socket.sessionId();
    // identified first: a refused token or a rate-limited new identity costs the hub nothing
    return joinSession.identify(sessionId, hello.token(), socket.clientAddress())
        .compose(caller -> hub.prepare(sessionId)
            .compose(ready -> joinSession.join(caller, hello.since(), hello.epoch())
                .onFailure(e -> hub.abandon(sessionId))))
        .onSuccess(joined -> {
          socket.identify(joined.participant(), joined.generation());
          if (joined.snapshot() != null) {
            socket.reply(welcome(joined));
          } else {
            sendResumed(socket, joined, hello.since());
          }
          hub.join(socket, joined.seq());
          joinSession.confirm(joined).onFailure(e -> {
            if (e instanceof DomainException refused && refused.code() == ErrorCode.UNAUTHORIZED) {
              socket.close(CloseReason.TOKEN_REFUSED);
            }
          });
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
    socket.reply(new ServerMessage.Votes(history.counts()));
  }

  private static ServerMessage.Identity identity(JoinSession.Joined joined) {
    return new ServerMessage.Identity(joined.participant().id(), joined.token());
  }
}

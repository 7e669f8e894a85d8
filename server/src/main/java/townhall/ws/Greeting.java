package townhall.ws;

import io.vertx.core.Future;
import townhall.delivery.Admission;
import townhall.delivery.JoinQueue;
import townhall.delivery.LocalHub;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.protocol.ClientMessage;
import townhall.service.JoinSession;

/**
 * Answers a hello, in its turn ({@link JoinQueue}): asks {@link JoinSession} who says it, asks the hub what to send
 * (a welcome from the session's view, or {@code resumed} with the missed events and the counts), writes it and
 * joins the socket to the hub at the seq it now holds.
 */
final class Greeting implements ClientSocket.Greeter {
  private final JoinSession joinSession;
  private final LocalHub hub;
  private final JoinQueue queue;

  Greeting(JoinSession joinSession, LocalHub hub, JoinQueue queue) {
    this.joinSession = joinSession;
    this.hub = hub;
    this.queue = queue;
  }

  @Override
  public Future<Void> greet(ClientSocket socket, ClientMessage.Hello hello) {
    // a hello with a seq is a resume: it weighs less in the line (see JoinQueue)
    return queue.submit(() -> socket.isOpen() ? greetNow(socket, hello) : Future.succeededFuture(),
        hello.since() != null);
  }

  private Future<Void> greetNow(ClientSocket socket, ClientMessage.Hello hello) {
    String sessionId = socket.sessionId();
    // identified first: a refused token or a rate-limited new identity costs the hub nothing
    return joinSession.identify(sessionId, hello.token(), socket.clientAddress())
        .compose(who -> hub.admit(who.participant(), who.token(), who.fresh(), hello.since(), hello.epoch())
            .map(admission -> {
              socket.identify(who.participant(), who.generation());
              for (Admission.Frame frame : admission.frames()) {
                socket.replyEncoded(frame.encoded(), frame.type());
              }
              hub.join(socket, admission.seq());
              joinSession.confirm(who).onFailure(e -> {
                if (e instanceof DomainException refused && refused.code() == ErrorCode.UNAUTHORIZED) {
                  socket.close(CloseReason.TOKEN_REFUSED);
                }
              });
              return null;
            }));
  }
}

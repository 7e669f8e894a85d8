package townhall.ws;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.protocol.ClientMessage;
import townhall.protocol.ServerMessage;

/** Moderator actions over the WebSocket. */
public final class ModeratorCommands implements Dispatcher.ModeratorActions {

  @Override
  public Future<ServerMessage> moderate(Participant moderator, ClientMessage.Moderate message) {
    return Future.failedFuture(DomainException.badRequest("Moderation actions are not supported by this server yet"));
  }

  @Override
  public Future<ServerMessage> session(Participant moderator, ClientMessage.SessionControl message) {
    return Future.failedFuture(DomainException.badRequest("Session actions are not supported by this server yet"));
  }
}

package townhall.ws;

import java.util.logging.Logger;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.logging.LogLine;
import townhall.protocol.ProtocolException;
import townhall.protocol.ServerMessage;

/** The one mapping from failures to {@code error} frames. */
final class WsErrors {
  private static final Logger LOG = Logger.getLogger(WsErrors.class.getName());

  private WsErrors() {
  }

  static ServerMessage.Error toMessage(String ref, Throwable failure, String sessionId) {
    if (failure instanceof DomainException e) {
      if (e.code() == ErrorCode.UNAVAILABLE) {
        LogLine.session(LOG, sessionId).with("ref", ref).warning("store unavailable", e.getCause());
      }
      return new ServerMessage.Error(ref, e.code(), e.getMessage(), e.retryAfterMs());
    }
    if (failure instanceof ProtocolException e) {
      return new ServerMessage.Error(e.ref() != null ? e.ref() : ref, ErrorCode.BAD_REQUEST, e.getMessage(), 0);
    }
    LogLine.session(LOG, sessionId).with("ref", ref).severe("unexpected failure", failure);
    return new ServerMessage.Error(ref, ErrorCode.UNAVAILABLE, "The server could not do this now, retry later", 1000);
  }
}

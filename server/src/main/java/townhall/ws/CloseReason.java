package townhall.ws;

import townhall.domain.ErrorCode;

/** Why the server closes a WebSocket, with the code clients act on (see docs/protocol.md, "Close codes"). */
public enum CloseReason {
  /** A frame that breaks the WebSocket protocol (reserved bits set without an agreed extension, say). */
  PROTOCOL_ERROR(1002, "Protocol error", false),
  /** A text message that is not valid UTF-8. */
  INVALID_TEXT(1007, "Text is not valid UTF-8", false),
  /** A frame or message over the size limit. */
  TOO_BIG(1009, "Message too big", false),
  /** The client kept sending what is not the protocol. */
  POLICY(1008, "Too many malformed messages", false),
  /** The server failed; reconnect with backoff. */
  SERVER_ERROR(1011, "Server error, reconnect later", true),
  /** This node is shutting down; reconnect at once, to another node. */
  RESTARTING(1012, "Node restarting", true),
  /** No answer to a ping: the peer is gone (a phone that lost its network). */
  NOT_RESPONDING(4402, "No answer to ping", true),
  /**
   * The hello's token was refused (forged, expired, of another session, signed with an unknown key, of an older
   * version). Reconnecting with the same token is pointless: a resident joins again without it, a moderator or a
   * stage screen needs a new link.
   */
  TOKEN_REFUSED(4403, "Token refused", false),
  /** No hello in time. */
  NO_HELLO(4401, "No hello in time", true),
  /** The session does not exist. */
  NO_SESSION(4404, "No such session", false),
  /** The client fell behind and must resume. */
  SLOW_CONSUMER(4408, "Too slow, reconnect and resume", true),
  /** Too many new identities or connections from this address; reconnect after the backoff. */
  RATE_LIMITED(4429, "Too many, try again later", true),
  /** This node lost track of the session's events; resume restores them. */
  RESYNC(4409, "State moved on, reconnect and resume", true);

  private final short code;
  private final String reason;
  private final boolean reconnect;

  CloseReason(int code, String reason, boolean reconnect) {
    this.code = (short) code;
    this.reason = reason;
    this.reconnect = reconnect;
  }

  public short code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** Whether a client should reconnect after this close. */
  public boolean reconnect() {
    return reconnect;
  }

  /** The reason to close with for a frame the WebSocket decoder found corrupt, given the status it suggests. */
  static CloseReason forCorruptFrame(int suggestedStatus) {
    return switch (suggestedStatus) {
      case 1009 -> TOO_BIG;
      case 1007 -> INVALID_TEXT;
      default -> PROTOCOL_ERROR;
    };
  }

  /** The reason to close with after a hello was refused with {@code code} (null: not a refusal, a failure). */
  static CloseReason forRefusedHello(ErrorCode code) {
    if (code == null) {
      return SERVER_ERROR;
    }
    return switch (code) {
      case NOT_FOUND -> NO_SESSION;
      case UNAUTHORIZED -> TOKEN_REFUSED;
      case RATE_LIMITED -> RATE_LIMITED;
      default -> SERVER_ERROR;
    };
  }
}

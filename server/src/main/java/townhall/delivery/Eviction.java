package townhall.delivery;

/** Why delivery ends a connection; the transport maps each to its close code. */
public enum Eviction {
  /** This node lost track of the session's events (or the log went back): the client resumes or resyncs. */
  RESYNC,
  /** The session no longer exists. */
  NO_SESSION,
  /** This node is shutting down: reconnect at once, to another node. */
  RESTARTING,
  /** The organizer revoked the moderator or stage token the connection said hello with: a new link is needed. */
  TOKEN_REVOKED
}

package townhall.domain;

/** Lifecycle of a session: {@code open} accepts questions, {@code paused} only votes, {@code closed} nothing. */
public enum SessionStatus {
  OPEN, PAUSED, CLOSED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static SessionStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}

package townhall.protocol;

import java.util.Locale;

/** The {@code type} names the server sends. */
public enum ServerType {
  WELCOME, RESUMED, ACK, ERROR, QUESTION, VOTES, STAGE, SESSION, PRESENCE, SIGNALS, PAGE, PONG, POLL;

  private final String wireName;

  ServerType() {
    this.wireName = name().toLowerCase(Locale.ROOT);
  }

  ServerType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The type with this wire name, or {@code null}. */
  public static ServerType fromWireName(String name) {
    for (ServerType type : values()) {
      if (type.wireName().equals(name)) {
        return type;
      }
    }
    return null;
  }
}

package townhall.protocol;

import java.util.Locale;

/** The {@code type} names a client may send. */
public enum ClientType {
  HELLO, ASK, VOTE, WITHDRAW, MODERATE, SESSION, SIGNALS, PAGE, PING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type with this wire name, or {@code null}. */
  public static ClientType fromWireName(String name) {
    for (ClientType type : values()) {
      if (type.wireName().equals(name)) {
        return type;
      }
    }
    return null;
  }
}

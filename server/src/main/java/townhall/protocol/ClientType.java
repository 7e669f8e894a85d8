package townhall.protocol;

import java.util.Locale;

/** The {@code type} names a client may send. */
public enum ClientType {
  HELLO, ASK, VOTE, WITHDRAW, MODERATE, SESSION, SIGNALS, PAGE, PING, POLL, ANSWER_POLL("answerPoll");

  private final String wireName;

  ClientType() {
    this.wireName = name().toLowerCase(Locale.ROOT);
  }

  ClientType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
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

package townhall.domain;

/** {@code pre}: questions wait for a moderator; {@code post}: questions are live at once. */
public enum Moderation {
  PRE, POST;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Moderation fromWireName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}

package townhall.domain;

/** What a participant may do in a session. */
public enum Role {
  RESIDENT, MODERATOR;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

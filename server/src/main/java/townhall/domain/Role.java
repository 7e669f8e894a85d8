package townhall.domain;

/**
 * What a participant may do in a session. A resident asks, votes and withdraws their own questions; a moderator
 * also moderates and opens, pauses or closes the session; the stage (the projector and the speaker's tablet) only
 * watches what residents see.
 */
public enum Role {
  RESIDENT, MODERATOR, STAGE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Whether tokens of this role are links the organizer hands out (moderator, stage): they are never extended by use
   * and can be revoked per session ({@link TokenGenerations}).
   */
  public boolean privileged() {
    return this != RESIDENT;
  }

  /** The role with this wire name, or {@code null}. */
  public static Role fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return role;
      }
    }
    return null;
  }

  /** Whether this role may ask, vote and withdraw. */
  public boolean takesPart() {
    return this != STAGE;
  }
}

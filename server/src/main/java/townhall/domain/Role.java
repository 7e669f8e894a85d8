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

  /** Whether this role may ask, vote and withdraw. */
  public boolean takesPart() {
    return this != STAGE;
  }
}

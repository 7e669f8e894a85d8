package townhall.domain;

/**
 * What a participant may do in a session. A resident asks, votes and withdraws their own questions; a moderator
 * also moderates and opens, pauses or closes the session; the stage (the projector and the speaker's tablet) only
 * watches what residents see; a clerk enters questions on behalf of people who ask without a phone (at the
 * microphone, on paper, by the hotline...) and may withdraw an entry of its own, but neither votes nor moderates.
 * What each role may send is decided by the methods below, read in one place (the WebSocket dispatcher).
 */
public enum Role {
  RESIDENT, MODERATOR, STAGE, CLERK;

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

  /** Whether this role may ask (a clerk only on behalf of someone) and withdraw its own questions. */
  public boolean asks() {
    return this == RESIDENT || this == MODERATOR || this == CLERK;
  }

  /** Whether this role may upvote: not a stage screen, and not a clerk, whose one identity stands for many people. */
  public boolean votes() {
    return this == RESIDENT || this == MODERATOR;
  }

  /** Whether this role may answer polls: as for votes, one answer per person (not a stage, not a clerk). */
  public boolean answersPolls() {
    return votes();
  }

  /** Whether this role enters questions on behalf of others: its {@code ask} must, and any other's must not. */
  public boolean entersOnBehalf() {
    return this == CLERK;
  }
}

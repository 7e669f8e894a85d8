package townhall.domain;

/**
 * The current generation of a session's moderator, stage and clerk tokens. A token carries the generation it was issued
 * in; revoking a role raises its generation, and every token of that role from an earlier generation is refused
 * from then on. Resident tokens have no generation (always 0): they are not revoked this way.
 */
public record TokenGenerations(long moderator, long stage, long clerk) {
  public static final TokenGenerations INITIAL = new TokenGenerations(0, 0, 0);

  /** Generations of a session whose clerk tokens were never revoked. */
  public TokenGenerations(long moderator, long stage) {
    this(moderator, stage, 0);
  }

  /** The generation tokens of {@code role} are issued in now. */
  public long of(Role role) {
    return switch (role) {
      case MODERATOR -> moderator;
      case STAGE -> stage;
      case CLERK -> clerk;
      case RESIDENT -> 0;
    };
  }

  /** Whether a token of {@code role} issued in {@code generation} has been revoked. */
  public boolean revokes(Role role, long generation) {
    return generation < of(role);
  }
}

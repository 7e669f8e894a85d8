package townhall.load;

/** The kinds of client a run opens; each is measured on its own. */
public enum ClientGroup {
  /** The residents: they vote and ask. */
  RESIDENTS("residents"),
  /** Moderator sockets (hello with the moderator token): they see everything and approve in pre-moderation. */
  MODERATORS("moderators"),
  /** One read-only stage client: it only listens. */
  STAGE("stage");

  private final String key;

  ClientGroup(String key) {
    this.key = key;
  }

  /** The group's name in results ({@code residents}, {@code moderators}, {@code stage}). */
  public String key() {
    return key;
  }

  /** A result name inside this group, e.g. {@code residents.voteVisible}. */
  public String name(String what) {
    return key + "." + what;
  }
}

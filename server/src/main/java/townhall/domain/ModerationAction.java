package townhall.domain;

import java.util.Locale;

/** What a moderator can do to a question; the state each applies to is enforced atomically in the store. */
public enum ModerationAction {
  APPROVE, REJECT, EDIT, ANSWER, HIGHLIGHT, UNHIGHLIGHT, ARCHIVE, RESTORE, MERGE, BAN, FREEZE, UNFREEZE,
  /** Keeps a shown question's text out of the public record (it stays in the full record). */
  WITHHOLD,
  /** Takes a {@link #WITHHOLD} back. */
  UNWITHHOLD,
  /**
   * Makes public the name of the person a clerk entered the question for (private until then: moderators and the
   * clerk see it, the public record seals it).
   */
  PUBLISH_NAME;

  public String wireName() {
    return this == PUBLISH_NAME ? "publishName" : name().toLowerCase(Locale.ROOT);
  }

  /** The action with this wire name, or {@code null}. */
  public static ModerationAction fromWireName(String name) {
    for (ModerationAction action : values()) {
      if (action.wireName().equals(name)) {
        return action;
      }
    }
    return null;
  }
}

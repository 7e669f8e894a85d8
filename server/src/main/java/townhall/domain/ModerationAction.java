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
  PUBLISH_NAME,
  /**
   * Makes public the photo of the paper slip a clerk attached to the question (private until then: moderators and
   * the clerk see it); the record's entry names the photo by its SHA-256. Taken over HTTP only
   * ({@code POST /api/sessions/{id}/questions/{qid}/slip/publish}), which also makes the stored photo public.
   */
  PUBLISH_SLIP;

  public String wireName() {
    return switch (this) {
      case PUBLISH_NAME -> "publishName";
      case PUBLISH_SLIP -> "publishSlip";
      default -> name().toLowerCase(Locale.ROOT);
    };
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

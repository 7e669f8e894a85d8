package townhall.domain;

import java.util.Locale;

/** What a poll asks for: one choice, several choices (up to its {@code max}), a rating of 1 to 5, or a short text. */
public enum PollKind {
  SINGLE, MULTIPLE, RATING, TEXT;

  /** The highest rating of a {@link #RATING} poll (ratings are 1 to this). */
  public static final int MAX_RATING = 5;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind with this wire name, or {@code null}. */
  public static PollKind fromWireName(String name) {
    for (PollKind kind : values()) {
      if (kind.wireName().equals(name)) {
        return kind;
      }
    }
    return null;
  }

  /** Whether the moderator gives the options (single and multiple choice). */
  public boolean hasOptions() {
    return this == SINGLE || this == MULTIPLE;
  }
}

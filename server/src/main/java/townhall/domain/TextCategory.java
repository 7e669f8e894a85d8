package townhall.domain;

import java.util.Locale;

/**
 * Why a moderator rejected or withheld a question, as {@code moderate} names it ({@code category}). The category
 * decides what the public record shows: the texts of questions rejected as {@link #ABUSIVE}, {@link #SPAM} or
 * {@link #PERSONAL_DATA} are withheld from it; a rejection's own reason is public only for {@link #OFF_TOPIC} and
 * {@link #DUPLICATE}, the reasons a moderator gives in order to be read (see {@code docs/record.md}).
 */
public enum TextCategory {
  OFF_TOPIC, DUPLICATE, ABUSIVE, SPAM, PERSONAL_DATA, OTHER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The category with this wire name, or {@code null}. */
  public static TextCategory fromWireName(String name) {
    for (TextCategory category : values()) {
      if (category.wireName().equals(name)) {
        return category;
      }
    }
    return null;
  }

  /** Whether a question rejected for this keeps its text out of the public record. */
  public boolean withholdsText() {
    return this == ABUSIVE || this == SPAM || this == PERSONAL_DATA;
  }

  /** Whether a rejection's written reason is public in the record. */
  public boolean reasonPublic() {
    return this == OFF_TOPIC || this == DUPLICATE;
  }
}

package townhall.domain;

import java.util.Locale;

/** Where a question stands. Residents see the public statuses, and their own questions in any status. */
public enum QuestionStatus {
  PENDING(false), LIVE(true), ANSWERED(true), ARCHIVED(true), REJECTED(false), WITHDRAWN(false);

  private final boolean visibleToResidents;

  QuestionStatus(boolean visibleToResidents) {
    this.visibleToResidents = visibleToResidents;
  }

  /** Whether every resident may see a question in this status. */
  public boolean visibleToResidents() {
    return visibleToResidents;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static QuestionStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}

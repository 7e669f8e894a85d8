package townhall.domain;

import java.util.Locale;

/** A poll is prepared ({@code draft}, seen by moderators only), then {@code open} for answers, then {@code closed}. */
public enum PollStatus {
  DRAFT, OPEN, CLOSED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status with this wire name, or {@code null}. */
  public static PollStatus fromWireName(String name) {
    for (PollStatus status : values()) {
      if (status.wireName().equals(name)) {
        return status;
      }
    }
    return null;
  }
}

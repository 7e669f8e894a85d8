package townhall.domain;

/**
 * What became of a question after (or beyond) the stage: a step of its follow-up, taken by a moderator or an
 * organizer. "Answered on the spot" is the moderation action {@code answer}, not a step.
 */
public enum FollowUpStep {
  /** Will be answered in writing by a date. */
  PROMISED("promised", false, true),
  /** Referred to an agency of the session's organization, with a due date. */
  REFERRED("referred", true, true),
  /** Referred to an agency of an organization above the session's, with a due date. */
  REFERRED_UP("referredUp", true, true),
  /** Noted for consideration. */
  NOTED("noted", false, false),
  /** Not within the organization's remit; the note says why. */
  OUT_OF_REMIT("outOfRemit", false, false);

  /**
   * The step name of a written answer published after the session ({@code POST …/answer}): in the record's
   * {@code followUp} entries and steps, never a step a moderator takes.
   */
  public static final String ANSWERED = "answered";

  private final String wireName;
  private final boolean needsAgency;
  private final boolean needsDue;

  FollowUpStep(String wireName, boolean needsAgency, boolean needsDue) {
    this.wireName = wireName;
    this.needsAgency = needsAgency;
    this.needsDue = needsDue;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether the step names an agency (and takes no other). */
  public boolean needsAgency() {
    return needsAgency;
  }

  /** Whether the step needs a due date. */
  public boolean needsDue() {
    return needsDue;
  }

  /** Whether the step needs a note (the reason). */
  public boolean needsNote() {
    return this == OUT_OF_REMIT;
  }

  /** The step with this wire name, or {@code null}. */
  public static FollowUpStep fromWireName(String name) {
    for (FollowUpStep step : values()) {
      if (step.wireName.equals(name)) {
        return step;
      }
    }
    return null;
  }
}

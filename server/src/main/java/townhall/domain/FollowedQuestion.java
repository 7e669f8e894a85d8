package townhall.domain;

import java.util.List;

/**
 * A question as its public follow-up page shows it: only what the public record may show.
 *
 * @param status {@code live}, {@code answered} or {@code archived}
 * @param answer the written answer, else {@code null}
 * @param steps  its follow-up steps, oldest first
 * @param satisfaction how the asker rated its answer (counts, as in the record; both 0 before a rating)
 */
public record FollowedQuestion(String id, String text, String status, Answer answer, List<Step> steps,
    Satisfaction satisfaction) {
  public FollowedQuestion {
    steps = List.copyOf(steps);
    satisfaction = satisfaction == null ? Satisfaction.NONE : satisfaction;
  }

  /** A question not rated (yet). */
  public FollowedQuestion(String id, String text, String status, Answer answer, List<Step> steps) {
    this(id, text, status, answer, steps, Satisfaction.NONE);
  }

  /** The asker's rating of the answer, as counts (the record's {@code satisfaction}). */
  public record Satisfaction(int satisfied, int notSatisfied) {
    public static final Satisfaction NONE = new Satisfaction(0, 0);

    public boolean rated() {
      return satisfied + notSatisfied > 0;
    }
  }

  /**
   * Whether the question's follow-up has ended: a written answer was published ({@code answered}) or it was found
   * {@code outOfRemit}. Nothing more is expected after either, so the askers' email addresses are deleted then.
   */
  public boolean followUpEnded() {
    return steps.stream().anyMatch(s -> endsFollowUp(s.step()));
  }

  /** Whether a step of this name ends a question's follow-up ({@link #followUpEnded()}). */
  public static boolean endsFollowUp(String step) {
    return FollowUpStep.ANSWERED.equals(step) || FollowUpStep.OUT_OF_REMIT.wireName().equals(step);
  }

  /** A step as the public sees it: no name, the role at most. {@code agency}, {@code due}, {@code note} may be null. */
  public record Step(String step, String agency, String due, long at, String note, List<Attachment> files) {
    public Step {
      files = files == null ? List.of() : List.copyOf(files);
    }

    public Step(String step, String agency, String due, long at, String note) {
      this(step, agency, due, at, note, List.of());
    }
  }

  /** Whether the public may see a question in this state: shown to the public, and its text not withheld. */
  public static boolean shownToPublic(String status, boolean withheld, boolean merged) {
    return !withheld && !merged && ("live".equals(status) || "answered".equals(status) || "archived".equals(status));
  }
}

package townhall.domain;

import java.util.List;

/**
 * A question as its public follow-up page shows it: only what the public record may show.
 *
 * @param status {@code live}, {@code answered} or {@code archived}
 * @param answer the written answer, else {@code null}
 * @param steps  its follow-up steps, oldest first
 */
public record FollowedQuestion(String id, String text, String status, Answer answer, List<Step> steps) {
  public FollowedQuestion {
    steps = List.copyOf(steps);
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

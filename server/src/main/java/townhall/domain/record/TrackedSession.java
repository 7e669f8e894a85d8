package townhall.domain.record;

import java.util.List;

/**
 * A published record as the public follow-up tracker reads it: where the session belongs and its questions that
 * have a follow-up (at least one step), as the public copy shows them.
 *
 * @param organization the slug of the session's organization
 * @param series       its series' slug in that organization, else {@code null}
 * @param seriesTitle  the series' title, else {@code null}
 */
public record TrackedSession(String sessionId, String title, String organization, String series,
    String seriesTitle, List<Item> items) {

  public TrackedSession {
    items = List.copyOf(items);
  }

  /** The series as the tracker names it: {@code <organization>/<series>} (a series slug is unique per organization). */
  public String seriesKey() {
    return series == null ? null : organization + "/" + series;
  }

  /**
   * A followed question.
   *
   * @param text  as the public record shows it ({@code null} where it withholds the text)
   * @param topic its topic's key, {@code null} when it has none
   * @param steps its follow-up steps, oldest first
   */
  public record Item(String questionId, String followCode, String text, String topic,
      List<QuestionRecord.FollowUp> steps, QuestionRecord.Satisfaction satisfaction) {
    public Item {
      steps = List.copyOf(steps);
    }
  }
}

package townhall.domain.record;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a public record leaves out, counted a question at a time, for the organizer's preview before publishing:
 * questions whose text is withheld by category ({@code TextCategory} wire names), questions without a public text
 * (withheld, never reviewed, withdrawn before review), and rejection and withholding steps whose reason the public
 * record does not show.
 */
public final class PreviewCounts {
  private final Map<String, Integer> withheldByCategory = new TreeMap<>();
  private int textsNotShown;
  private int privateReasons;

  /** Counts a question of the public record. */
  public void add(QuestionRecord q) {
    if (q.withheld() != null) {
      withheldByCategory.merge(q.withheld().wireName(), 1, Integer::sum);
    }
    if (q.text() == null) {
      textsNotShown++;
    }
    for (QuestionRecord.Step step : q.steps()) {
      boolean reasoned = "withhold".equals(step.action()) || "reject".equals(step.action());
      boolean reasonPublic = step.category() != null && step.category().reasonPublic();
      if (reasoned && step.reason() == null && !reasonPublic) {
        privateReasons++;
      }
    }
  }

  public Map<String, Integer> withheldByCategory() {
    return Map.copyOf(withheldByCategory);
  }

  public int textsNotShown() {
    return textsNotShown;
  }

  public int privateReasons() {
    return privateReasons;
  }
}

package townhall.domain.record;

import java.util.Map;
import java.util.TreeMap;
import townhall.domain.TextCategory;

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
    question(q.withheld(), q.text() != null);
    for (QuestionRecord.Step step : q.steps()) {
      step(step.action(), step.reason(), step.category());
    }
  }

  /**
   * Counts a question of the public record by what it shows: its text withheld for {@code withheld} (or null),
   * whether its text is shown. Its steps are counted with {@link #step}.
   */
  public void question(TextCategory withheld, boolean textShown) {
    if (withheld != null) {
      withheldByCategory.merge(withheld.wireName(), 1, Integer::sum);
    }
    if (!textShown) {
      textsNotShown++;
    }
  }

  /** Counts one step of a question of the public record: {@code reason} as the public record shows it. */
  public void step(String action, String reason, TextCategory category) {
    boolean reasoned = "withhold".equals(action) || "reject".equals(action);
    boolean reasonPublic = category != null && category.reasonPublic();
    if (reasoned && reason == null && !reasonPublic) {
      privateReasons++;
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

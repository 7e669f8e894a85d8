package townhall.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A poll a moderator prepares, checked: a question of one line, 2 to {@link #MAX_OPTIONS} distinct options for
 * single and multiple choice (none for rating and text), a {@code max} from 2 to the number of options for multiple
 * choice (1 for single choice, 0 otherwise).
 */
public record NewPoll(PollKind kind, String question, List<String> options, int max, boolean hidden) {
  public static final int MAX_QUESTION = 200;
  public static final int MAX_OPTION = 100;
  public static final int MAX_OPTIONS = 10;
  /** The longest open-text answer, in characters (grapheme clusters). */
  public static final int MAX_TEXT_ANSWER = 140;
  /** The most polls one session may have. */
  public static final int MAX_POLLS = 50;

  public NewPoll {
    options = List.copyOf(options);
  }

  /**
   * Checks a moderator's poll.
   *
   * @throws DomainException {@code bad_request} for a missing or unfitting field, {@code too_long} for a question
   *                         or option over its limit
   */
  public static NewPoll of(String kindName, String question, List<String> options, Integer max, Boolean hidden) {
    PollKind kind = PollKind.fromWireName(kindName);
    if (kind == null) {
      throw DomainException.badRequest("'kind' must be single, multiple, rating or text");
    }
    String text = TextRules.line(question, MAX_QUESTION, "poll's question");
    List<String> checked = new ArrayList<>();
    int most = 0;
    if (kind.hasOptions()) {
      if (options == null || options.size() < 2 || options.size() > MAX_OPTIONS) {
        throw DomainException.badRequest("A choice poll has 2 to " + MAX_OPTIONS + " options");
      }
      Set<String> seen = new HashSet<>();
      for (String option : options) {
        String o = TextRules.line(option, MAX_OPTION, "option");
        if (!seen.add(o.toLowerCase(java.util.Locale.ROOT))) {
          throw DomainException.badRequest("Two options say the same: " + o);
        }
        checked.add(o);
      }
      if (kind == PollKind.SINGLE) {
        if (max != null && max != 1) {
          throw DomainException.badRequest("A single choice poll takes one choice: 'max' is 1 or absent");
        }
        most = 1;
      } else {
        most = max == null ? checked.size() : max;
        if (most < 2 || most > checked.size()) {
          throw DomainException.badRequest("'max' of a multiple choice poll is from 2 to the number of options");
        }
      }
    } else if ((options != null && !options.isEmpty()) || max != null) {
      throw DomainException.badRequest("A " + kind.wireName() + " poll has no options and no 'max'");
    }
    return new NewPoll(kind, text, checked, most, hidden != null && hidden);
  }

  /** How many counts its results hold. */
  public int countSlots() {
    return switch (kind) {
      case SINGLE, MULTIPLE -> options.size();
      case RATING -> PollKind.MAX_RATING;
      case TEXT -> 0;
    };
  }
}

package townhall.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What the content rules found in a question: its flags (in {@link ContentFlag} order, each once) and where in the
 * text each was found (disjoint, in text order; a {@link ContentFlag#REPEAT} has no place in the text).
 */
public record Screening(List<ContentFlag> flags, List<FlagMatch> matches) {
  public static final Screening NONE = new Screening(List.of(), List.of());

  public Screening {
    flags = List.copyOf(flags);
    matches = List.copyOf(matches);
  }

  public boolean isFlagged() {
    return !flags.isEmpty();
  }

  public boolean has(ContentFlag flag) {
    return flags.contains(flag);
  }

  /** This screening with {@code flag} added (kept in {@link ContentFlag} order). */
  public Screening with(ContentFlag flag) {
    if (flags.contains(flag)) {
      return this;
    }
    List<ContentFlag> more = new ArrayList<>(flags);
    more.add(flag);
    more.sort(null);
    return new Screening(more, matches);
  }
}

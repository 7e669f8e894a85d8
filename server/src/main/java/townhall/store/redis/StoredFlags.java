package townhall.store.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import townhall.domain.ContentFlag;
import townhall.domain.FlagMatch;
import townhall.domain.Screening;

/**
 * A question's content flags as the question hash keeps them: {@code flags} "profanity,link" and {@code marks}
 * "profanity:0:2,link:10:31" (flag, start, end in UTF-16 units of the text). Unknown flags are skipped on reading.
 */
final class StoredFlags {
  private StoredFlags() {
  }

  static String flags(Screening screening) {
    StringJoiner out = new StringJoiner(",");
    screening.flags().forEach(flag -> out.add(flag.wireName()));
    return out.toString();
  }

  static String marks(Screening screening) {
    StringJoiner out = new StringJoiner(",");
    screening.matches().forEach(m -> out.add(m.flag().wireName() + ":" + m.start() + ":" + m.end()));
    return out.toString();
  }

  static Screening read(String flags, String marks) {
    if (flags == null || flags.isEmpty()) {
      return Screening.NONE;
    }
    List<ContentFlag> kinds = new ArrayList<>();
    for (String name : flags.split(",")) {
      ContentFlag flag = ContentFlag.fromWireName(name);
      if (flag != null && !kinds.contains(flag)) {
        kinds.add(flag);
      }
    }
    kinds.sort(null);
    List<FlagMatch> matches = new ArrayList<>();
    if (marks != null && !marks.isEmpty()) {
      for (String mark : marks.split(",")) {
        String[] parts = mark.split(":");
        ContentFlag flag = parts.length == 3 ? ContentFlag.fromWireName(parts[0]) : null;
        if (flag != null) {
          matches.add(new FlagMatch(flag, Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
        }
      }
    }
    return new Screening(kinds, matches);
  }
}

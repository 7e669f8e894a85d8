package townhall.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import townhall.domain.record.ChainEntry;
import townhall.domain.record.ChainLink;
import townhall.domain.record.RecordFold;
import townhall.domain.record.SessionRecord;

/**
 * Checks an exported record: the chain's hashes from h(0) to the final hash, and that what the record says of the
 * session, its totals and every question is what its chain says. Vote counts and participants of a session that
 * was not closed at export are counts of that moment, not part of the chain; they are taken as the record gives
 * them (and {@link Result#votesCovered()} says so).
 */
public final class RecordVerifier {
  private static final int MOST_PROBLEMS = 20;

  private RecordVerifier() {
  }

  /**
   * What the check found.
   *
   * @param problems     empty when the record is intact
   * @param votesCovered whether the vote counts are the tally in the chain (the session was closed)
   */
  public record Result(List<String> problems, int length, String finalHash, boolean votesCovered) {
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  public static Result verify(JsonObject record) {
    List<String> problems = new ArrayList<>();
    if (!RecordJson.FORMAT.equals(record.getValue("format"))) {
      problems.add("format: expected " + RecordJson.FORMAT + ", found " + record.getValue("format"));
    }
    List<ChainLink> links;
    try {
      links = RecordJson.links(record);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return new Result(problems, 0, null, false);
    }
    ChainHash.firstBreak(links).ifPresent(problems::add);
    String finalHash = links.isEmpty() ? null : links.get(links.size() - 1).hash();
    JsonObject chain = record.getJsonObject("chain");
    if (!same(chain.getValue("length"), links.size())) {
      problems.add("chain.length is " + chain.getValue("length") + " but the chain has " + links.size() + " links");
    }
    if (!same(chain.getValue("finalHash"), finalHash)) {
      problems.add("chain.finalHash is " + chain.getValue("finalHash") + " but the last link's hash is " + finalHash);
    }
    if (!problems.isEmpty()) {
      return new Result(problems, links.size(), finalHash, false);
    }
    List<ChainEntry> entries = new ArrayList<>();
    for (ChainLink link : links) {
      try {
        ChainEntry entry = ChainEntries.parse(link.entry(), link.secrets());
        if (entry.n() != link.n()) {
          problems.add("link " + link.n() + " holds entry number " + entry.n());
        }
        entries.add(entry);
      } catch (IllegalArgumentException e) {
        problems.add("link " + link.n() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      return new Result(problems, links.size(), finalHash, false);
    }
    SessionRecord derived;
    try {
      derived = RecordFold.fold(new RecordFold.Inputs(null, links, entries, votesOf(record),
          participantsOf(record), List.of(), List.of(), record.getLong("generatedAt", 0L)));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return new Result(problems, links.size(), finalHash, false);
    }
    JsonObject expected = RecordJson.encode(derived);
    for (String section : List.of("session", "votesFinal", "totals", "questions")) {
      compare(section, expected.getValue(section), record.getValue(section), problems);
    }
    return new Result(problems, links.size(), finalHash, derived.votesFinal());
  }

  /** The vote counts the record shows, by question id (used only when the chain holds no tally). */
  private static Map<String, Integer> votesOf(JsonObject record) {
    Map<String, Integer> votes = new LinkedHashMap<>();
    Object questions = record.getValue("questions");
    if (questions instanceof JsonArray array) {
      for (Object item : array) {
        if (item instanceof JsonObject q && q.getValue("id") instanceof String id
            && q.getValue("votes") instanceof Number n) {
          votes.put(id, n.intValue());
        }
      }
    }
    return votes;
  }

  private static int participantsOf(JsonObject record) {
    return record.getValue("totals") instanceof JsonObject totals
        && totals.getValue("participants") instanceof Number n ? n.intValue() : 0;
  }

  /** Adds a problem for each place where {@code found} differs from what the chain gives ({@code expected}). */
  private static void compare(String path, Object expected, Object found, List<String> problems) {
    if (problems.size() >= MOST_PROBLEMS) {
      return;
    }
    if (expected instanceof JsonObject e && found instanceof JsonObject f) {
      Set<String> names = new LinkedHashSet<>(e.fieldNames());
      names.addAll(f.fieldNames());
      names.forEach(name -> compare(path + "." + name, e.getValue(name), f.getValue(name), problems));
    } else if (expected instanceof JsonArray e && found instanceof JsonArray f) {
      if (e.size() != f.size()) {
        problems.add(path + ": the record lists " + f.size() + ", the chain gives " + e.size());
        return;
      }
      for (int i = 0; i < e.size(); i++) {
        compare(path + "[" + i + "]", e.getValue(i), f.getValue(i), problems);
      }
    } else if (!same(expected, found)) {
      problems.add(path + ": the record says " + show(found) + ", the chain gives " + show(expected));
    }
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    return a == null ? b == null : a.equals(b);
  }

  private static String show(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(Optional.ofNullable(value).orElse("nothing"));
  }
}

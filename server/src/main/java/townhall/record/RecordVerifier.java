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
import townhall.domain.ModerationAction;
import townhall.domain.record.ChainEntry;
import townhall.domain.record.ChainLink;
import townhall.domain.record.RecordActivity;
import townhall.domain.record.RecordFold;
import townhall.domain.record.SessionRecord;

/**
 * Checks an exported record: the chain's hashes from h(0) to the final hash, every revealed sealed value against its
 * hash, and that what the record says of the session, its totals, every question and the derivable part of its
 * activity is what its chain says. Vote counts and participants of a session that was not closed at export, and
 * the activity's joins and votes, are not in the chain: only the deployment's {@code exportSignature} covers them,
 * checked with the deployment's public keys ({@link Options#keys()}). A file alone can be rewritten whole with every
 * hash recomputed: only a final hash known from elsewhere ({@link Options#expectedHash()}) or the signature by a
 * published key ties it to the session. {@link Result#checked()} and {@link Result#notChecked()} say which.
 */
public final class RecordVerifier {
  private static final int MOST_PROBLEMS = 20;

  private RecordVerifier() {
  }

  /**
   * What to check beyond the file itself.
   *
   * @param expectedHash the final hash the record must end in (from the minutes, the page, a copy), or {@code null}
   * @param keys         the deployment's published public keys, or {@code null} not to check signatures
   */
  public record Options(String expectedHash, List<RecordKeys.PublishedKey> keys) {
    public static final Options NONE = new Options(null, null);
  }

  /**
   * What the check found.
   *
   * @param problems     empty when the record is intact
   * @param votesCovered whether the vote counts are the tally in the chain (the session was closed)
   * @param checked      what was checked and held, in words
   * @param notChecked   what was not checked, in words
   */
  public record Result(List<String> problems, int length, String finalHash, boolean votesCovered,
      List<String> checked, List<String> notChecked) {
    public boolean intact() {
      return problems.isEmpty();
    }

    /** Whether the record is tied to its session by an expected final hash or a valid signature. */
    public boolean authenticated() {
      return intact() && checked.stream().anyMatch(c -> c.startsWith(EXPECTED) || c.startsWith(SIGNED));
    }
  }

  private static final String EXPECTED = "the final hash is the expected one";
  private static final String SIGNED = "chain.signature";

  public static Result verify(JsonObject record) {
    return verify(record, Options.NONE);
  }

  public static Result verify(JsonObject record, Options options) {
    Result inner = verifyContent(record);
    List<String> problems = new ArrayList<>(inner.problems());
    List<String> checked = new ArrayList<>(inner.checked());
    List<String> notChecked = new ArrayList<>(inner.notChecked());
    if (options.expectedHash() == null) {
      notChecked.add("the final hash was not compared with one known from elsewhere (give --expect <hash>)");
    } else if (options.expectedHash().trim().equalsIgnoreCase(String.valueOf(inner.finalHash()))) {
      checked.add(EXPECTED + " (" + inner.finalHash() + ")");
    } else {
      problems.add("the final hash is " + inner.finalHash() + ", expected " + options.expectedHash().trim());
    }
    if (options.keys() == null) {
      notChecked.add("signatures: no keys given (give --keys <file or URL>)");
    } else {
      checkSignatures(record, inner, options.keys(), problems, checked, notChecked);
    }
    return new Result(problems, inner.length(), inner.finalHash(), inner.votesCovered(), checked, notChecked);
  }

  private static void checkSignatures(JsonObject record, Result inner, List<RecordKeys.PublishedKey> keys,
      List<String> problems, List<String> checked, List<String> notChecked) {
    JsonObject chain = record.getValue("chain") instanceof JsonObject c ? c : new JsonObject();
    String chainProblem = signatureProblem(chain.getValue("signature"), keys,
        inner.finalHash() == null ? null : RecordSignatures.chainMessage(inner.finalHash()));
    if (chainProblem == null) {
      checked.add(SIGNED + ": the final hash is signed by the deployment's key "
          + ((JsonObject) chain.getValue("signature")).getString("kid"));
    } else {
      problems.add(SIGNED + ": " + chainProblem);
    }
    String exportProblem = signatureProblem(record.getValue("exportSignature"), keys,
        RecordSignatures.exportMessage(record));
    if (exportProblem == null) {
      checked.add("exportSignature: vote counts, participants, activity and generatedAt are as the server exported"
          + " them");
    } else {
      problems.add("exportSignature: " + exportProblem);
    }
  }

  /** Why {@code value} is not a valid signature of {@code message} by one of {@code keys}, or {@code null}. */
  private static String signatureProblem(Object value, List<RecordKeys.PublishedKey> keys, byte[] message) {
    if (!(value instanceof JsonObject signature) || !(signature.getValue("kid") instanceof String kid)
        || !(signature.getValue("sig") instanceof String sig)) {
      return "missing (the record is not signed)";
    }
    if (message == null) {
      return "there is no final hash to sign";
    }
    RecordKeys.PublishedKey key = keys.stream().filter(k -> k.kid().equals(kid)).findFirst().orElse(null);
    if (key == null) {
      return "signed by key " + kid + ", which is not among the keys given";
    }
    return RecordKeys.verify(key.publicKey(), message, sig) ? null
        : "the signature by key " + kid + " does not match what the record says";
  }

  private static Result verifyContent(JsonObject record) {
    List<String> checked = new ArrayList<>();
    List<String> notChecked = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (!RecordJson.FORMAT.equals(record.getValue("format"))) {
      problems.add("format: expected " + RecordJson.FORMAT + ", found " + record.getValue("format"));
    }
    List<ChainLink> links;
    try {
      links = RecordJson.links(record);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return new Result(problems, 0, null, false, checked, notChecked);
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
      return new Result(problems, links.size(), finalHash, false, checked, notChecked);
    }
    checked.add("the chain: " + links.size() + " links, each hash h(n) = SHA-256(h(n-1) || entry n)");
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
      return new Result(problems, links.size(), finalHash, false, checked, notChecked);
    }
    checked.add("every entry, and every revealed private value against its salted hash");
    SessionRecord derived;
    RecordFold.Inputs inputs = new RecordFold.Inputs(null, links, entries, votesOf(record), participantsOf(record),
        List.of(), List.of(), record.getLong("generatedAt", 0L));
    try {
      derived = RecordFold.fold(inputs);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return new Result(problems, links.size(), finalHash, false, checked, notChecked);
    }
    JsonObject expected = RecordJson.encode(derived);
    allowOlderFormat(expected, record);
    if (isFirstFormat(record, entries)) {
      asFirstFormat(expected, record, RecordFold.firstFormatActivity(inputs));
      checked.add("as the record's first format (exported before 2026-12-06) gives them: a question still pending"
          + " at the close counted open, no rejection categories, activity from the creation itself");
    }
    for (String section : List.of("session", "votesFinal", "totals", "questions", "polls")) {
      compare(section, expected.getValue(section), record.getValue(section), problems);
    }
    checkActivity(expected.getJsonObject("activity"), record.getValue("activity"), derived, record, problems);
    checked.add("session, totals, every question and step, every poll with its final results: what the chain gives");
    checked.add("activity: its start, bucket size, number of buckets and questions asked per bucket");
    if (derived.votesFinal()) {
      checked.add("vote counts and participants: the tally taken at the close, in the chain; the activity's votes"
          + " add up to it");
      notChecked.add("the activity's joins per bucket (not in the chain; covered by exportSignature)");
    } else {
      notChecked.add("vote counts, participants and the activity's joins and votes: the session was not closed at"
          + " export, they are counts of that moment, not in the chain (covered by exportSignature)");
    }
    notChecked.add("generatedAt (covered by exportSignature)");
    return new Result(problems, links.size(), finalHash, derived.votesFinal(), checked, notChecked);
  }

  /**
   * The activity's parts that follow from the chain: {@code from}, {@code bucketMs}, the number of buckets and the
   * questions per bucket; with a final tally, the standing upvotes add up to the counts of the questions not merged.
   */
  private static void checkActivity(JsonObject expected, Object foundValue, SessionRecord derived, JsonObject record,
      List<String> problems) {
    if (!(foundValue instanceof JsonObject found)) {
      problems.add("activity: missing");
      return;
    }
    for (String field : List.of("from", "bucketMs", "questions")) {
      compare("activity." + field, expected.getValue(field), found.getValue(field), problems);
    }
    int buckets = expected.getJsonArray("questions").size();
    for (String field : List.of("joins", "votes")) {
      if (!(found.getValue(field) instanceof JsonArray counts) || counts.size() != buckets
          || !counts.stream().allMatch(c -> c instanceof Number n && n.longValue() >= 0
              && n.doubleValue() == Math.floor(n.doubleValue()))) {
        problems.add("activity." + field + ": not " + buckets + " counts (one per bucket)");
      }
    }
    if (derived.votesFinal() && found.getValue("votes") instanceof JsonArray votes) {
      long standing = votes.stream().mapToLong(v -> v instanceof Number n ? n.longValue() : 0).sum();
      long counted = derived.questions().stream().filter(q -> q.mergedInto() == null).mapToLong(q -> q.votes())
          .sum();
      if (standing != counted) {
        problems.add("activity.votes: " + standing + " upvotes over time, but the tally at the close counts "
            + counted);
      }
    }
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

  /**
   * Records exported before follow-up existed have questions without {@code followUp} and {@code satisfaction}:
   * where the record leaves them out and the chain gives none (no step, no rating), they are not asked for; nor are
   * {@code channel}, {@code clerkEntry} and {@code totals.byChannel} from a record written before channels, where
   * every question is a resident's own.
   */
  private static void allowOlderFormat(JsonObject expected, JsonObject record) {
    if (!(expected.getValue("questions") instanceof JsonArray derived)
        || !(record.getValue("questions") instanceof JsonArray found) || derived.size() != found.size()) {
      return;
    }
    JsonObject noRating = new JsonObject().put("satisfied", 0).put("notSatisfied", 0);
    if (expected.getValue("totals") instanceof JsonObject derivedTotals
        && record.getValue("totals") instanceof JsonObject foundTotals && !foundTotals.containsKey("byChannel")
        && derivedTotals.getJsonObject("byChannel").getInteger("app").equals(derivedTotals.getInteger("questions"))) {
      derivedTotals.remove("byChannel"); // written before channels: every question is a resident's own
    }
    for (int i = 0; i < derived.size(); i++) {
      if (derived.getValue(i) instanceof JsonObject e && found.getValue(i) instanceof JsonObject f) {
        if (!f.containsKey("channel") && "app".equals(e.getValue("channel"))) {
          e.remove("channel");
          e.remove("clerkEntry");
        }
        if (!f.containsKey("followUp") && e.getJsonArray("followUp", new JsonArray()).isEmpty()) {
          e.remove("followUp");
        }
        if (!f.containsKey("satisfaction") && noRating.equals(e.getValue("satisfaction"))) {
          e.remove("satisfaction");
        }
      }
    }
  }

  /**
   * A record exported in the record's first format, before what is public was decided per text (issue 13) and before
   * the activity started at a round time: the file has no {@code view}, and its chain seals nothing and holds no
   * category, withholding or withdrawal (the chain itself could not have them then). Such a file is checked against
   * what the chain gave then; a file that claims the first format for a chain of the later kind is not.
   */
  private static boolean isFirstFormat(JsonObject record, List<ChainEntry> entries) {
    if (record.containsKey("view")) {
      return false;
    }
    for (ChainEntry entry : entries) {
      if (!entry.sealed().isEmpty() || entry instanceof ChainEntry.Unpublished
          || entry instanceof ChainEntry.Moderated m && (m.category() != null
              || m.action() == ModerationAction.WITHHOLD || m.action() == ModerationAction.UNWITHHOLD)) {
        return false;
      }
    }
    return true;
  }

  /**
   * What the chain gives, as the first format said it: a question pending at the close was {@code open} (no
   * {@code not_reviewed}), totals without {@code notReviewed}, {@code withheld} and {@code bans}, questions without
   * a rejection category, no withdrawals, and the activity's buckets from the creation itself.
   */
  private static void asFirstFormat(JsonObject expected, JsonObject record, RecordActivity activity) {
    if (expected.getValue("session") instanceof JsonObject session && session.getJsonArray("withdrawals",
        new JsonArray()).isEmpty()) {
      session.remove("withdrawals");
    }
    if (expected.getValue("totals") instanceof JsonObject totals) {
      totals.put("open", totals.getInteger("open", 0) + totals.getInteger("notReviewed", 0));
      totals.remove("notReviewed");
      totals.remove("withheld");
      totals.remove("bans");
    }
    if (expected.getValue("questions") instanceof JsonArray questions) {
      for (Object item : questions) {
        if (item instanceof JsonObject q) {
          if ("not_reviewed".equals(q.getValue("fate"))) {
            q.put("fate", "open");
          }
          q.remove("rejectionCategory");
          q.remove("withheld");
        }
      }
    }
    expected.put("activity", RecordJson.activity(activity));
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

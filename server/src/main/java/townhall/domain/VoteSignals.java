package townhall.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Patterns of upvotes that a moderator should look at (vote stuffing without accounts can be made harder, not
 * impossible). Signals only inform: nothing is changed or blocked by them; a moderator may freeze a question's
 * votes. Computed from the session's identities (when each was made, and a keyed hash of the address it came from)
 * and its standing upvotes (who, on what, when).
 *
 * <ul>
 *   <li><b>Burst</b>: at least {@code burstVotes} upvotes on one question within {@code burstWindowMs}, each from an
 *       identity made at most {@code freshIdentityMs} before that vote. Residents who join and upvote at once look
 *       like this too (the start of a session); how many addresses the votes came from tells them apart.</li>
 *   <li><b>Shared address</b>: at least {@code identitiesPerAddress} identities made from one address. A hall's
 *       Wi-Fi and mobile carriers' shared addresses do this too; what those identities upvoted tells more.</li>
 * </ul>
 * Identities made before their address was recorded, and moderators, are never fresh and belong to no address.
 */
public final class VoteSignals {
  /** Most signals of each kind in a report (the strongest first). */
  public static final int MAX_SIGNALS = 50;
  /** Most questions listed for one shared address. */
  public static final int MAX_QUESTIONS_PER_ADDRESS = 5;
  /** How much of an address hash a moderator is shown. */
  public static final int ADDRESS_TAG_LENGTH = 8;

  private VoteSignals() {
  }

  /** When the signals fire. */
  public record Thresholds(int burstVotes, long burstWindowMs, long freshIdentityMs, int identitiesPerAddress) {
    public Thresholds {
      if (burstVotes < 1 || burstWindowMs < 1 || freshIdentityMs < 0 || identitiesPerAddress < 1) {
        throw new IllegalArgumentException("Invalid signal thresholds");
      }
    }
  }

  /** A resident identity: when it was made (ms) and the hash of the address it was made from. */
  public record Identity(String participantId, long createdAt, String addressHash) {
  }

  /** A standing upvote. */
  public record Vote(String questionId, String participantId, long at) {
  }

  /** What the store holds, read at {@code now} (the store's clock, ms). */
  public record Input(long now, List<Identity> identities, List<Vote> votes) {
  }

  /**
   * Upvotes from fresh identities bunched on one question: {@code votes} of them between {@code from} and
   * {@code to} (the densest window), from {@code addresses} distinct addresses; {@code totalVotes} standing upvotes
   * on the question in all.
   */
  public record Burst(String questionId, int votes, int addresses, long from, long to, int totalVotes) {
  }

  /** How many upvotes a group of identities gave one question. */
  public record QuestionVotes(String questionId, int votes) {
  }

  /**
   * Many identities from one address: {@code address} is a short tag of its hash; {@code voters} of the
   * {@code identities} upvoted something; {@code questions} what they upvoted most.
   */
  public record SharedAddress(String address, int identities, int voters, List<QuestionVotes> questions) {
  }

  /** Everything that fired, strongest first. */
  public record Report(long at, Thresholds thresholds, List<Burst> bursts, List<SharedAddress> addresses) {
  }

  public static Report compute(Input input, Thresholds thresholds) {
    Map<String, Identity> byId = new HashMap<>();
    for (Identity identity : input.identities()) {
      byId.put(identity.participantId(), identity);
    }
    return new Report(input.now(), thresholds, bursts(input.votes(), byId, thresholds),
        sharedAddresses(input, thresholds));
  }

  private static List<Burst> bursts(List<Vote> votes, Map<String, Identity> identities, Thresholds t) {
    Map<String, List<Vote>> fresh = new HashMap<>();
    Map<String, Integer> totals = new HashMap<>();
    for (Vote vote : votes) {
      totals.merge(vote.questionId(), 1, Integer::sum);
      Identity voter = identities.get(vote.participantId());
      if (voter != null && vote.at() >= voter.createdAt() && vote.at() - voter.createdAt() <= t.freshIdentityMs()) {
        fresh.computeIfAbsent(vote.questionId(), q -> new ArrayList<>()).add(vote);
      }
    }
    List<Burst> bursts = new ArrayList<>();
    fresh.forEach((questionId, list) -> {
      list.sort(Comparator.comparingLong(Vote::at));
      int best = 0;
      int bestStart = 0;
      int start = 0;
      for (int end = 0; end < list.size(); end++) {
        while (list.get(end).at() - list.get(start).at() > t.burstWindowMs()) {
          start++;
        }
        if (end - start + 1 > best) {
          best = end - start + 1;
          bestStart = start;
        }
      }
      if (best >= t.burstVotes()) {
        List<Vote> window = list.subList(bestStart, bestStart + best);
        Set<String> addresses = new HashSet<>();
        window.forEach(v -> addresses.add(identities.get(v.participantId()).addressHash()));
        bursts.add(new Burst(questionId, best, addresses.size(), window.get(0).at(), window.get(best - 1).at(),
            totals.get(questionId)));
      }
    });
    bursts.sort(Comparator.comparingInt(Burst::votes).reversed().thenComparingInt(Burst::addresses)
        .thenComparing(Burst::questionId));
    return bursts.size() > MAX_SIGNALS ? List.copyOf(bursts.subList(0, MAX_SIGNALS)) : List.copyOf(bursts);
  }

  private static List<SharedAddress> sharedAddresses(Input input, Thresholds t) {
    Map<String, List<String>> byAddress = new HashMap<>();
    for (Identity identity : input.identities()) {
      if (identity.addressHash() != null && !identity.addressHash().isEmpty()) {
        byAddress.computeIfAbsent(identity.addressHash(), a -> new ArrayList<>()).add(identity.participantId());
      }
    }
    Map<String, List<Vote>> votesBy = new HashMap<>();
    for (Vote vote : input.votes()) {
      votesBy.computeIfAbsent(vote.participantId(), p -> new ArrayList<>()).add(vote);
    }
    List<SharedAddress> shared = new ArrayList<>();
    byAddress.forEach((address, members) -> {
      if (members.size() < t.identitiesPerAddress()) {
        return;
      }
      int voters = 0;
      Map<String, Integer> perQuestion = new HashMap<>();
      for (String member : members) {
        List<Vote> given = votesBy.getOrDefault(member, List.of());
        if (!given.isEmpty()) {
          voters++;
        }
        given.forEach(v -> perQuestion.merge(v.questionId(), 1, Integer::sum));
      }
      List<QuestionVotes> questions = perQuestion.entrySet().stream()
          .map(e -> new QuestionVotes(e.getKey(), e.getValue()))
          .sorted(Comparator.comparingInt(QuestionVotes::votes).reversed().thenComparing(QuestionVotes::questionId))
          .limit(MAX_QUESTIONS_PER_ADDRESS).toList();
      shared.add(new SharedAddress(address.substring(0, Math.min(ADDRESS_TAG_LENGTH, address.length())),
          members.size(), voters, questions));
    });
    shared.sort(Comparator.comparingInt(SharedAddress::identities).reversed().thenComparing(SharedAddress::address));
    return shared.size() > MAX_SIGNALS ? List.copyOf(shared.subList(0, MAX_SIGNALS)) : List.copyOf(shared);
  }
}

package townhall.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bursts of fresh identities on one question, and many identities from one address, on explicit times. */
class VoteSignalsTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_795_000_000_000L;
  /** 5 fresh upvotes within 2 minutes; fresh means made at most 10 minutes before the vote; 4 per address. */
  private static final VoteSignals.Thresholds THRESHOLDS = new VoteSignals.Thresholds(5, 2 * MINUTE, 10 * MINUTE, 4);

  private final List<VoteSignals.Identity> identities = new ArrayList<>();
  private final List<VoteSignals.Vote> votes = new ArrayList<>();

  /** A new identity made at {@code createdAt} from {@code address}, upvoting {@code questionId} at {@code at}. */
  private void voter(String id, String address, long createdAt, String questionId, long at) {
    identities.add(new VoteSignals.Identity(id, createdAt, address));
    votes.add(new VoteSignals.Vote(questionId, id, at));
  }

  private VoteSignals.Report report() {
    return VoteSignals.compute(new VoteSignals.Input(T0 + 60 * MINUTE, identities, votes), THRESHOLDS);
  }

  @Test
  void freshIdentitiesUpvotingOneQuestionTogetherAreABurst() {
    for (int i = 0; i < 6; i++) {
      voter("p" + i, "addr-one-aaaaaaaa", T0 + i * 1000, "7", T0 + i * 1000 + 5000);
    }

    VoteSignals.Report report = report();

    assertEquals(List.of(new VoteSignals.Burst("7", 6, 1, T0 + 5000, T0 + 10_000, 6)), report.bursts());
    assertEquals(T0 + 60 * MINUTE, report.at());
  }

  @Test
  void onlyTheDensestWindowIsCountedAndOtherVotesAreInTheTotal() {
    for (int i = 0; i < 5; i++) {
      voter("a" + i, "addr-" + i, T0, "7", T0 + i * 10_000);          // 5 within 40 s
    }
    for (int i = 0; i < 3; i++) {
      voter("b" + i, "addr-b" + i, T0 + 30 * MINUTE, "7", T0 + 30 * MINUTE + i); // 3 more, half an hour later
    }
    voter("old", "addr-old", T0 - 60 * MINUTE, "7", T0 + 20_000);     // an old identity: counts only in the total

    assertEquals(List.of(new VoteSignals.Burst("7", 5, 5, T0, T0 + 40_000, 9)), report().bursts());
  }

  @Test
  void votesSpreadOverTimeOrFromOldIdentitiesAreNoBurst() {
    for (int i = 0; i < 8; i++) {
      voter("slow" + i, "addr-s" + i, T0 + i * 3 * MINUTE, "7", T0 + i * 3 * MINUTE + 1000); // one every 3 minutes
    }
    for (int i = 0; i < 8; i++) {
      voter("old" + i, "addr-o" + i, T0 - 11 * MINUTE, "8", T0 + i * 1000);   // made 11 minutes before
    }

    assertEquals(List.of(), report().bursts());
  }

  @Test
  void manyIdentitiesFromOneAddressAreSignalledWithWhatTheyUpvoted() {
    for (int i = 0; i < 5; i++) {
      voter("n" + i, "0123456789abcdef", T0, "7", T0 + MINUTE);
    }
    votes.add(new VoteSignals.Vote("3", "n0", T0 + 2 * MINUTE));
    identities.add(new VoteSignals.Identity("quiet", T0, "0123456789abcdef")); // no vote
    for (int i = 0; i < 3; i++) {
      identities.add(new VoteSignals.Identity("x" + i, T0, "fedcba9876543210")); // below the threshold
    }

    assertEquals(List.of(new VoteSignals.SharedAddress("01234567", 6, 5,
        List.of(new VoteSignals.QuestionVotes("7", 5), new VoteSignals.QuestionVotes("3", 1)))),
        report().addresses());
  }

  @Test
  void votersWithoutARecordedIdentityAreNeitherFreshNorFromAnAddress() {
    for (int i = 0; i < 6; i++) {
      votes.add(new VoteSignals.Vote("7", "m-moderator" + i, T0 + i));
    }

    VoteSignals.Report report = report();

    assertEquals(List.of(), report.bursts());
    assertEquals(List.of(), report.addresses());
  }
}

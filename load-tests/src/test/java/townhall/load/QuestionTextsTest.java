package townhall.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import townhall.domain.ContentRules;

/**
 * The generator's questions are told apart by the server's content rules: one helper participant asks every seeded
 * and filler question of a run, and a text whose fingerprint it already asked is flagged a repeat and held for a
 * moderator a join storm does not have (the run then waits for it until its setup times out).
 */
class QuestionTextsTest {
  private final QuestionTexts texts = new QuestionTexts("Lmxdb9s1p");

  @Test
  void everySeededQuestionOfARunHasAFingerprintOfItsOwn() {
    int total = 3_000;
    Set<String> fingerprints = new HashSet<>();
    for (int k = 0; k < total; k++) {
      String text = texts.seeded(k, total);
      fingerprints.add(ContentRules.fingerprint(text));
      assertArrayEquals(new int[] {k, total}, texts.seededIndex(text), text);
    }
    assertEquals(total, fingerprints.size(), "seeded questions that fold to one fingerprint");
  }

  @Test
  void fillersAndScheduledAsksToo() {
    Set<String> fillers = new HashSet<>();
    Set<String> asks = new HashSet<>();
    for (int n = 0; n < 3_000; n++) {
      fillers.add(ContentRules.fingerprint(texts.filler(n)));
      String asked = texts.asked(n);
      asks.add(ContentRules.fingerprint(asked));
      assertEquals(n, texts.askIndex(asked), asked);
    }
    assertEquals(3_000, fillers.size(), "fillers that fold to one fingerprint");
    assertEquals(3_000, asks.size(), "asks that fold to one fingerprint");
  }
}

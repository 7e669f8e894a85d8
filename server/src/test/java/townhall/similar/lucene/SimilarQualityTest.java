package townhall.similar.lucene;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import townhall.similar.SimilarQuestions;

/**
 * The labelled set ({@code similar/pairs.tsv}, made as its README says) as a regression test of the suggestion at
 * {@link LuceneSimilarIndexes#THRESHOLD}: every question the pairs point to is in one session's index; each typed
 * text is searched, and its top suggestion counts as right only when it is the labelled duplicate. Precision is the
 * share of right suggestions among all suggestions made (one for a text that has no duplicate is wrong); recall the
 * share of duplicates whose labelled question is the top suggestion.
 */
class SimilarQualityTest {
  private record Pair(boolean duplicate, String kind, String typed, String existing) {
  }

  /** What the top suggestions over the set came to at one threshold. */
  private record Outcome(double threshold, int right, int wrong, int duplicates, List<String> misses) {
    double precision() {
      return right + wrong == 0 ? 1 : (double) right / (right + wrong);
    }

    double recall() {
      return (double) right / duplicates;
    }
  }

  private static List<Pair> pairs;
  /** Each pair's top suggestion whatever its score (null when nothing shares a word), searched once. */
  private static final List<SimilarQuestions.Match> TOP = new ArrayList<>();
  private static final Map<String, String> ID_OF = new LinkedHashMap<>();

  @BeforeAll
  static void indexTheExistingQuestions() throws IOException {
    pairs = readPairs();
    try (SessionIndex index = new SessionIndex(0)) {
      for (Pair pair : pairs) {
        if (!ID_OF.containsKey(pair.existing())) {
          String id = Integer.toString(ID_OF.size() + 1);
          ID_OF.put(pair.existing(), id);
          index.put(id, pair.existing());
        }
      }
      for (Pair pair : pairs) {
        List<SimilarQuestions.Match> top = index.search(pair.typed(), 1);
        TOP.add(top.isEmpty() ? null : top.get(0));
      }
    }
  }

  @Test
  void theSetIsBigAndMixed() {
    long duplicates = pairs.stream().filter(Pair::duplicate).count();
    assertTrue(pairs.size() >= 300, "at least 300 pairs, got " + pairs.size());
    assertTrue(duplicates >= 100 && pairs.size() - duplicates >= 100, "both kinds, got " + duplicates + " duplicates");
  }

  @Test
  void topSuggestionIsPreciseAndFindsMostDuplicatesAtTheThreshold() {
    for (double t = 0.2; t < 0.71; t += 0.05) {
      Outcome o = outcome(t);
      System.out.printf(Locale.ROOT, "threshold %.2f: precision %.3f recall %.3f (right %d, wrong %d, of %d)%n",
          t, o.precision(), o.recall(), o.right(), o.wrong(), o.duplicates());
    }
    Outcome chosen = outcome(LuceneSimilarIndexes.THRESHOLD);
    System.out.printf(Locale.ROOT, "at the threshold %.2f: precision %.3f recall %.3f%n", chosen.threshold(),
        chosen.precision(), chosen.recall());
    chosen.misses().forEach(System.out::println);
    assertTrue(chosen.precision() >= 0.9, "precision " + chosen.precision());
    assertTrue(chosen.recall() >= 0.7, "recall " + chosen.recall());
  }

  private static Outcome outcome(double threshold) {
    int right = 0;
    int wrong = 0;
    int duplicates = 0;
    List<String> misses = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Pair pair = pairs.get(i);
      SimilarQuestions.Match best = TOP.get(i);
      List<SimilarQuestions.Match> top = best == null || best.score() < threshold ? List.of() : List.of(best);
      String expected = ID_OF.get(pair.existing());
      if (pair.duplicate()) {
        duplicates++;
      }
      if (top.isEmpty()) {
        if (pair.duplicate()) {
          misses.add(String.format(Locale.ROOT, "missed  [%s] %s", pair.kind(), pair.typed()));
        }
        continue;
      }
      if (pair.duplicate() && top.get(0).id().equals(expected)) {
        right++;
      } else {
        wrong++;
        misses.add(String.format(Locale.ROOT, "wrong   [%s] %.2f %s", pair.kind(), top.get(0).score(),
            pair.typed()));
      }
    }
    return new Outcome(threshold, right, wrong, duplicates, misses);
  }

  private static List<Pair> readPairs() throws IOException {
    List<Pair> read = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        SimilarQualityTest.class.getResourceAsStream("/similar/pairs.tsv"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        read.add(new Pair(cells[0].equals("1"), cells[1], cells[2], cells[3]));
      }
    }
    return read;
  }
}

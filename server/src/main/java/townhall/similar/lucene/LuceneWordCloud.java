package townhall.similar.lucene;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import townhall.domain.WordCloud;

/**
 * The word cloud's Vietnamese segmentation, on the analysis the similar-questions index uses: syllables from
 * {@link StandardTokenizer}, folded by ICU with đ → d ({@link VietnameseAnalyzer}'s folding) to compare them, stop
 * words from {@link WordCloudStopWords} (which holds {@link VietnameseStopWords}). Vietnamese writes a space between
 * the syllables of one word, so words are rebuilt from runs of syllables that no punctuation breaks:
 * <ol>
 *   <li>the longest compound of {@link VietnameseCompounds} (2–4 syllables, folded) starting at a syllable wins,
 *       even when a syllable of it alone would be a stop word ("nhà văn hóa", "người cao tuổi"); a compound that is
 *       itself a stop word ("ý kiến", "đề nghị") is left out;</li>
 *   <li>else two syllables side by side that stand side by side in at least {@link #PAIR_MIN_ANSWERS} answers (a
 *       shingle with a frequency rule: a compound the dictionary lacks, a place name) are one word;</li>
 *   <li>else the syllable is a word on its own (unless a stop word, a number or a single letter).</li>
 * </ol>
 * A word is counted once per answer, by its folded form; it is shown in the form most answers wrote (ties: the form
 * with more diacritics, so "ngập nước" beats "ngap nuoc" when as many wrote each).
 */
public final class LuceneWordCloud implements WordCloud {
  /** Two syllables side by side in this many answers make a word even when the dictionary does not know it. */
  static final int PAIR_MIN_ANSWERS = 2;

  private static final NormalizeCharMap D_WITH_STROKE;

  static {
    NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
    map.add("đ", "d");
    map.add("Đ", "D");
    D_WITH_STROKE = map.build();
  }

  private final CharArraySet stopWords = WordCloudStopWords.set();
  private final Set<String> compounds = VietnameseCompounds.set();
  private final int longestCompound = VietnameseCompounds.LONGEST;

  /**
   * One syllable: as written (lower case, NFC) and folded; {@code stop} for a stop word; {@code breakBefore} when
   * punctuation precedes it (no word spans punctuation).
   */
  private record Syllable(String surface, String folded, boolean stop, boolean breakBefore) {
  }

  @Override
  public List<Term> terms(List<String> answers, int top) {
    List<List<Syllable>> parsed = new ArrayList<>(answers.size());
    for (String answer : answers) {
      parsed.add(syllables(answer == null ? "" : answer));
    }
    Set<String> frequentPairs = frequentPairs(parsed);
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Map<String, Integer>> forms = new HashMap<>();
    for (List<Syllable> answer : parsed) {
      Set<String> seen = new HashSet<>();
      for (String[] word : words(answer, frequentPairs)) {
        forms.computeIfAbsent(word[0], k -> new HashMap<>()).merge(word[1], 1, Integer::sum);
        if (seen.add(word[0])) {
          counts.merge(word[0], 1, Integer::sum);
        }
      }
    }
    List<Term> terms = new ArrayList<>(counts.size());
    counts.forEach((folded, count) -> terms.add(new Term(shownForm(forms.get(folded)), count)));
    terms.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count())
        : a.text().compareTo(b.text()));
    return List.copyOf(terms.subList(0, Math.min(Math.max(top, 0), terms.size())));
  }

  @Override
  public List<Found> wordsOf(String answer) {
    Map<String, Found> found = new java.util.LinkedHashMap<>();
    for (String[] word : words(syllables(answer == null ? "" : answer), Set.of())) {
      found.putIfAbsent(word[0], new Found(word[0], word[1]));
    }
    return List.copyOf(found.values());
  }

  /** Pairs of folded syllables side by side (no break between) in at least {@link #PAIR_MIN_ANSWERS} answers. */
  private Set<String> frequentPairs(List<List<Syllable>> answers) {
    Map<String, Integer> pairs = new HashMap<>();
    for (List<Syllable> answer : answers) {
      Set<String> inThisAnswer = new LinkedHashSet<>();
      for (int i = 0; i + 1 < answer.size(); i++) {
        if (joinable(answer, i)) {
          inThisAnswer.add(answer.get(i).folded() + " " + answer.get(i + 1).folded());
        }
      }
      inThisAnswer.forEach(pair -> pairs.merge(pair, 1, Integer::sum));
    }
    Set<String> frequent = new HashSet<>();
    pairs.forEach((pair, n) -> {
      if (n >= PAIR_MIN_ANSWERS) {
        frequent.add(pair);
      }
    });
    return frequent;
  }

  /** Two syllables that may form a word by the frequency rule: neither a stop word, no punctuation between. */
  private static boolean joinable(List<Syllable> answer, int i) {
    return i + 1 < answer.size() && !answer.get(i).stop() && !answer.get(i + 1).stop()
        && !answer.get(i + 1).breakBefore();
  }

  /** The answer's words, each {folded, as written}. */
  private List<String[]> words(List<Syllable> answer, Set<String> frequentPairs) {
    List<String[]> words = new ArrayList<>();
    int i = 0;
    while (i < answer.size()) {
      int length = compoundAt(answer, i);
      if (length == 0 && joinable(answer, i)
          && frequentPairs.contains(answer.get(i).folded() + " " + answer.get(i + 1).folded())
          && compoundAt(answer, i + 1) == 0) {
        length = 2;
      }
      if (length == 0) {
        Syllable one = answer.get(i);
        if (!one.stop() && one.folded().length() >= 2 && !one.folded().chars().allMatch(Character::isDigit)) {
          words.add(new String[] {one.folded(), one.surface()});
        }
        i++;
        continue;
      }
      StringBuilder folded = new StringBuilder();
      StringBuilder surface = new StringBuilder();
      for (int k = i; k < i + length; k++) {
        folded.append(k == i ? "" : " ").append(answer.get(k).folded());
        surface.append(k == i ? "" : " ").append(answer.get(k).surface());
      }
      if (!WordCloudStopWords.COMPOUNDS.contains(folded.toString())) {
        words.add(new String[] {folded.toString(), surface.toString()});
      }
      i += length;
    }
    return words;
  }

  /** The length of the longest dictionary compound starting at {@code start} (no break inside), or 0. */
  private int compoundAt(List<Syllable> answer, int start) {
    int best = 0;
    StringBuilder key = new StringBuilder(answer.get(start).folded());
    for (int k = start + 1; k < answer.size() && k - start < longestCompound; k++) {
      if (answer.get(k).breakBefore()) {
        break;
      }
      key.append(' ').append(answer.get(k).folded());
      if (compounds.contains(key.toString())) {
        best = k - start + 1;
      }
    }
    return best;
  }

  private static String shownForm(Map<String, Integer> forms) {
    String best = null;
    int bestCount = -1;
    for (Map.Entry<String, Integer> form : forms.entrySet()) {
      int count = form.getValue();
      if (best == null || count > bestCount || (count == bestCount && (marks(form.getKey()) > marks(best)
          || (marks(form.getKey()) == marks(best) && form.getKey().compareTo(best) < 0)))) {
        best = form.getKey();
        bestCount = count;
      }
    }
    return best;
  }

  private static int marks(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7f) {
        n++;
      }
    }
    return n;
  }

  /** The answer's syllables, stop words marked, each marked when punctuation came before it. */
  private List<Syllable> syllables(String answer) {
    String text = Normalizer.normalize(answer, Normalizer.Form.NFC);
    List<Syllable> out = new ArrayList<>();
    boolean broken = true;
    int lastEnd = 0;
    try (Tokenizer tokens = new StandardTokenizer()) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
      tokens.setReader(new StringReader(text));
      tokens.reset();
      while (tokens.incrementToken()) {
        if (!text.substring(lastEnd, offset.startOffset()).isBlank()) {
          broken = true; // punctuation between two syllables ends a word
        }
        lastEnd = offset.endOffset();
        String surface = term.toString().toLowerCase(Locale.ROOT);
        String folded = fold(surface);
        if (folded.isEmpty()) {
          broken = true;
          continue;
        }
        out.add(new Syllable(surface, folded, stopWords.contains(folded), broken));
        broken = false;
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return out;
  }

  /** ICU folding (diacritics, case, width) with đ → d first, as the similar-questions index folds. */
  static String fold(String syllable) {
    try (TokenStream stream = FOLDING.tokenStream("f", syllable)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      StringBuilder out = new StringBuilder();
      while (stream.incrementToken()) {
        out.append(term);
      }
      stream.end();
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One syllable in, its folded form out (the whole input is one token: it was one already). */
  private static final Analyzer FOLDING = new Analyzer() {
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return new MappingCharFilter(D_WITH_STROKE, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new org.apache.lucene.analysis.core.KeywordTokenizer();
      return new TokenStreamComponents(source, new ICUFoldingFilter(new LowerCaseFilter(source)));
    }
  };
}

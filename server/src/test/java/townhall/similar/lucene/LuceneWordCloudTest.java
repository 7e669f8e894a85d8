package townhall.similar.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import townhall.domain.WordCloud;
import townhall.domain.WordCloud.Term;

/** The word cloud's Vietnamese segmentation: compounds kept whole, stop words dropped, diacritics folded. */
class LuceneWordCloudTest {
  private final WordCloud cloud = new LuceneWordCloud();

  private Map<String, Integer> counts(List<String> answers) {
    return cloud.terms(answers, 100).stream().collect(Collectors.toMap(Term::text, Term::count));
  }

  @Test
  void compoundsStayWhole() {
    Map<String, Integer> words = counts(List.of(
        "Cần giải quyết giao thông và ngập nước ở đường Lê Lợi",
        "Trồng thêm cây xanh, sửa đèn đường",
        "Nhà văn hóa khu phố cần sửa chữa"));
    assertEquals(1, words.get("giao thông"));
    assertEquals(1, words.get("ngập nước"));
    assertEquals(1, words.get("cây xanh"));
    assertEquals(1, words.get("đèn đường"));
    assertEquals(1, words.get("nhà văn hóa"), "a compound whose first syllable alone is a stop word: " + words);
    assertEquals(1, words.get("sửa chữa"));
    for (String split : List.of("giao", "thông", "ngập", "nước", "cây", "xanh", "văn", "hóa")) {
      assertFalse(words.containsKey(split), () -> split + " was split off: " + words);
    }
  }

  @Test
  void stopWordsAreLeftOut() {
    Map<String, Integer> words = counts(List.of(
        "Em mong muốn là phường sẽ có nhiều cây xanh hơn ạ",
        "Tôi đề nghị cần phải thu gom rác đúng giờ",
        "Ý kiến của tôi: thêm camera an ninh"));
    for (String stop : List.of("em", "mong muốn", "là", "sẽ", "có", "nhiều", "hơn", "ạ", "tôi", "đề nghị", "cần",
        "phải", "của", "ý kiến", "thêm")) {
      assertFalse(words.containsKey(stop), () -> "stop word '" + stop + "' counted: " + words);
    }
    assertEquals(1, words.get("cây xanh"));
    assertEquals(1, words.get("thu gom rác"), "the longest compound wins: " + words);
    assertEquals(1, words.get("camera"));
    assertEquals(1, words.get("an ninh"));
    assertTrue(words.containsKey("phường"), () -> words.toString());
  }

  @Test
  void withAndWithoutDiacriticsIsOneWordShownAccented() {
    String decomposed = Normalizer.normalize("Ngập nước quá", Normalizer.Form.NFD);
    List<Term> terms = cloud.terms(List.of("ngap nuoc qua", "Ngập nước mỗi khi mưa", "NGẬP NƯỚC",
        decomposed, "giao thong", "Giao thông"), 3);
    assertEquals(new Term("ngập nước", 4), terms.get(0), () -> terms.toString());
    assertEquals(new Term("giao thông", 2), terms.get(1), "a tie of forms goes to the accented one: " + terms);
  }

  @Test
  void twoSyllablesSideBySideInSeveralAnswersAreOneWord() {
    // "Bến Thành" is in no dictionary: it stays whole because two answers write it so
    Map<String, Integer> words = counts(List.of("chợ Bến Thành đông quá", "dọn dẹp khu Bến Thành",
        "bến xe"));
    assertEquals(2, words.get("bến thành"), () -> words.toString());
    assertFalse(words.containsKey("thành"), () -> words.toString());
    assertEquals(1, words.get("bến"), "alone elsewhere it is a syllable: " + words);
  }

  @Test
  void punctuationEndsAWord() {
    Map<String, Integer> words = counts(List.of("giao, thông", "giao; thông"));
    assertFalse(words.containsKey("giao thông"), () -> words.toString());
  }

  @Test
  void aWordCountsOncePerAnswerAndTheTopIsBounded() {
    List<Term> terms = cloud.terms(List.of("rác thải, rác thải, rác thải", "rác thải và tiếng ồn",
        "tiếng ồn", "vỉa hè"), 2);
    assertEquals(List.of(new Term("rác thải", 2), new Term("tiếng ồn", 2)), terms);
    assertEquals(List.of(), cloud.terms(List.of("", "   ", "ạ, vâng!"), 10));
    assertEquals(List.of(), cloud.terms(List.of("giao thông"), 0));
  }

  @Test
  void oneAnswersWordsEachOnceFoldedWithTheFormWritten() {
    List<WordCloud.Found> words = cloud.wordsOf("Giao thong, cây xanh và GIAO THÔNG ở Bến Thành");
    assertEquals(List.of(new WordCloud.Found("giao thong", "giao thong"), new WordCloud.Found("cay xanh", "cây xanh"),
        new WordCloud.Found("ben", "bến"), new WordCloud.Found("thanh", "thành")), words,
        "compounds whole, stop words out, a repeated word once (its first form); alone, no frequency rule");
    assertEquals(List.of(), cloud.wordsOf("và là của"));
  }
}

package townhall.similar.lucene;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;

/**
 * Folded Vietnamese syllables that say nothing about what a question asks: function words, the ways of asking
 * ("bao giờ", "tại sao", "như thế nào", "khi nào", "có … không"), politeness ("xin hỏi", "em muốn hỏi", "ạ") and
 * the words residents call themselves and the officials. Two questions about the same road are the same question
 * whether the resident asks "when" or "why not yet". Kept short, because folding merges syllables: one that may
 * carry meaning in a civic question once its marks are gone ("cho" is also chợ, "o" also ô nhiễm) stays, and the
 * index's idf weighs it.
 */
final class VietnameseStopWords {
  private static final List<String> WORDS = List.of(
      // function words (not: "cho" chợ, "o" ô nhiễm, "tai" tai nạn, "thi" thi công, "di" di dời, "den" đèn,
      // "day" dây điện, "boi" bồi thường, "cung" cung cấp, "dang" đăng ký, "nha" nhà, "chung" chứng nhận,
      // "bao" bảo hiểm, "hoi" hôi, "the" thẻ, "lai" lãi, "ma" ma túy, "cua" một cửa, "do" đổ, "vay" vay vốn,
      // "roi" rơi vãi, "anh" phản ánh, "biet" đặc biệt, "dao" đào, "ba" Hai Bà Trưng, "toi" buổi tối)
      "a", "ah", "ay", "bi", "cac", "cai", "chua", "co", "con", "da", "deu", "duoc", "hay", "hoac", "khi",
      "khong", "la", "mot", "nao", "nay", "neu", "nhe", "nhu", "nhung", "no", "oi", "phai", "ra", "rang", "sao",
      "se", "tren", "va", "vao", "vi", "voi",
      // asking and politeness
      "gio", "lau", "gi", "xin", "vui", "nghi", "mong", "muon",
      // who is speaking to whom
      "em", "bac", "lanh");

  private VietnameseStopWords() {
  }

  /** The words, folded (the word cloud adds its own: {@code WordCloudStopWords}). */
  static List<String> words() {
    return WORDS;
  }

  static CharArraySet set() {
    return CharArraySet.unmodifiableSet(new CharArraySet(WORDS, false));
  }
}

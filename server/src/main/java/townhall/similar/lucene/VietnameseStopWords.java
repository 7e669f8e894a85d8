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
      // "day" dây điện, "boi" bồi thường, "cung" cung cấp, "dang" đăng ký, "nha" nhà, whose folds they share)
      "a", "ah", "ay", "bi", "cac", "cai", "chua", "co", "con", "cua", "da", "deu", "do", "duoc", "hay", "hoac",
      "khi", "khong", "la", "lai", "ma", "mot", "nao", "nay", "neu", "nhe", "nhu", "nhung", "no", "oi", "phai",
      "ra", "rang", "roi", "sao", "se", "the", "thoi", "toi", "tren", "va", "vao", "vay", "vi", "voi",
      // asking and politeness
      "bao", "gio", "lau", "gi", "xin", "hoi", "biet", "vui", "nghi", "mong", "muon",
      // who is speaking to whom
      "em", "anh", "ba", "bac", "chung", "minh", "lanh", "dao");

  private VietnameseStopWords() {
  }

  static CharArraySet set() {
    return CharArraySet.unmodifiableSet(new CharArraySet(WORDS, false));
  }
}

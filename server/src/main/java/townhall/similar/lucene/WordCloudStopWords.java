package townhall.similar.lucene;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.CharArraySet;

/**
 * The stop words of the word cloud, folded: {@link VietnameseStopWords} and what short answers add to them — the
 * small words of a wish ("cần", "nên", "thêm", "nhiều", "hơn", "rất"), of place and purpose ("của", "cho", "để", "ở",
 * "tại"), pronouns and the words residents call each other. The similar-questions list keeps some of these because
 * folding merges them with content syllables ("cho" is also chợ, "nha" nhà); the cloud matches compounds first
 * ({@link VietnameseCompounds}: "chợ dân sinh", "nhà văn hóa"), so only a lone such syllable is dropped. Compounds
 * that say nothing ("ý kiến", "đề nghị", "người dân") are stop words too ({@link #COMPOUNDS}).
 */
final class WordCloudStopWords {
  private static final List<String> MORE = List.of(
      "cua", "cho", "de", "o", "tai", "tu", "den", "theo", "ve", "trong", "ngoai", "sau", "truoc", "len", "xuong",
      "toi", "minh", "chung", "ta", "ho", "ban", "anh", "chi", "ong", "ba", "moi", "nguoi", "dan",
      "can", "nen", "them", "nhieu", "hon", "rat", "qua", "lam", "it", "het", "tat", "ca", "cung", "van", "con",
      "thi", "ma", "nha", "the", "do", "day", "kia", "ay", "oi", "nhe", "thoi", "luon", "dang", "vua", "moi",
      "duoc", "bi", "lai", "ne", "u", "vang", "da", "roi", "sao", "nhat", "nhu", "cach", "viec", "phan", "nhieu",
      "tot", "y");

  /** Compounds (folded) the cloud leaves out: they come with every wish and say nothing of what is wished. */
  static final java.util.Set<String> COMPOUNDS = java.util.Set.of("y kien", "de nghi", "hy vong", "mong muon",
      "tat ca", "nguoi dan", "ba con", "chung toi", "chung ta", "nhan dan", "lanh dao", "can thiet", "xin cam on",
      "cam on", "nen co", "hien nay");

  private WordCloudStopWords() {
  }

  static CharArraySet set() {
    List<Object> all = new ArrayList<>(VietnameseStopWords.words());
    all.addAll(MORE);
    return CharArraySet.unmodifiableSet(new CharArraySet(all, false));
  }
}

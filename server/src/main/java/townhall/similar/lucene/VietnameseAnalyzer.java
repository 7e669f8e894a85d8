package townhall.similar.lucene;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Vietnamese text as the similar-questions index sees it. Syllables are split on spaces and punctuation
 * ({@link StandardTokenizer}), folded by ICU (diacritics, case, width; đ → d by a char map first, so it never
 * depends on the folding tables), repaired of Telex leftovers and chat abbreviations ({@link TelexRepairFilter}),
 * and rid of the words every question shares ({@link VietnameseStopWords}). Field {@link #SYLLABLES} keeps the bag
 * of syllables (word order does not matter); field {@link #SHINGLES} keeps runs of two and three syllables, so a
 * compound ("giải phóng mặt bằng", "cấp giấy chứng nhận") that two questions share counts beyond its syllables.
 */
final class VietnameseAnalyzer extends Analyzer {
  static final String SYLLABLES = "syllables";
  static final String SHINGLES = "shingles";

  private static final NormalizeCharMap D_WITH_STROKE;

  static {
    NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
    map.add("đ", "d");
    map.add("Đ", "D");
    D_WITH_STROKE = map.build();
  }

  private final CharArraySet stopWords = VietnameseStopWords.set();

  VietnameseAnalyzer() {
    super(PER_FIELD_REUSE_STRATEGY);
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new MappingCharFilter(D_WITH_STROKE, reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream stream = new ICUFoldingFilter(source);
    stream = new TelexRepairFilter(stream);
    stream = new StopFilter(stream, stopWords);
    if (SHINGLES.equals(fieldName)) {
      ShingleFilter shingles = new ShingleFilter(stream, 2, 3);
      shingles.setOutputUnigrams(false);
      stream = shingles;
    }
    return new TokenStreamComponents(source, stream);
  }
}

package townhall.similar.lucene;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Repairs what a phone keyboard without a Vietnamese input method leaves in folded syllables, and spells out the
 * commonest chat abbreviations, so both reach the same folded syllable as the text typed properly. It runs after
 * ICU folding, on lower-case ASCII syllables; anything else passes unchanged.
 *
 * <p>Telex leftovers (the keys typed for a mark remain as letters): {@code dd} → d, {@code aa}/{@code aw} → a,
 * {@code ee} → e, {@code oo}/{@code ow} → o, {@code uw} (or a lone {@code w}) → u, and a tone key {@code s f r x j}
 * after the vowels, at the end of the syllable or before its final consonant, is dropped: "dduwowngf" → "duong",
 * "ddaast" → "dat", "nguwowif" → "nguoi". A correctly spelled Vietnamese syllable is never changed: none has
 * {@code w}, a doubled vowel letter (but the rare "xoong", which becomes "xong") or one of those letters after its
 * vowels. Abbreviations: ko, k, kh, khg, kg, hok, hong → khong; dc, dk → duoc; j → gi; vs → voi; r → roi.
 */
final class TelexRepairFilter extends TokenFilter {
  private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(Map.entry("ko", "khong"),
      Map.entry("k", "khong"), Map.entry("kh", "khong"), Map.entry("khg", "khong"), Map.entry("kg", "khong"),
      Map.entry("hok", "khong"), Map.entry("hong", "khong"), Map.entry("dc", "duoc"), Map.entry("dk", "duoc"),
      Map.entry("j", "gi"), Map.entry("vs", "voi"), Map.entry("r", "roi"));
  private static final Pattern LETTERS = Pattern.compile("[a-z]+");
  /** A tone key at the end of the syllable, after its vowels and final consonant if any. */
  private static final Pattern TONE_AT_END =
      Pattern.compile("^([^aeiouyw]*[aeiouyw]+(?:ch|c|m|ng|nh|n|p|t)?)[sfrxj]$");
  /** A tone key between the vowels and the final consonant. */
  private static final Pattern TONE_BEFORE_FINAL =
      Pattern.compile("^([^aeiouyw]*[aeiouyw]+)[sfrxj](ch|c|m|ng|nh|n|p|t)$");

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  TelexRepairFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    String syllable = term.toString();
    String repaired = repair(syllable);
    if (!repaired.equals(syllable)) {
      term.setEmpty().append(repaired);
    }
    return true;
  }

  /** The syllable as it would fold had it been typed with its marks. */
  static String repair(String syllable) {
    if (!LETTERS.matcher(syllable).matches()) {
      return syllable;
    }
    String abbreviation = ABBREVIATIONS.get(syllable);
    if (abbreviation != null) {
      return abbreviation;
    }
    String s = syllable.startsWith("dd") ? syllable.substring(1) : syllable;
    s = TONE_AT_END.matcher(s).replaceFirst("$1");
    s = TONE_BEFORE_FINAL.matcher(s).replaceFirst("$1$2");
    // "uow" (ươ typed with one w) and "uwow" both become "uo"
    s = s.replace("uw", "u").replace("ow", "o").replace("aw", "a").replace('w', 'u');
    s = s.replace("aa", "a").replace("ee", "e").replace("oo", "o");
    return s.isEmpty() ? syllable : s;
  }
}

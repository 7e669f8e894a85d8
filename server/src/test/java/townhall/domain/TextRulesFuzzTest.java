package townhall.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.text.Normalizer;
import java.util.Set;
import java.util.function.UnaryOperator;
import townhall.testing.FuzzText;

/**
 * Every text rule either refuses a string with a typed {@link DomainException} ({@code bad_request} or
 * {@code too_long}) or answers clean text: NFC, trimmed, within its limit in grapheme clusters, free of lone
 * surrogates and of control characters (multi-line text keeps line feeds and tabs), and unchanged when cleaned again.
 *
 * <p>A normal {@code mvn test} runs this in regression mode: it replays every committed input in
 * {@code src/test/resources/townhall/domain/TextRulesFuzzTestInputs/<method>/} (one text per file, read as UTF-8;
 * the bytes {@code ED A0 80} stand for a lone surrogate, see {@link FuzzText}) plus the empty input.
 *
 * <p>To fuzz for real (one fuzz test per run; inputs that fail are written next to the committed ones, the corpus
 * the fuzzer grows goes to {@code server/.cifuzz-corpus/}, which git ignores):
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=120s mvn -B -ntp -pl server -am test \
 *     -Dtest='TextRulesFuzzTest#anyTextIsRefusedOrClean' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class TextRulesFuzzTest {
  /** The configured defaults ({@code config/townhall.yaml}) and the moderation limits. */
  private static final int QUESTION = 500;
  private static final int NAME = 40;
  private static final int TITLE = 200;
  private static final int REASON = 200;
  private static final int ANSWER = 2000;
  /** A small limit too, so that short inputs reach the boundary. */
  private static final int TINY = 3;

  private static final Set<ErrorCode> REFUSALS = Set.of(ErrorCode.BAD_REQUEST, ErrorCode.TOO_LONG);

  @FuzzTest(maxDuration = "2m")
  void anyTextIsRefusedOrClean(byte[] input) {
    String raw = FuzzText.decode(input);

    check("question", raw, s -> TextRules.questionText(s, QUESTION), QUESTION, true);
    check("short question", raw, s -> TextRules.questionText(s, TINY), TINY, true);
    check("display name", raw, s -> TextRules.displayName(s, NAME), NAME, false);
    check("title", raw, s -> TextRules.title(s, TITLE), TITLE, false);
    check("reason", raw, s -> TextRules.reason(s, REASON), REASON, false);
    check("answer", raw, s -> TextRules.answer(s, ANSWER), ANSWER, true);
  }

  private static void check(String rule, String raw, UnaryOperator<String> clean, int limit, boolean multiLine) {
    String cleaned;
    try {
      cleaned = clean.apply(raw);
    } catch (DomainException refused) {
      assertTrue(REFUSALS.contains(refused.code()), rule + ": refused with " + refused.code());
      return;
    }
    if (cleaned == null || cleaned.isEmpty()) {
      // An anonymous display name, or an answer without text: nothing is stored.
      return;
    }
    String shown = rule + ": " + escape(cleaned);
    assertTrue(Normalizer.isNormalized(cleaned, Normalizer.Form.NFC), shown + " is not NFC");
    assertTrue(TextRules.graphemeCount(cleaned) <= limit, shown + " is over " + limit);
    for (int i = 0; i < cleaned.length(); i++) {
      char c = cleaned.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < cleaned.length() && Character.isLowSurrogate(cleaned.charAt(i + 1))) {
        i++;
        continue;
      }
      assertFalse(Character.isSurrogate(c), shown + " holds a lone surrogate at " + i);
      boolean allowed = multiLine && (c == '\n' || c == '\t');
      assertFalse(Character.isISOControl(c) && !allowed, shown + " holds control character U+"
          + Integer.toHexString(c) + " at " + i);
    }
    assertFalse(isSpace(cleaned.codePointAt(0)), shown + " starts with a space");
    assertFalse(isSpace(cleaned.codePointBefore(cleaned.length())), shown + " ends with a space");
    assertEquals(cleaned, clean.apply(cleaned), rule + ": cleaning again changed it");
  }

  private static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().limit(200).forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : (char) c));
    return out.toString();
  }
}

package townhall.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What residents type becomes stored text: trimmed, NFC, counted as readers see it, free of broken characters. */
class TextRulesTest {
  private static final String VIETNAMESE_NFC = "Tiếng Việt có dấu: Nguyễn Thị Hương";
  private static final String VIETNAMESE_NFD = Normalizer.normalize(VIETNAMESE_NFC, Normalizer.Form.NFD);
  /** MAN, ZWJ, WOMAN, ZWJ, GIRL, ZWJ, BOY: one family emoji, eleven UTF-16 units. */
  private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
  /** ệ decomposed: e, combining dot below, combining circumflex. */
  private static final String E_DOT_CIRCUMFLEX_NFD = "e\u0323\u0302";
  private static final int LIMIT = 500;

  // ---------------------------------------------------------------- trimming and normalisation

  @Test
  void questionTextIsTrimmedOfSurroundingWhitespace() {
    assertEquals("Khi nào sửa xong đường Lê Lợi?",
        TextRules.questionText("  \n\t Khi nào sửa xong đường Lê Lợi? \t\n ", LIMIT));
  }

  @Test
  void displayNameIsTrimmedOfSurroundingSpaces() {
    assertEquals("Chị Lan", TextRules.displayName("   Chị Lan  ", 40));
  }

  @Test
  void decomposedVietnameseQuestionIsStoredInComposedForm() {
    assertNotEquals(VIETNAMESE_NFC, VIETNAMESE_NFD, "precondition: the NFD form differs in its code units");

    String stored = TextRules.questionText(VIETNAMESE_NFD, LIMIT);

    assertEquals(VIETNAMESE_NFC, stored);
    assertEquals(VIETNAMESE_NFC.length(), stored.length());
  }

  @Test
  void decomposedVietnameseDisplayNameIsStoredInComposedForm() {
    String nfd = Normalizer.normalize("Nguyễn Thị Hương", Normalizer.Form.NFD);

    assertEquals("Nguyễn Thị Hương", TextRules.displayName(nfd, 40));
  }

  @ParameterizedTest
  @ValueSource(strings = {"e\u0302\u0323", "e\u0323\u0302"})
  void combiningMarksInEitherOrderComposeToTheSameLetter(String decomposed) {
    String stored = TextRules.questionText(decomposed, LIMIT);

    assertEquals("\u1EC7", stored);
    assertEquals(1, TextRules.graphemeCount(stored));
  }

  @Test
  void questionTextKeepsLineBreaksAndTabsInside() {
    assertEquals("Dòng một\nDòng hai\tcột", TextRules.questionText("Dòng một\nDòng hai\tcột", LIMIT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dòng một\r\nDòng hai", "Dòng một\rDòng hai", "Dòng một\nDòng hai"})
  void questionLineEndingsAreStoredAsLineFeeds(String text) {
    assertEquals("Dòng một\nDòng hai", TextRules.questionText(text, LIMIT));
  }

  @Test
  void answerLineEndingsAreStoredAsLineFeeds() {
    assertEquals("Tháng 6.\n\nCảm ơn.", TextRules.answer("Tháng 6.\r\n\r\nCảm ơn.\r\n", 2000));
  }

  // ---------------------------------------------------------------- counting

  @Test
  void composedAndDecomposedFormsCountTheSameCharacters() {
    assertEquals(35, TextRules.graphemeCount(VIETNAMESE_NFC));
    assertEquals(35, TextRules.graphemeCount(VIETNAMESE_NFD));
  }

  @Test
  void zwjFamilyEmojiCountsAsOneCharacter() {
    assertEquals(11, FAMILY.length(), "precondition: eleven UTF-16 units");
    assertEquals(1, TextRules.graphemeCount(FAMILY));
  }

  @Test
  void flagEmojiCountsAsOneCharacter() {
    assertEquals(1, TextRules.graphemeCount("\uD83C\uDDFB\uD83C\uDDF3"));
  }

  @Test
  void decomposedLetterWithTwoMarksCountsAsOneCharacter() {
    assertEquals(1, TextRules.graphemeCount(E_DOT_CIRCUMFLEX_NFD));
  }

  // ---------------------------------------------------------------- limits

  @Test
  void questionOfExactlyTheLimitIsAccepted() {
    String text = "a".repeat(LIMIT);

    assertEquals(text, TextRules.questionText(text, LIMIT));
  }

  @Test
  void questionOneOverTheLimitIsTooLong() {
    DomainException e = assertThrows(DomainException.class,
        () -> TextRules.questionText("a".repeat(LIMIT + 1), LIMIT));

    assertEquals(ErrorCode.TOO_LONG, e.code());
  }

  @Test
  void surroundingWhitespaceDoesNotCountTowardsTheLimit() {
    String text = "a".repeat(LIMIT);

    assertEquals(text, TextRules.questionText("   " + text + "\n\n", LIMIT));
  }

  @Test
  void decomposedQuestionOfExactlyTheLimitIsAcceptedThoughItHasThreeTimesTheCodeUnits() {
    String text = E_DOT_CIRCUMFLEX_NFD.repeat(LIMIT);

    String stored = TextRules.questionText(text, LIMIT);

    assertEquals("\u1EC7".repeat(LIMIT), stored);
  }

  @Test
  void decomposedQuestionOneOverTheLimitIsTooLong() {
    DomainException e = assertThrows(DomainException.class,
        () -> TextRules.questionText(E_DOT_CIRCUMFLEX_NFD.repeat(LIMIT + 1), LIMIT));

    assertEquals(ErrorCode.TOO_LONG, e.code());
  }

  @Test
  void emojiQuestionOfExactlyTheLimitIsAcceptedAndOneMoreIsTooLong() {
    assertEquals(FAMILY.repeat(LIMIT), TextRules.questionText(FAMILY.repeat(LIMIT), LIMIT));

    DomainException e = assertThrows(DomainException.class,
        () -> TextRules.questionText(FAMILY.repeat(LIMIT + 1), LIMIT));
    assertEquals(ErrorCode.TOO_LONG, e.code());
  }

  @Test
  void displayNameOfExactlyTheLimitIsAcceptedAndOneMoreIsTooLong() {
    assertEquals("x".repeat(40), TextRules.displayName("x".repeat(40), 40));

    DomainException e = assertThrows(DomainException.class, () -> TextRules.displayName("x".repeat(41), 40));
    assertEquals(ErrorCode.TOO_LONG, e.code());
  }

  @Test
  void decomposedDisplayNameIsCountedAfterComposition() {
    String nfd = Normalizer.normalize("ệ".repeat(40), Normalizer.Form.NFD);

    assertEquals("ệ".repeat(40), TextRules.displayName(nfd, 40));
    DomainException e = assertThrows(DomainException.class, () -> TextRules.displayName(nfd + "e", 40));
    assertEquals(ErrorCode.TOO_LONG, e.code());
  }

  // ---------------------------------------------------------------- forbidden characters

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\u0007", "\u001B", "\u007F"})
  void controlCharacterInQuestionIsRefused(String control) {
    DomainException e = assertThrows(DomainException.class,
        () -> TextRules.questionText("Câu hỏi" + control + "thử", LIMIT));

    assertEquals(ErrorCode.BAD_REQUEST, e.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\u0007", "\u001B"})
  void controlCharacterInDisplayNameIsRefused(String control) {
    DomainException e = assertThrows(DomainException.class, () -> TextRules.displayName("Chị" + control + "Lan", 40));

    assertEquals(ErrorCode.BAD_REQUEST, e.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\t"})
  void lineBreakOrTabInDisplayNameIsRefused(String whitespace) {
    DomainException e = assertThrows(DomainException.class,
        () -> TextRules.displayName("Chị" + whitespace + "Lan", 40));

    assertEquals(ErrorCode.BAD_REQUEST, e.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\t"})
  void trailingLineBreakOrTabInDisplayNameIsRefusedNotTrimmed(String whitespace) {
    DomainException e = assertThrows(DomainException.class, () -> TextRules.displayName("Chị Lan" + whitespace, 40));

    assertEquals(ErrorCode.BAD_REQUEST, e.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uD83D", "\uDC68", "\uDC68\uD83D", "abc\uD83D", "\uDC68abc", "a\uD83Db"})
  void loneSurrogateInQuestionIsRefused(String broken) {
    DomainException e = assertThrows(DomainException.class, () -> TextRules.questionText(broken, LIMIT));

    assertEquals(ErrorCode.BAD_REQUEST, e.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uD83D", "\uDC68", "\uDC68\uD83D", "Lan\uD83D"})
  void loneSurrogateInDisplayNameIsRefused(String broken) {
    DomainException e = assertThrows(DomainException.class, () -> TextRules.displayName(broken, 40));

    assertEquals(ErrorCode.BAD_REQUEST, e.code());
  }

  @Test
  void properSurrogatePairIsAccepted() {
    assertEquals("Cảm ơn \uD83D\uDC4D", TextRules.questionText("Cảm ơn \uD83D\uDC4D", LIMIT));
  }

  // ---------------------------------------------------------------- empty text

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", " \n\t ", "\r\n", "\u3000"})
  void emptyOrWhitespaceOnlyQuestionIsABadRequest(String blank) {
    DomainException e = assertThrows(DomainException.class, () -> TextRules.questionText(blank, LIMIT));

    assertEquals(ErrorCode.BAD_REQUEST, e.code());
  }

  /** U+00A0 has the Unicode White_Space property; a question made only of it looks empty on every screen. */
  @Test
  void questionOfOnlyNoBreakSpacesIsABadRequest() {
    DomainException e = assertThrows(DomainException.class, () -> TextRules.questionText("\u00A0\u00A0\u00A0", LIMIT));

    assertEquals(ErrorCode.BAD_REQUEST, e.code());
  }

  @Test
  void missingDisplayNameMeansAnonymous() {
    assertNull(TextRules.displayName(null, 40));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "    ", "\u3000"})
  void blankDisplayNameMeansAnonymous(String blank) {
    assertNull(TextRules.displayName(blank, 40));
  }

  @Test
  void bidirectionalControlsAreRemovedSoTheyCannotTurnTheTextAround() {
    String trojan = "Câu hỏi \u202Eđảo ngược\u202C và \u2067cô lập\u2069 \u202Aembed\u202B";

    assertEquals("Câu hỏi đảo ngược và cô lập embed", TextRules.questionText(trojan, 500));
    assertEquals("Tâm", TextRules.displayName("\u202ETâm", 40));
  }

  @Test
  void aCharacterWithMoreThanFourCombiningMarksIsRefused() {
    String four = "a\u0301\u0302\u0303\u0304";
    String zalgo = "Z\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030A\u030B\u030C"
        + "\u030D\u030E\u030F\u0310\u0311\u0312\u0313algo";

    assertEquals(Normalizer.normalize(four, Normalizer.Form.NFC), TextRules.questionText(four, 500));
    DomainException refused = assertThrows(DomainException.class, () -> TextRules.questionText(zalgo, 500));
    assertEquals(ErrorCode.BAD_REQUEST, refused.code());
    assertThrows(DomainException.class, () -> TextRules.displayName("x\u0300\u0301\u0302\u0303\u0304", 40),
        "x has no precomposed form with these marks: five stay five after NFC");
    assertEquals(VIETNAMESE_NFC, TextRules.questionText(VIETNAMESE_NFD, 500), "Vietnamese in NFD is not Zalgo");
  }
}

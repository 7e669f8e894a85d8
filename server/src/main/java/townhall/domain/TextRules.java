package townhall.domain;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for text that residents type: trimmed, normalised to NFC, counted in grapheme clusters (what a reader
 * sees as one character), free of control characters and lone surrogates, of bidirectional controls (removed) and
 * of characters stacked with more than {@value #MAX_MARKS_PER_CHARACTER} combining marks (refused). Text that may
 * span lines keeps its line feeds and tabs; its line endings are stored as line feeds ({@code \n}).
 */
public final class TextRules {
  private static final Pattern GRAPHEME = Pattern.compile("\\X");
  private static final Pattern LINE_ENDING = Pattern.compile("\r\n?");
  /**
   * Bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069): no Vietnamese or English
   * text needs them, and an unclosed one makes the text around a question read backwards ("Trojan Source").
   */
  private static final Pattern BIDI_CONTROLS = Pattern.compile("[\u202A-\u202E\u2066-\u2069]");
  /** More combining marks on one character than any language needs: "Zalgo" text that spills over lines. */
  static final int MAX_MARKS_PER_CHARACTER = 4;

  private TextRules() {
  }

  /**
   * A question's text, ready to store.
   *
   * @throws DomainException {@code bad_request} when empty or holding forbidden characters, {@code too_long}
   *                         when longer than {@code maxGraphemes}
   */
  public static String questionText(String raw, int maxGraphemes) {
    String text = normalise(raw, true);
    if (text.isEmpty()) {
      throw DomainException.badRequest("The question is empty");
    }
    if (graphemeCount(text) > maxGraphemes) {
      throw new DomainException(ErrorCode.TOO_LONG, "The question is longer than " + maxGraphemes + " characters");
    }
    return text;
  }

  /**
   * A display name, or {@code null} when none was given (anonymous).
   *
   * @throws DomainException {@code bad_request} for forbidden characters, {@code too_long} over the limit
   */
  public static String displayName(String raw, int maxGraphemes) {
    if (raw == null) {
      return null;
    }
    String name = normalise(raw, false);
    if (name.isEmpty()) {
      return null;
    }
    if (graphemeCount(name) > maxGraphemes) {
      throw new DomainException(ErrorCode.TOO_LONG, "The name is longer than " + maxGraphemes + " characters");
    }
    return name;
  }

  /** A session's title: one line, required. */
  public static String title(String raw, int maxGraphemes) {
    return required(raw, maxGraphemes, false, "title");
  }

  /** One line of text, required, named {@code what} in the refusal (a poll's question, option, text answer). */
  public static String line(String raw, int maxGraphemes, String what) {
    return required(raw, maxGraphemes, false, what);
  }

  /** A rejection reason: one line, required. */
  public static String reason(String raw, int maxGraphemes) {
    return required(raw, maxGraphemes, false, "reason");
  }

  /** A written answer: may span lines; empty (or absent) means answered without a written answer. */
  public static String answer(String raw, int maxGraphemes) {
    if (raw == null) {
      return "";
    }
    String answer = normalise(raw, true);
    if (graphemeCount(answer) > maxGraphemes) {
      throw new DomainException(ErrorCode.TOO_LONG, "The answer is longer than " + maxGraphemes + " characters");
    }
    return answer;
  }

  private static String required(String raw, int maxGraphemes, boolean multiLine, String what) {
    String text = normalise(raw == null ? "" : raw, multiLine);
    if (text.isEmpty()) {
      throw DomainException.badRequest("The " + what + " is empty");
    }
    if (graphemeCount(text) > maxGraphemes) {
      throw new DomainException(ErrorCode.TOO_LONG, "The " + what + " is longer than " + maxGraphemes + " characters");
    }
    return text;
  }

  /** The number of grapheme clusters in {@code text}. */
  public static int graphemeCount(String text) {
    Matcher matcher = GRAPHEME.matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  /**
   * NFC with {@code \n} line endings, then trimmed of every kind of space (no-break spaces too); text with nothing
   * visible becomes empty. A carriage return is a control character, and the same text typed in a browser
   * (which sends {@code \n}) and in another client (which may send {@code \r\n}) should be stored the same.
   */
  private static String normalise(String raw, boolean multiLine) {
    rejectForbiddenCharacters(raw, multiLine);
    String text = BIDI_CONTROLS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll("");
    rejectStackedMarks(text);
    if (multiLine) {
      text = LINE_ENDING.matcher(text).replaceAll("\n");
    }
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    String trimmed = text.substring(start, end);
    return trimmed.codePoints().allMatch(TextRules::isInvisible) ? "" : trimmed;
  }

  private static void rejectStackedMarks(String text) {
    int marks = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int type = Character.getType(c);
      boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK;
      marks = mark ? marks + 1 : 0;
      if (marks > MAX_MARKS_PER_CHARACTER) {
        throw DomainException.badRequest("The text stacks too many accents on one character");
      }
      i += Character.charCount(c);
    }
  }

  private static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isInvisible(int c) {
    return isSpace(c) || Character.getType(c) == Character.FORMAT;
  }

  private static void rejectForbiddenCharacters(String raw, boolean multiLine) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= raw.length() || !Character.isLowSurrogate(raw.charAt(i + 1))) {
          throw DomainException.badRequest("The text holds a broken character (lone surrogate)");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw DomainException.badRequest("The text holds a broken character (lone surrogate)");
      } else if (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\t' || c == '\r'))) {
        throw DomainException.badRequest("The text holds a control character");
      }
    }
  }
}

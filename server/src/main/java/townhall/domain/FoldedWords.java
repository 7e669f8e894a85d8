package townhall.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Text cut into words for the content rules, each word a sequence of letters kept apart from their Vietnamese
 * diacritics, so a word can be compared with or without them.
 *
 * <ul>
 *   <li>A letter is lower-cased and decomposed (NFD): its base letter, and the Vietnamese diacritics on it as bits
 *       (circumflex, breve, horn; the five tone marks; the stroke of {@code đ}, which folds to {@code d}). Other
 *       combining marks (a diaeresis, "zalgo" marks) are dropped.</li>
 *   <li>A word is a run of letters and digits (and {@code @}, {@code $}); invisible format characters (zero-width
 *       spaces, soft hyphens) inside a word are skipped. Everything else separates words.</li>
 *   <li>In a word that holds a letter, leetspeak digits and signs read as letters: 0 o, 1 i, 3 e, 4 a, 5 s, 7 t,
 *       {@code @} a, {@code $} s.</li>
 *   <li>Two or more one-letter words in a row, apart by at most three separators on one line ({@code đ.m},
 *       {@code d m}, {@code f-u-c-k}), are read as one word.</li>
 * </ul>
 * Every letter keeps where it came from in the original text (UTF-16 indices), so a match can be shown there.
 */
final class FoldedWords {
  static final int CIRCUMFLEX = 1;
  static final int BREVE = 1 << 1;
  static final int HORN = 1 << 2;
  static final int GRAVE = 1 << 3;
  static final int ACUTE = 1 << 4;
  static final int TILDE = 1 << 5;
  static final int HOOK = 1 << 6;
  static final int DOT = 1 << 7;
  static final int STROKE = 1 << 8;

  private static final int MAX_SPELLING_GAP = 3;

  private FoldedWords() {
  }

  /** One word: base letters, their diacritic bits, and the range of the original text it covers. */
  record Word(int[] bases, int[] marks, int start, int end) {
    int length() {
      return bases.length;
    }

    /** The word's letters without diacritics, repeated letters once: the form words are compared in. */
    String skeleton() {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < bases.length; i++) {
        if (i == 0 || bases[i] != bases[i - 1]) {
          out.appendCodePoint(bases[i]);
        }
      }
      return out.toString();
    }
  }

  /** The words of {@code text}, in order. */
  static List<Word> of(String text) {
    List<Word> words = new ArrayList<>();
    Builder current = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      int type = Character.getType(cp);
      if (Character.isLetterOrDigit(cp) || cp == '@' || cp == '$') {
        if (current == null) {
          current = new Builder();
        }
        current.add(cp, i, next);
      } else if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK) {
        if (current != null) {
          current.mark(markOf(cp), next);
        }
      } else if (type != Character.FORMAT) {
        if (current != null) {
          words.add(current.build());
          current = null;
        }
      }
      i = next;
    }
    if (current != null) {
      words.add(current.build());
    }
    return joinSpelledOut(text, words);
  }

  /** A Vietnamese diacritic's bit, 0 for any other mark. */
  static int markOf(int combining) {
    return switch (combining) {
      case 0x0302 -> CIRCUMFLEX;
      case 0x0306 -> BREVE;
      case 0x031B -> HORN;
      case 0x0300, 0x0340 -> GRAVE;
      case 0x0301, 0x0341 -> ACUTE;
      case 0x0303 -> TILDE;
      case 0x0309 -> HOOK;
      case 0x0323 -> DOT;
      default -> 0;
    };
  }

  private static List<Word> joinSpelledOut(String text, List<Word> words) {
    List<Word> joined = new ArrayList<>(words.size());
    int i = 0;
    while (i < words.size()) {
      int j = i + 1;
      if (words.get(i).length() == 1) {
        while (j < words.size() && words.get(j).length() == 1 && closeOnOneLine(text, words.get(j - 1), words.get(j))) {
          j++;
        }
      }
      if (j - i >= 2) {
        joined.add(concat(words.subList(i, j)));
      } else {
        joined.add(words.get(i));
        j = i + 1;
      }
      i = j;
    }
    return joined;
  }

  private static boolean closeOnOneLine(String text, Word before, Word after) {
    String gap = text.substring(before.end(), after.start());
    return gap.length() <= MAX_SPELLING_GAP && gap.indexOf('\n') < 0;
  }

  private static Word concat(List<Word> letters) {
    int[] bases = new int[letters.size()];
    int[] marks = new int[letters.size()];
    for (int k = 0; k < letters.size(); k++) {
      bases[k] = letters.get(k).bases()[0];
      marks[k] = letters.get(k).marks()[0];
    }
    return new Word(bases, marks, letters.get(0).start(), letters.get(letters.size() - 1).end());
  }

  private static final class Builder {
    private final List<int[]> letters = new ArrayList<>();
    private int start = -1;
    private int end;
    private boolean hasLetter;

    void add(int cp, int from, int to) {
      if (start < 0) {
        start = from;
      }
      end = to;
      int base;
      int marks = 0;
      if (cp == 'đ' || cp == 'Đ') {
        base = 'd';
        marks = STROKE;
      } else {
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        base = decomposed.codePointAt(0);
        for (int k = Character.charCount(base); k < decomposed.length(); ) {
          int mark = decomposed.codePointAt(k);
          marks |= markOf(mark);
          k += Character.charCount(mark);
        }
      }
      base = Character.toLowerCase(base);
      hasLetter |= Character.isLetter(base);
      letters.add(new int[] {base, marks});
    }

    void mark(int bit, int to) {
      letters.get(letters.size() - 1)[1] |= bit;
      end = to;
    }

    Word build() {
      int[] bases = new int[letters.size()];
      int[] marks = new int[letters.size()];
      for (int k = 0; k < letters.size(); k++) {
        bases[k] = hasLetter ? leet(letters.get(k)[0]) : letters.get(k)[0];
        marks[k] = letters.get(k)[1];
      }
      return new Word(bases, marks, start, end);
    }

    private static int leet(int c) {
      return switch (c) {
        case '0' -> 'o';
        case '1' -> 'i';
        case '3' -> 'e';
        case '4', '@' -> 'a';
        case '5', '$' -> 's';
        case '7' -> 't';
        default -> c;
      };
    }
  }
}

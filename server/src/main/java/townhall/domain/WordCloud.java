package townhall.domain;

import java.util.List;

/**
 * The words of short open-text answers (a text poll's), counted for a word cloud: Vietnamese words of two or three
 * syllables kept whole ("giao thông", "cây xanh", "ngập nước"), stop words left out, a word written with and
 * without diacritics counted as one and shown in its most common accented form. The implementation
 * ({@code similar.lucene.LuceneWordCloud}) is pure and thread-safe; callers pass only the answers the public may see
 * (never one a moderator hid).
 */
public interface WordCloud {

  /**
   * One word of the cloud.
   *
   * @param text the word as most answers wrote it (lower case, accented when any answer accented it)
   * @param count in how many answers it appears (an answer repeating a word counts once)
   */
  record Term(String text, int count) {
  }

  /** The {@code top} most frequent words of the answers, most frequent first (ties in alphabetical order). */
  List<Term> terms(List<String> answers, int top);

  /**
   * One word of one answer.
   *
   * @param key the word folded (no diacritics, lower case, đ as d): what is counted, so "ngap nuoc" and "Ngập nước"
   *     are one word
   * @param shown the word as this answer wrote it (lower case)
   */
  record Found(String key, String shown) {
  }

  /**
   * The words of one answer, each once (an answer repeating a word counts once), in the order written. Alone an
   * answer has no neighbours to tell an unknown two-syllable word by, so only the dictionary's compounds are kept
   * whole here (the frequency rule of {@link #terms} needs several answers); this is what a live count adds and
   * removes answer by answer.
   */
  List<Found> wordsOf(String answer);
}

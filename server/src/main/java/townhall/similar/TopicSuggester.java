package townhall.similar;

import townhall.domain.topic.Classification;

/**
 * Suggests a question's topic and area from its words, for the moderator to confirm or change (issue 17): a topic
 * whose keywords the question holds (matched with the similar questions' Vietnamese analysis: with or without
 * diacritics, Telex leftovers repaired; a keyword of several syllables must appear as a run, and weighs the
 * square of its syllables), an area whose name it holds. May take a little CPU: call it off the event loop.
 */
public interface TopicSuggester {

  /** The suggestion for {@code text} among {@code lists}; either part {@code null} when nothing matches. */
  Suggestion suggest(Classification lists, String text);

  /**
   * @param topic the suggested topic's key, or {@code null}
   * @param area  the suggested area's key, or {@code null}
   * @param score the topic's score (the squares of its keywords' syllables found), 0 without a topic
   */
  record Suggestion(String topic, String area, int score) {
    public static final Suggestion NONE = new Suggestion(null, null, 0);
  }
}

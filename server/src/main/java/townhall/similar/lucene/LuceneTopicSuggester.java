package townhall.similar.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import townhall.domain.topic.Area;
import townhall.domain.topic.Classification;
import townhall.domain.topic.Topic;
import townhall.similar.TopicSuggester;

/**
 * {@link TopicSuggester} on {@link VietnameseAnalyzer}'s syllables: the question and every keyword are cut into
 * folded syllables the same way, and a keyword counts when its syllables appear in the question as a run (in
 * order, side by side). A topic scores the square of each keyword's syllables found, counting each keyword once:
 * a phrase ("đèn đường", 4) outweighs two loose syllables ("đường", "hẻm", 1 each), which folding may have merged
 * with other words. The best topic wins (the first in the list on a tie); an area is suggested when its whole name appears.
 * The analysed keywords of the last few lists are kept, so a list is analysed once.
 */
public final class LuceneTopicSuggester implements TopicSuggester, AutoCloseable {
  private static final int LISTS_KEPT = 64;

  private final VietnameseAnalyzer analyzer = new VietnameseAnalyzer();
  private final Map<Classification, Analysed> analysed = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Classification, Analysed> eldest) {
          return size() > LISTS_KEPT;
        }
      });

  @Override
  public Suggestion suggest(Classification lists, String text) {
    Analysed known = analysed.computeIfAbsent(lists, this::analyse);
    List<String> words = syllables(text);
    String bestTopic = null;
    int bestScore = 0;
    for (Map.Entry<String, List<List<String>>> topic : known.topics.entrySet()) {
      int score = 0;
      for (List<String> keyword : topic.getValue()) {
        if (containsRun(words, keyword)) {
          score += keyword.size() * keyword.size();
        }
      }
      if (score > bestScore) {
        bestScore = score;
        bestTopic = topic.getKey();
      }
    }
    String bestArea = null;
    int areaLength = 0;
    for (Map.Entry<String, List<String>> area : known.areas.entrySet()) {
      if (area.getValue().size() > areaLength && containsRun(words, area.getValue())) {
        areaLength = area.getValue().size();
        bestArea = area.getKey();
      }
    }
    return new Suggestion(bestTopic, bestArea, bestScore);
  }

  private Analysed analyse(Classification lists) {
    Map<String, List<List<String>>> topics = new LinkedHashMap<>();
    for (Topic topic : lists.topics()) {
      List<List<String>> keywords = new ArrayList<>();
      List<String> phrases = new ArrayList<>(topic.keywords());
      phrases.add(topic.nameVi());
      for (String phrase : phrases) {
        List<String> run = syllables(phrase);
        if (!run.isEmpty() && !keywords.contains(run)) {
          keywords.add(run);
        }
      }
      topics.put(topic.key(), keywords);
    }
    Map<String, List<String>> areas = new LinkedHashMap<>();
    for (Area area : lists.areas()) {
      List<String> run = syllables(area.name());
      if (!run.isEmpty()) {
        areas.put(area.key(), run);
      }
    }
    return new Analysed(topics, areas);
  }

  /** The text's folded syllables, stop words left out. */
  List<String> syllables(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(VietnameseAnalyzer.SYLLABLES, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static boolean containsRun(List<String> words, List<String> run) {
    return Collections.indexOfSubList(words, run) >= 0;
  }

  @Override
  public void close() {
    analyzer.close();
  }

  private record Analysed(Map<String, List<List<String>>> topics, Map<String, List<String>> areas) {
  }
}

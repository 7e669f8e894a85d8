package townhall.similar.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.SmallFloat;
import townhall.similar.SimilarQuestions;

/**
 * One session's questions in an in-memory Lucene index ({@link ByteBuffersDirectory}), analysed by
 * {@link VietnameseAnalyzer}, and the search for the ones most like a text.
 *
 * <p>Lucene ranks the candidates: a BM25 match of the text's syllables and shingles. A BM25 score depends on the
 * text's length and the index's statistics, so a candidate is kept by a score normalised the way a cosine is:
 * {@code bm25(text, question) / sqrt(bm25(text, text) * bm25(question, question))} (shingles weighted
 * {@link #SHINGLE_WEIGHT}), where the two "self" scores are
 * what Lucene's own similarity gives a document identical to the text (to the question) in this index. Identical
 * texts score 1; texts sharing nothing, 0; the threshold applies to this figure.
 *
 * <p>Threading: Lucene's writer and searcher manager are thread-safe; the caller orders the changes.
 */
final class SessionIndex implements AutoCloseable {
  /** How many of Lucene's best candidates are scored and ranked again. */
  private static final int CANDIDATES = 10;
  private static final String ID = "id";
  private static final String[] FIELDS = {VietnameseAnalyzer.SYLLABLES, VietnameseAnalyzer.SHINGLES};
  /**
   * How much a shared run of syllables weighs beside a shared syllable: enough to lift questions that share a
   * compound, not so much that a reworded question (the same syllables, another order) loses (0.3 was best of 0.3,
   * 0.5, 1 and 2 on the labelled set; docs/similar.md).
   */
  private static final float SHINGLE_WEIGHT = 0.3f;

  private static float weight(String field) {
    return VietnameseAnalyzer.SHINGLES.equals(field) ? SHINGLE_WEIGHT : 1f;
  }

  private final Analyzer analyzer = new VietnameseAnalyzer();
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final double threshold;
  /** Each indexed question's analysed terms, kept so a candidate's self score needs no second analysis. */
  private final Map<String, Map<String, Map<String, Integer>>> termsById = new ConcurrentHashMap<>();

  SessionIndex(double threshold) {
    this.threshold = threshold;
    try {
      writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void put(String id, String text) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(ID, id, Field.Store.YES));
    doc.add(new TextField(VietnameseAnalyzer.SYLLABLES, text, Field.Store.NO));
    doc.add(new TextField(VietnameseAnalyzer.SHINGLES, text, Field.Store.NO));
    writer.updateDocument(new Term(ID, id), doc);
    termsById.put(id, terms(text));
  }

  void remove(String id) throws IOException {
    writer.deleteDocuments(new Term(ID, id));
    termsById.remove(id);
  }

  void reset(Collection<SimilarQuestions.Indexed> questions) throws IOException {
    writer.deleteAll();
    termsById.clear();
    for (SimilarQuestions.Indexed q : questions) {
      put(q.id(), q.text());
    }
  }

  /** Up to {@code limit} questions at or above the threshold, the most similar first. */
  List<SimilarQuestions.Match> search(String text, int limit) throws IOException {
    Map<String, Map<String, Integer>> terms = terms(text);
    if (terms.values().stream().allMatch(Map::isEmpty) || limit <= 0) {
      return List.of();
    }
    searchers.maybeRefreshBlocking();
    IndexSearcher searcher = searchers.acquire();
    try {
      BooleanQuery.Builder query = new BooleanQuery.Builder();
      terms.forEach((field, counts) -> counts.keySet()
          .forEach(term -> query.add(new BoostQuery(new TermQuery(new Term(field, term)), weight(field)),
              BooleanClause.Occur.SHOULD)));
      ScoreDoc[] hits = searcher.search(query.build(), CANDIDATES).scoreDocs;
      if (hits.length == 0) {
        return List.of();
      }
      double textSelf = selfScore(searcher, terms);
      List<SimilarQuestions.Match> matches = new ArrayList<>();
      for (ScoreDoc hit : hits) {
        String id = searcher.storedFields().document(hit.doc, Set.of(ID)).get(ID);
        Map<String, Map<String, Integer>> questionTerms = termsById.get(id);
        if (questionTerms == null) {
          continue; // removed since the searcher was opened
        }
        double score = Math.min(1.0, hit.score / Math.sqrt(textSelf * selfScore(searcher, questionTerms)));
        if (score >= threshold) {
          matches.add(new SimilarQuestions.Match(id, score));
        }
      }
      matches.sort(Comparator.comparingDouble(SimilarQuestions.Match::score).reversed());
      return matches.size() > limit ? List.copyOf(matches.subList(0, limit)) : matches;
    } finally {
      searchers.release(searcher);
    }
  }

  /** How many questions the index holds (after the changes made so far). */
  int size() {
    return writer.getDocStats().numDocs;
  }

  /**
   * What Lucene's similarity scores a document holding exactly these terms, with this index's statistics (a term
   * the index does not hold counts as held by that one document).
   */
  private static double selfScore(IndexSearcher searcher, Map<String, Map<String, Integer>> terms)
      throws IOException {
    Similarity similarity = searcher.getSimilarity();
    double total = 0;
    for (Map.Entry<String, Map<String, Integer>> field : terms.entrySet()) {
      Map<String, Integer> counts = field.getValue();
      if (counts.isEmpty()) {
        continue;
      }
      int length = counts.values().stream().mapToInt(Integer::intValue).sum();
      CollectionStatistics collection = searcher.collectionStatistics(field.getKey());
      if (collection == null) {
        collection = new CollectionStatistics(field.getKey(), 1, 1, length, counts.size());
      }
      long norm = SmallFloat.intToByte4(length);
      for (Map.Entry<String, Integer> term : counts.entrySet()) {
        Term t = new Term(field.getKey(), term.getKey());
        int docFreq = searcher.getIndexReader().docFreq(t);
        long totalFreq = searcher.getIndexReader().totalTermFreq(t);
        TermStatistics stats = docFreq > 0 ? new TermStatistics(t.bytes(), docFreq, Math.max(totalFreq, docFreq))
            : new TermStatistics(t.bytes(), 1, term.getValue());
        total += similarity.scorer(weight(field.getKey()), collection, stats).score(term.getValue(), norm);
      }
    }
    return total;
  }

  /** The analysed terms of a text, per field, with how often each occurs. */
  private Map<String, Map<String, Integer>> terms(String text) throws IOException {
    Map<String, Map<String, Integer>> all = new LinkedHashMap<>();
    for (String field : FIELDS) {
      all.put(field, analyze(analyzer, field, text));
    }
    return all;
  }

  /** The terms the analyzer makes of {@code text} for {@code field}, with their counts, in order of appearance. */
  static Map<String, Integer> analyze(Analyzer analyzer, String field, String text) throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        counts.merge(term.toString(), 1, Integer::sum);
      }
      stream.end();
    }
    return counts;
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
  }
}

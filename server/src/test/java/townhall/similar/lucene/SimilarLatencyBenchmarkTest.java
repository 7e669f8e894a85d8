package townhall.similar.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import townhall.similar.SimilarQuestions;

/**
 * How long a suggestion takes with 10,000 questions in the session (docs/similar.md): the questions of the labelled
 * set with their numbers and street names varied, indexed at once (a view rebuilt), then every typed text of the set
 * searched, several rounds, each search timed. Prints the figures; asserts nothing about time (run by hand:
 * {@code -Dtownhall.excludedGroups=none -Dtest=SimilarLatencyBenchmarkTest}).
 */
@Tag("benchmark")
class SimilarLatencyBenchmarkTest {
  private static final int QUESTIONS = 10_000;
  private static final int ROUNDS = 5;
  private static final List<String> STREETS = List.of("Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng", "Cách Mạng Tháng Tám",
      "Điện Biên Phủ", "Võ Văn Tần", "Pasteur", "Nam Kỳ Khởi Nghĩa", "Lý Tự Trọng", "Trần Hưng Đạo", "Phan Đình Phùng",
      "Nguyễn Văn Cừ", "Lạc Long Quân", "Âu Cơ", "Hoàng Văn Thụ", "Bạch Đằng", "Nguyễn Oanh", "Quang Trung");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  @Test
  void suggestionLatencyWithTenThousandQuestions() throws IOException {
    List<String[]> rows = rows();
    List<String> existing = rows.stream().map(r -> r[3]).distinct().toList();
    List<String> typed = rows.stream().map(r -> r[2]).toList();
    Random random = new Random(17);
    List<SimilarQuestions.Indexed> questions = new ArrayList<>();
    for (int i = 0; i < QUESTIONS; i++) {
      String text = existing.get(i % existing.size());
      Matcher numbers = NUMBER.matcher(text);
      text = numbers.replaceAll(m -> Integer.toString(1 + random.nextInt(300)));
      if (i >= existing.size()) {
        text = text + " " + STREETS.get(random.nextInt(STREETS.size()));
      }
      questions.add(new SimilarQuestions.Indexed(Integer.toString(i + 1), text));
    }
    try (SessionIndex index = new SessionIndex(LuceneSimilarIndexes.THRESHOLD)) {
      long started = System.nanoTime();
      index.reset(questions);
      index.search("đèn đường", 3); // the first search opens the reader on what was just indexed
      long buildMs = (System.nanoTime() - started) / 1_000_000;
      assertEquals(QUESTIONS, index.size());
      for (String text : typed) {
        index.search(text, 3); // warm-up round
      }
      long[] micros = new long[typed.size() * ROUNDS];
      int n = 0;
      for (int round = 0; round < ROUNDS; round++) {
        for (String text : typed) {
          long t0 = System.nanoTime();
          index.search(text, 3);
          micros[n++] = (System.nanoTime() - t0) / 1_000;
        }
      }
      Arrays.sort(micros);
      System.out.printf(Locale.ROOT, "similar: %d questions indexed in %d ms; %d searches: p50 %.2f ms, p99 %.2f ms,"
              + " max %.2f ms%n", QUESTIONS, buildMs, micros.length, micros[micros.length / 2] / 1000.0,
          micros[(int) (micros.length * 0.99)] / 1000.0, micros[micros.length - 1] / 1000.0);
    }
  }

  private static List<String[]> rows() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        SimilarLatencyBenchmarkTest.class.getResourceAsStream("/similar/pairs.tsv"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
    }
    return rows;
  }
}

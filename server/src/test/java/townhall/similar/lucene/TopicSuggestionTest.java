package townhall.similar.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import townhall.domain.topic.Area;
import townhall.domain.topic.Classification;
import townhall.domain.topic.DefaultTopics;
import townhall.domain.topic.Topic;
import townhall.similar.TopicSuggester;

/**
 * The topic suggestion on a small labelled list of residents' questions ({@code topics/questions.tsv}), with and
 * without diacritics: every one gets its labelled topic. Areas are suggested by their name, an organization's own
 * topics by their keywords.
 */
class TopicSuggestionTest {
  private final LuceneTopicSuggester suggester = new LuceneTopicSuggester();

  @Test
  void everyLabelledQuestionGetsItsTopic() throws IOException {
    List<String[]> labelled = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/topics/questions.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          labelled.add(line.split("\t", 2));
        }
      }
    }
    assertTrue(labelled.size() >= 30, "the labelled list is read");
    List<String> wrong = new ArrayList<>();
    for (String[] pair : labelled) {
      TopicSuggester.Suggestion s = suggester.suggest(Classification.DEFAULT, pair[1]);
      if (!pair[0].equals(s.topic())) {
        wrong.add(pair[1] + " -> " + s.topic() + " (expected " + pair[0] + ")");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void areasAreSuggestedByNameWithOrWithoutDiacritics() {
    Classification lists = new Classification(DefaultTopics.LIST,
        List.of(new Area("khu-pho-3", "Khu phố 3"), new Area("khu-pho-13", "Khu phố 13"),
            new Area("to-7", "Tổ dân phố 7")));
    assertEquals("khu-pho-3", suggester.suggest(lists, "Khu phố 3 hay bị mất trộm xe máy").area());
    assertEquals("khu-pho-13", suggester.suggest(lists, "rac o khu pho 13 khong ai gom").area());
    assertEquals("to-7", suggester.suggest(lists, "Đèn đường ở tổ dân phố 7 hỏng").area());
    assertNull(suggester.suggest(lists, "Đèn đường ở hẻm 12 hỏng").area());
  }

  @Test
  void anOrganizationsOwnTopicsAndNothingWhenNothingMatches() {
    Classification own = new Classification(List.of(
        new Topic("cho", "Chợ", "Markets", List.of("chợ Bến Thành", "tiểu thương")),
        new Topic("nuoc", "Nước sạch", "Water", List.of("mất nước", "nước sạch"))), List.of());
    assertEquals("nuoc", suggester.suggest(own, "Hẻm 5 mat nuoc ba ngay roi").topic());
    assertEquals("cho", suggester.suggest(own, "Tiểu thương chợ Bến Thành kêu khó").topic());
    TopicSuggester.Suggestion none = suggester.suggest(own, "Cảm ơn lãnh đạo phường");
    assertNull(none.topic());
    assertEquals(0, none.score());
  }
}

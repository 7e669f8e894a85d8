package townhall.similar.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class VietnameseAnalyzerTest {
  private final VietnameseAnalyzer analyzer = new VietnameseAnalyzer();

  private List<String> syllables(String text) throws IOException {
    return List.copyOf(SessionIndex.analyze(analyzer, VietnameseAnalyzer.SYLLABLES, text).keySet());
  }

  private List<String> shingles(String text) throws IOException {
    return List.copyOf(SessionIndex.analyze(analyzer, VietnameseAnalyzer.SHINGLES, text).keySet());
  }

  @Test
  void diacriticsCaseAndDWithStrokeFoldAway() throws IOException {
    assertEquals(syllables("duong ngap nuoc"), syllables("ĐƯỜNG Ngập Nước"));
    assertEquals(List.of("duong", "ngap", "nuoc"), syllables("Đường ngập nước"));
  }

  @Test
  void telexLeftoversReachTheSameSyllables() throws IOException {
    assertEquals(List.of("duong"), syllables("dduwowngf"));
    assertEquals(List.of("dat", "du", "an", "duong"), syllables("ddaast duwj ans dduwowfng"));
    assertEquals(syllables("Đất của người dân"), syllables("ddaats cuar nguwowif daan"));
    assertEquals(syllables("giải phóng mặt bằng"), syllables("giair phongs mawtj bawngf"));
  }

  @Test
  void correctlySpelledSyllablesAreNotRepaired() {
    for (String folded : List.of("truong", "nguoi", "xay", "sach", "rac", "thuong", "khuyen", "nghieng")) {
      assertEquals(folded, TelexRepairFilter.repair(folded));
    }
  }

  @Test
  void chatAbbreviationsAndAskingWordsAreDropped() throws IOException {
    assertEquals(List.of("den", "duong", "sua"), syllables("khi nào đèn đường đc sửa ko"));
    assertTrue(!syllables("có phải nộp thuế ko").contains("ko"));
  }

  @Test
  void compoundsAreKeptAsShinglesWhateverTheMarks() throws IOException {
    List<String> marked = shingles("cấp giấy chứng nhận quyền sử dụng đất");
    assertTrue(marked.contains("giay chung nhan"), marked.toString());
    assertEquals(marked, shingles("cap giay chung nhan quyen su dung dat"));
    assertTrue(shingles("bồi thường giải phóng mặt bằng").contains("giai phong mat"));
  }
}

package townhall.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The content rules with small lists written here (so each case shows the rule it holds), then with the shipped
 * starter lists against everyday Vietnamese and English civic questions.
 */
class ContentRulesTest {
  private static final ContentRules RULES = new ContentRules(WordList.parse("test", """
      [profanity]
      địt mẹ
      đm
      !lồn
      !cặc
      ngu như bò
      !đồ ngu
      fuck*
      asshole
      [spam]
      nhà cái
      """), List.of("gov.vn"));

  private static List<ContentFlag> flags(String text) {
    return RULES.screen(text).flags();
  }

  /** The matched parts of {@code text}, in order. */
  private static List<String> matched(ContentRules rules, String text) {
    List<String> parts = new ArrayList<>();
    for (FlagMatch match : rules.screen(text).matches()) {
      parts.add(text.substring(match.start(), match.end()));
    }
    return parts;
  }

  // ---------------------------------------------------------------- Vietnamese with and without diacritics

  @Test
  void vietnameseEntryMatchesWithItsDiacritics() {
    assertEquals(List.of(ContentFlag.PROFANITY), flags("Địt mẹ, bao giờ sửa đường?"));
    assertEquals(List.of("Địt mẹ"), matched(RULES, "Địt mẹ, bao giờ sửa đường?"));
  }

  @Test
  void vietnameseEntryMatchesTextTypedWithoutDiacritics() {
    assertEquals(List.of("dit me"), matched(RULES, "dit me bao gio sua duong"));
    assertEquals(List.of("DIT ME"), matched(RULES, "DIT ME PHUONG NAY"));
  }

  @Test
  void textWithOnlySomeOfTheDiacriticsStillMatches() {
    assertEquals(List.of("đit me"), matched(RULES, "đit me chứ"));
  }

  @Test
  void wordWithOtherDiacriticsDoesNotMatch() {
    // "đít mè" carries an acute and a grave where the entry has a dot below and another dot below
    assertEquals(List.of(), flags("đít mè"));
    // "ngu như bò" is listed, "ngủ như bò" (sleeps like an ox) is not an insult
    assertEquals(List.of(), flags("Tôi ngủ như bò sau buổi họp"));
    assertEquals(List.of(ContentFlag.PROFANITY), flags("Cán bộ ngu như bò"));
  }

  @Test
  void abbreviationMatchesSpelledOutWithDotsOrSpacesOrRepeatedLetters() {
    for (String text : List.of("đm", "ĐM", "dm", "đ.m", "Đ. M", "d m", "đ-m", "đmmmmm", "d.m.m")) {
      assertEquals(List.of(ContentFlag.PROFANITY), flags(text + " phường làm ăn kiểu gì vậy"), text);
    }
  }

  @Test
  void abbreviationInsideALongerWordDoesNotMatch() {
    // "dm" is not a word of "admin" or "đmạ"; and "đm" is not "đám" (a crowd)
    assertEquals(List.of(), flags("Ai là admin của trang phường?"));
    assertEquals(List.of(), flags("Một đám đông tụ tập trước ủy ban"));
  }

  @Test
  void leetspeakDigitsReadAsLetters() {
    assertEquals(List.of("d1t m3"), matched(RULES, "d1t m3 ai làm vậy"));
    // a number stays a number: "4" alone is no "a", and "2024" is a year
    assertEquals(List.of(), flags("Năm 2024 phường có 4 dự án"));
  }

  @Test
  void invisibleCharactersInsideAWordDoNotHideIt() {
    assertEquals(List.of(ContentFlag.PROFANITY), flags("đ\u200Bm phường"));
    assertEquals(List.of(ContentFlag.PROFANITY), flags("fu\u00ADck this"));
  }

  @Test
  void decomposedTextMatchesLikeComposedText() {
    String nfd = java.text.Normalizer.normalize("Địt mẹ", java.text.Normalizer.Form.NFD);
    assertEquals(List.of(ContentFlag.PROFANITY), flags(nfd));
  }

  // ---------------------------------------------------------------- exact entries and false positives

  @Test
  void exactEntryMatchesOnlyWithAllItsDiacritics() {
    assertEquals(List.of("lồn"), matched(RULES, "Cái lồn gì vậy"));
    assertEquals(List.of("LỒN"), matched(RULES, "LỒN"));
    // unaccented, "lon" is a beer can, "lớn" is big: neither is flagged
    assertEquals(List.of(), flags("Mua lon bia ở đâu"));
    assertEquals(List.of(), flags("Con đường lớn nhất phường"));
    assertEquals(List.of(), flags("con duong lon nhat phuong"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Các bạn trẻ có được hỗ trợ học nghề không?",          // "các" unaccented is "cac", like "cặc"
      "cac ban tre co duoc ho tro hoc nghe khong",
      "Do ngủ quên nên tôi đến muộn buổi họp",               // "do ngu" unaccented is "đồ ngu"
      "Quận Ngũ Hành Sơn có thêm trường học không?",         // "ngũ" is not "ngu"
      "Lớp học tiếng Anh cho người lớn mở khi nào?",
      "Đám cưới chiếm lòng đường có được phép không?",
      "Phường có kế hoạch nâng cấp lòng đường Lê Lợi không?",
      "Who is the class representative for the assembly?",   // "ass" inside "class" and "assembly"
      "Please explain the Scunthorpe rule and the shuttle schedule",
      "Xin hỏi nhà cải tạo trên đường Hai Bà Trưng có phép không?", // "nhà cải", not "nhà cái"
  })
  void everydayQuestionsAreNotFlagged(String text) {
    assertEquals(Screening.NONE, RULES.screen(text), text);
  }

  // ---------------------------------------------------------------- English, prefixes, spam

  @Test
  void englishEntryMatchesWholeWordsAnyCaseStretchedOrWithForeignMarks() {
    assertEquals(List.of("FUCK"), matched(RULES, "FUCK the parking fees"));
    assertEquals(List.of("fuuuuck"), matched(RULES, "fuuuuck"));
    assertEquals(List.of("fück"), matched(RULES, "fück"));
    assertEquals(List.of("f.u.c.k"), matched(RULES, "f.u.c.k"));
    assertEquals(List.of("assssshole"), matched(RULES, "you assssshole"));
  }

  @Test
  void starEntryLetsTheLastWordGoOnAndOthersMatchOnlyWhole() {
    assertEquals(List.of("fucking"), matched(RULES, "this fucking road"));
    assertEquals(List.of(), flags("the assholes"), "asshole without a star does not match assholes");
  }

  @Test
  void spamSectionFlagsSpam() {
    assertEquals(List.of(ContentFlag.SPAM), flags("Nhà cái uy tín nhất, nạp 100k tặng 200k"));
    assertEquals(List.of(ContentFlag.SPAM), flags("nha cai uy tin"));
  }

  @Test
  void severalFlagsAndMatchesComeInTextOrderWithoutOverlaps() {
    String text = "đm nhà cái https://win.example.com đm";
    Screening screening = RULES.screen(text);
    assertEquals(List.of(ContentFlag.PROFANITY, ContentFlag.SPAM, ContentFlag.LINK), screening.flags());
    assertEquals(List.of("đm", "nhà cái", "https://win.example.com", "đm"), matched(RULES, text));
    for (int i = 1; i < screening.matches().size(); i++) {
      assertTrue(screening.matches().get(i - 1).end() <= screening.matches().get(i).start());
    }
  }

  @Test
  void overlappingEntriesAreMergedIntoOneMatch() {
    ContentRules rules = new ContentRules(WordList.parse("t", "địt\nđịt mẹ\nmẹ mày\n"), List.of());
    assertEquals(List.of("địt mẹ mày"), matched(rules, "địt mẹ mày"));
  }

  // ---------------------------------------------------------------- links

  @ParameterizedTest
  @ValueSource(strings = {
      "Xem thêm tại http://example.com/abc",
      "Vào https://bit.ly/3xYz nhận quà",
      "Truy cập www.nhacai-uytin.com ngay",
      "Liên hệ shop.example.vn để mua",
      "inbox zalo hoặc mail ban@gmail.com",
      "Tải app ở app.store.xyz",
      "Vào trang shop.example.comđể mua",                     // a domain touching Vietnamese text
  })
  void linksAreFlagged(String text) {
    Screening screening = RULES.screen(text);
    assertEquals(List.of(ContentFlag.LINK), screening.flags(), text);
    assertEquals(1, screening.matches().size(), text);
  }

  @Test
  void linkMatchCoversTheWholeAddress() {
    assertEquals(List.of("https://bit.ly/3xYz"), matched(RULES, "Vào https://bit.ly/3xYz nhận quà"));
    assertEquals(List.of("nhacai-uytin.com"), matched(RULES, "Xem nhacai-uytin.com!"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "TP.HCM có kế hoạch gì cho Q.1 và P.Bến Nghé?",
      "Giá 1.500.000 đồng, v.v. có hợp lý không?",
      "Tôi ở số 12.3 đường Lê Lợi",
      "Nộp hồ sơ trên https://dichvucong.gov.vn được không?",  // an allowed domain
      "Cổng thông tin www.hochiminhcity.gov.vn ghi khác",
  })
  void abbreviationsNumbersAndAllowedDomainsAreNotLinks(String text) {
    assertFalse(RULES.screen(text).has(ContentFlag.LINK), text);
  }

  // ---------------------------------------------------------------- repeats

  @Test
  void fingerprintIgnoresCaseDiacriticsPunctuationAndSpacing() {
    String original = ContentRules.fingerprint("Khi nào sửa xong đường Lê Lợi?");
    assertEquals(original, ContentRules.fingerprint("khi nao sua xong duong le loi"));
    assertEquals(original, ContentRules.fingerprint("  KHI NÀO   sửa xong, đường Lê Lợi???  "));
    assertNotEquals(original, ContentRules.fingerprint("Khi nào sửa xong đường Lê Duẩn?"));
    assertNotEquals(original, ContentRules.fingerprint("Khi nào sửa xong đường Lê Lợi và Pasteur?"));
  }

  // ---------------------------------------------------------------- the shipped lists

  @ParameterizedTest
  @ValueSource(strings = {
      "Đ.m phường làm ăn như cứt",
      "dm sao lau the",
      "Thằng ngu nào duyệt dự án này?",
      "vcl luôn, đường ngập cả tuần",
      "Địt con mẹ bọn xây dựng",
      "What the fuck is going on with the bus lane?",
      "This council is full of idiots",
      "Kiếm tiền online 500k/ngày, bấm vào link",
  })
  void shippedListsFlagCommonInsultsAndSpam(String text) throws IOException {
    assertTrue(shipped().screen(text).isFlagged(), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Khi nào phường sửa xong đường Lê Lợi và lắp đèn ở hẻm 42?",
      "khi nao phuong sua xong duong le loi va lap den o hem 42",
      "Các bạn trẻ trong buổi đối thoại có được phát biểu không?",
      "cac ban tre trong buoi doi thoai co duoc phat bieu khong",
      "Con đi học về phải băng qua đường lớn rất nguy hiểm",
      "con di hoc ve phai bang qua duong lon rat nguy hiem",
      "Bộ máy hành chính phường có tinh gọn được không?",
      "bo may hanh chinh phuong co tinh gon duoc khong",
      "Cho dễ quản lý, phường có chia lại tổ dân phố không?",
      "Đeo khẩu trang có còn bắt buộc ở chợ không?",
      "Mua lon nước ngọt ở căng tin trường giá bao nhiêu?",
      "Tôi đi đám cưới con chị Lan ở hẻm 5",
      "When will the council fix the drainage on Le Loi street?",
      "Is the assembly hall open to the public after class hours?",
  })
  void shippedListsLeaveEverydayQuestionsAlone(String text) throws IOException {
    assertEquals(Screening.NONE, shipped().screen(text), text);
  }

  private static ContentRules shipped() throws IOException {
    List<WordList.Entry> entries = new ArrayList<>();
    for (String name : List.of("vi.txt", "en.txt")) {
      try (InputStream in = ContentRulesTest.class.getResourceAsStream("/config/wordlists/" + name)) {
        assertTrue(in != null, "the jar ships config/wordlists/" + name);
        entries.addAll(WordList.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return new ContentRules(entries, List.of("gov.vn"));
  }
}

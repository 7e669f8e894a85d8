package townhall.similar.lucene;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compact dictionary of Vietnamese compounds that residents write in answers about their ward, folded (no
 * diacritics, lower case, đ → d) as {@link LuceneWordCloud} compares syllables: infrastructure, environment, order,
 * services, administration. Not a full lexicon (that would be megabytes): a word it lacks still stays whole when two
 * or more answers write its syllables side by side (the cloud's frequency rule). Folding merges a few compounds
 * ("ngap nuoc" is only ngập nước; "cho" in "cho dan sinh" is chợ); none here is ambiguous once whole.
 */
final class VietnameseCompounds {
  /** The most syllables of one compound. */
  static final int LONGEST = 4;

  private static final List<String> WORDS = List.of(
      // streets and traffic
      "giao thong", "an toan giao thong", "un tac", "ket xe", "tac duong", "duong xa", "via he", "long duong",
      "o ga", "den duong", "den giao thong", "den chieu sang", "chieu sang", "cau duong", "cau vuot", "nga tu",
      "bai do xe", "bai giu xe", "cho do xe", "giu xe", "xe buyt", "xe may", "o to", "phan luong", "toc do",
      "hem", "con hem", "duong hem", "mat duong", "nang cap", "sua chua", "lan chiem", "lan chiem via he",
      // water and environment
      "ngap nuoc", "ngap ung", "thoat nuoc", "cong thoat nuoc", "nuoc sach", "nuoc thai", "cap nuoc", "mua lu",
      "trieu cuong", "cay xanh", "cong vien", "mang xanh", "moi truong", "o nhiem", "o nhiem moi truong",
      "rac thai", "thu gom rac", "thu gom", "phan loai rac", "bai rac", "ve sinh", "khoi bui", "tieng on", "bui min",
      "kenh rach", "bo ke", "sat lo", "khong khi",
      // order and safety
      "an ninh", "trat tu", "an ninh trat tu", "trom cap", "cuop giat", "ma tuy", "phong chay", "chua chay",
      "phong chay chua chay", "camera", "cong an", "dan phong", "bao luc", "te nan", "te nan xa hoi",
      // services and people
      "truong hoc", "mam non", "hoc sinh", "benh vien", "tram y te", "y te", "suc khoe", "bao hiem",
      "bao hiem y te", "nguoi cao tuoi", "nguoi gia", "tre em", "thanh nien", "nha van hoa", "san choi",
      "khu vui choi", "the thao", "van hoa", "cho dan sinh", "sieu thi", "viec lam", "ho ngheo", "an sinh",
      "an sinh xa hoi", "dien", "cup dien", "mat dien", "dien nuoc", "internet", "song dien thoai",
      // administration
      "thu tuc", "thu tuc hanh chinh", "hanh chinh", "mot cua", "dich vu cong", "truc tuyen", "giay to",
      "so do", "giay chung nhan", "cap phep", "xay dung", "xay dung trai phep", "quy hoach", "giai toa",
      "den bu", "boi thuong", "tai dinh cu", "giai phong mat bang", "dat dai", "nha o", "chung cu", "minh bach",
      "tiep dan", "can bo", "chinh quyen", "ngan sach", "dau tu", "cong khai", "phan anh", "khieu nai",
      "kinh phi", "thuong mai", "kinh doanh", "buon ban", "hang rong", "via he kinh doanh", "ho tro",
      // the cloud's stop compounds are matched here too, so their syllables never form other words
      "y kien", "de nghi", "hy vong", "mong muon", "tat ca", "nguoi dan", "ba con", "chung toi", "chung ta",
      "nhan dan", "lanh dao", "can thiet", "xin cam on", "cam on", "nen co", "hien nay");

  private VietnameseCompounds() {
  }

  static Set<String> set() {
    Set<String> compounds = new HashSet<>();
    for (String word : WORDS) {
      if (word.contains(" ")) {
        compounds.add(word);
      }
    }
    return Set.copyOf(compounds);
  }
}

package townhall.domain.topic;

import java.util.List;

/**
 * The fields a Vietnamese ward classifies residents' opinions by before sending them up (the usual headings of a
 * ward's summary of a dialogue), each with words and phrases that suggest it. An organization starts with this list
 * and may change it; a session without an organization uses it as it is. Keywords are matched with the similar
 * questions' analysis (folded, without diacritics), so a phrase of several syllables weighs more than one syllable,
 * which folding may have merged with another word ("đất" and "đặt" both read "dat").
 */
public final class DefaultTopics {
  /** The key of the catch-all topic. */
  public static final String OTHER = "khac";

  public static final List<Topic> LIST = List.of(
      new Topic("dat-dai", "Đất đai", "Land", List.of("đất", "đất đai", "sổ đỏ", "sổ hồng", "quyền sử dụng đất",
          "giấy chứng nhận quyền sử dụng", "cấp giấy chứng nhận", "giải phóng mặt bằng", "đền bù", "bồi thường",
          "tái định cư", "quy hoạch", "thu hồi đất", "tranh chấp đất", "lấn chiếm đất", "thửa đất", "ranh giới",
          "chuyển mục đích", "dự án treo")),
      new Topic("xay-dung", "Xây dựng", "Construction", List.of("xây dựng", "giấy phép xây dựng", "xây nhà",
          "sửa nhà", "xây không phép", "xây trái phép", "công trình", "thi công", "cơi nới", "chung cư",
          "nhà xuống cấp", "nứt tường", "lún", "sập", "giàn giáo")),
      new Topic("moi-truong", "Môi trường", "Environment", List.of("môi trường", "rác", "rác thải", "thu gom rác",
          "ô nhiễm", "nước thải", "mùi hôi", "bốc mùi", "hôi thối", "khói", "bụi", "tiếng ồn", "kênh", "rạch",
          "cây xanh", "chặt cây", "muỗi", "vệ sinh môi trường", "xả thải")),
      new Topic("giao-thong", "Giao thông", "Traffic", List.of("giao thông", "đường", "kẹt xe", "ùn tắc", "tắc đường",
          "đèn giao thông", "đèn tín hiệu", "vỉa hè", "ổ gà", "xe buýt", "cầu", "hẻm", "đỗ xe", "đậu xe", "bãi xe",
          "tai nạn", "làm đường", "sửa đường", "mở rộng đường", "lòng đường", "biển báo", "gờ giảm tốc")),
      new Topic("ha-tang-do-thi", "Hạ tầng đô thị", "Urban infrastructure", List.of("đèn đường", "chiếu sáng",
          "cấp nước", "nước sạch", "mất nước", "mất điện", "cúp điện", "điện", "dây điện", "cột điện", "thoát nước",
          "cống", "nắp cống", "ngập", "ngập nước", "triều cường", "internet", "cáp quang")),
      new Topic("trat-tu-an-ninh", "Trật tự, an ninh", "Public order and security", List.of("an ninh", "trật tự",
          "trộm", "trộm cắp", "mất trộm", "cướp", "giật", "ma túy", "nghiện", "đánh nhau", "tụ tập", "đua xe",
          "công an", "camera", "cờ bạc", "lừa đảo", "karaoke", "hát karaoke", "gây rối", "lấn chiếm vỉa hè",
          "buôn bán lấn chiếm")),
      new Topic("y-te", "Y tế", "Health", List.of("y tế", "bệnh viện", "trạm y tế", "bảo hiểm y tế", "khám bệnh",
          "khám chữa bệnh", "tiêm", "tiêm chủng", "sốt xuất huyết", "dịch bệnh", "thuốc", "bác sĩ",
          "an toàn thực phẩm", "ngộ độc")),
      new Topic("giao-duc", "Giáo dục", "Education", List.of("giáo dục", "trường", "trường học", "học sinh",
          "giáo viên", "học phí", "lớp học", "mầm non", "mẫu giáo", "tuyển sinh", "học thêm", "sách giáo khoa",
          "đi học", "điểm trường", "bán trú")),
      new Topic("chinh-sach-xa-hoi", "Chính sách xã hội", "Social policy", List.of("chính sách", "hộ nghèo",
          "cận nghèo", "trợ cấp", "người có công", "bảo trợ xã hội", "người cao tuổi", "khuyết tật", "lương hưu",
          "bảo hiểm xã hội", "việc làm", "thất nghiệp", "hỗ trợ", "gia đình chính sách", "thương binh", "liệt sĩ",
          "trẻ mồ côi", "khó khăn")),
      new Topic("kinh-te", "Kinh tế, kinh doanh", "Economy and business", List.of("kinh doanh", "buôn bán", "chợ",
          "hộ kinh doanh", "tiểu thương", "thuế", "giấy phép kinh doanh", "hàng rong", "vay vốn", "giá cả",
          "sạp", "mặt bằng kinh doanh")),
      new Topic("hanh-chinh", "Hành chính, tư pháp", "Administration and justice", List.of("thủ tục", "hồ sơ",
          "hộ tịch", "khai sinh", "kết hôn", "cư trú", "tạm trú", "thường trú", "hộ khẩu", "căn cước",
          "chứng thực", "một cửa", "công chứng", "cán bộ", "tiếp dân", "dịch vụ công", "giấy tờ")),
      new Topic("van-hoa-the-thao", "Văn hóa, thể thao", "Culture and sports", List.of("văn hóa", "thể thao",
          "sân chơi", "công viên", "lễ hội", "thư viện", "nhà văn hóa", "tập thể dục", "sân bóng", "câu lạc bộ")),
      new Topic(OTHER, "Khác", "Other", List.of()));

  private DefaultTopics() {
  }
}

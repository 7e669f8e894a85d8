package townhall.record;

import java.util.Map;
import townhall.domain.Language;

/**
 * The words a person reads in an exported record (the CSV): column names, fates, statuses, moderation actions and
 * who took them, in Vietnamese and English. A name these tables do not know (a newer fate or action) is written
 * as its wire name rather than dropped.
 */
final class RecordWords {
  private static final Map<String, String> VI = Map.ofEntries(
      Map.entry("col.id", "Số"), Map.entry("col.askedAt", "Thời điểm hỏi"), Map.entry("col.author", "Người hỏi"),
      Map.entry("col.text", "Nội dung"), Map.entry("col.originalText", "Nội dung ban đầu"),
      Map.entry("col.fate", "Kết quả"), Map.entry("col.status", "Trạng thái"),
      Map.entry("col.votes", "Lượt ủng hộ"), Map.entry("col.rejectionReason", "Lý do từ chối"),
      Map.entry("col.mergedInto", "Gộp vào câu"), Map.entry("col.mergedFrom", "Các câu gộp vào"),
      Map.entry("col.answer", "Trả lời"), Map.entry("col.answeredAt", "Thời điểm trả lời"),
      Map.entry("col.rejectionCategory", "Loại lý do từ chối"), Map.entry("col.withheld", "Nội dung không công bố vì"),
      Map.entry("category.off_topic", "lạc đề"), Map.entry("category.duplicate", "trùng lặp"),
      Map.entry("category.abusive", "xúc phạm"), Map.entry("category.spam", "quảng cáo, rác"),
      Map.entry("category.personal_data", "thông tin cá nhân"), Map.entry("category.other", "khác"),
      Map.entry("col.onStage", "Thời gian trên sân khấu"), Map.entry("col.steps", "Diễn biến"),
      Map.entry("col.topic", "Lĩnh vực"), Map.entry("col.area", "Khu vực"),
      Map.entry("anonymous", "Ẩn danh"), Map.entry("organizer", "Ban tổ chức"),
      Map.entry("moderator", "Người điều hành %d"), Map.entry("author", "người hỏi"),
      Map.entry("into", "vào câu %s"), Map.entry("votes", "%d lượt ủng hộ"),
      Map.entry("fate.answered", "Đã trả lời"), Map.entry("fate.merged", "Đã gộp"),
      Map.entry("fate.rejected", "Bị từ chối"), Map.entry("fate.open", "Chưa trả lời"),
      Map.entry("fate.withdrawn", "Người hỏi đã rút"), Map.entry("fate.archived", "Đã lưu trữ"),
      Map.entry("fate.not_reviewed", "Chưa được duyệt trước khi phiên kết thúc"),
      Map.entry("status.pending", "Chờ duyệt"), Map.entry("status.live", "Đang hiển thị"),
      Map.entry("status.answered", "Đã trả lời"), Map.entry("status.archived", "Đã lưu trữ"),
      Map.entry("status.rejected", "Bị từ chối"), Map.entry("status.withdrawn", "Đã rút"),
      Map.entry("action.approve", "duyệt"), Map.entry("action.reject", "từ chối"), Map.entry("action.edit", "sửa"),
      Map.entry("action.answer", "trả lời"), Map.entry("action.highlight", "đưa lên sân khấu"),
      Map.entry("action.unhighlight", "đưa xuống khỏi sân khấu"), Map.entry("action.archive", "lưu trữ"),
      Map.entry("action.restore", "khôi phục"), Map.entry("action.merge", "gộp"),
      Map.entry("action.ban", "cấm người hỏi"), Map.entry("action.freeze", "khóa lượt ủng hộ"),
      Map.entry("action.unfreeze", "mở khóa lượt ủng hộ"), Map.entry("action.withdraw", "rút câu hỏi"),
      Map.entry("action.withhold", "ẩn nội dung"), Map.entry("action.unwithhold", "bỏ ẩn nội dung"),
      // the follow-up after the session (issue 16)
      Map.entry("col.followUpStep", "Bước theo dõi mới nhất"), Map.entry("col.followUpAgency", "Cơ quan xử lý"),
      Map.entry("col.followUpDue", "Hạn trả lời"), Map.entry("col.followUpAnsweredAt", "Thời điểm trả lời bằng văn bản"),
      Map.entry("col.satisfied", "Số người hài lòng"), Map.entry("col.notSatisfied", "Số người chưa hài lòng"),
      Map.entry("followUp.promised", "hẹn trả lời bằng văn bản"), Map.entry("followUp.referred", "chuyển cơ quan"),
      Map.entry("followUp.referredUp", "chuyển cấp trên"), Map.entry("followUp.noted", "ghi nhận để xem xét"),
      Map.entry("followUp.outOfRemit", "không thuộc thẩm quyền"),
      Map.entry("followUp.answered", "đã trả lời bằng văn bản"));

  private static final Map<String, String> EN = Map.ofEntries(
      Map.entry("col.id", "No."), Map.entry("col.askedAt", "Asked at"), Map.entry("col.author", "Asked by"),
      Map.entry("col.text", "Question"), Map.entry("col.originalText", "Question as asked"),
      Map.entry("col.fate", "Outcome"), Map.entry("col.status", "Status"), Map.entry("col.votes", "Upvotes"),
      Map.entry("col.rejectionReason", "Reason for rejection"), Map.entry("col.mergedInto", "Merged into"),
      Map.entry("col.mergedFrom", "Merged from"), Map.entry("col.answer", "Answer"),
      Map.entry("col.answeredAt", "Answered at"), Map.entry("col.onStage", "On stage"),
      Map.entry("col.rejectionCategory", "Rejection category"), Map.entry("col.withheld", "Text withheld as"),
      Map.entry("category.off_topic", "off topic"), Map.entry("category.duplicate", "duplicate"),
      Map.entry("category.abusive", "abusive"), Map.entry("category.spam", "spam"),
      Map.entry("category.personal_data", "personal data"), Map.entry("category.other", "other"),
      Map.entry("col.steps", "History"), Map.entry("col.topic", "Topic"), Map.entry("col.area", "Area"),
      Map.entry("anonymous", "Anonymous"), Map.entry("organizer", "Organizer"),
      Map.entry("moderator", "Moderator %d"), Map.entry("author", "the author"),
      Map.entry("into", "into question %s"), Map.entry("votes", "%d upvotes"),
      Map.entry("fate.answered", "Answered"), Map.entry("fate.merged", "Merged"),
      Map.entry("fate.rejected", "Rejected"), Map.entry("fate.open", "Not answered"),
      Map.entry("fate.withdrawn", "Withdrawn by the author"), Map.entry("fate.archived", "Archived"),
      Map.entry("fate.not_reviewed", "Not reviewed before the session closed"),
      Map.entry("status.pending", "Awaiting review"), Map.entry("status.live", "Shown"),
      Map.entry("status.answered", "Answered"), Map.entry("status.archived", "Archived"),
      Map.entry("status.rejected", "Rejected"), Map.entry("status.withdrawn", "Withdrawn"),
      Map.entry("action.approve", "approved"), Map.entry("action.reject", "rejected"),
      Map.entry("action.edit", "edited"), Map.entry("action.answer", "answered"),
      Map.entry("action.highlight", "put on stage"), Map.entry("action.unhighlight", "taken off stage"),
      Map.entry("action.archive", "archived"), Map.entry("action.restore", "restored"),
      Map.entry("action.merge", "merged"), Map.entry("action.ban", "banned the author"),
      Map.entry("action.freeze", "froze the upvotes"), Map.entry("action.unfreeze", "unfroze the upvotes"),
      Map.entry("action.withdraw", "withdrew the question"), Map.entry("action.withhold", "withheld the text"),
      Map.entry("action.unwithhold", "published the text again"),
      // the follow-up after the session (issue 16)
      Map.entry("col.followUpStep", "Latest follow-up step"), Map.entry("col.followUpAgency", "Agency"),
      Map.entry("col.followUpDue", "Due"), Map.entry("col.followUpAnsweredAt", "Answered in writing at"),
      Map.entry("col.satisfied", "Satisfied"), Map.entry("col.notSatisfied", "Not satisfied"),
      Map.entry("followUp.promised", "promised in writing"), Map.entry("followUp.referred", "referred to an agency"),
      Map.entry("followUp.referredUp", "referred to a higher level"), Map.entry("followUp.noted", "noted"),
      Map.entry("followUp.outOfRemit", "not within our remit"),
      Map.entry("followUp.answered", "answered in writing"));

  /** The words of the clerk's entries (channel, entered by), kept apart so the tables above stay as they were. */
  private static final Map<String, String> CLERK_VI = Map.ofEntries(
      Map.entry("col.channel", "Kênh"), Map.entry("col.enteredBy", "Người nhập"),
      Map.entry("col.onBehalfOf", "Hỏi thay cho"), Map.entry("clerk", "Thư ký %d"),
      Map.entry("channel.app", "ứng dụng"), Map.entry("channel.spoken", "phát biểu trực tiếp"),
      Map.entry("channel.paper", "phiếu giấy"), Map.entry("channel.hotline", "đường dây nóng"),
      Map.entry("channel.zalo", "Zalo"), Map.entry("channel.email", "thư điện tử"),
      Map.entry("channel.other", "khác"), Map.entry("action.publishName", "công khai tên người hỏi"),
      Map.entry("action.publishSlip", "công khai ảnh phiếu hỏi"));

  private static final Map<String, String> CLERK_EN = Map.ofEntries(
      Map.entry("col.channel", "Channel"), Map.entry("col.enteredBy", "Entered by"),
      Map.entry("col.onBehalfOf", "On behalf of"), Map.entry("clerk", "Clerk %d"),
      Map.entry("channel.app", "app"), Map.entry("channel.spoken", "spoken"),
      Map.entry("channel.paper", "paper slip"), Map.entry("channel.hotline", "hotline"),
      Map.entry("channel.zalo", "Zalo"), Map.entry("channel.email", "email"), Map.entry("channel.other", "other"),
      Map.entry("action.publishName", "published the name of the person asking"),
      Map.entry("action.publishSlip", "published the photo of the paper slip"));

  private final Map<String, String> words;
  private final Language language;

  RecordWords(Language language) {
    this.language = language;
    Map<String, String> all = new java.util.HashMap<>(language == Language.VI ? VI : EN);
    all.putAll(language == Language.VI ? CLERK_VI : CLERK_EN);
    this.words = Map.copyOf(all);
  }

  /** Who entered a question: a clerk by pseudonym number, or nobody (a resident's own: empty). */
  String clerk(Integer clerk) {
    return clerk == null ? "" : String.format(words.get("clerk"), clerk);
  }

  /**
   * A topic's name: the default list's name in this language for one of its keys, else the key itself (an
   * organization's own topic; the record keeps keys, not names, which may change).
   */
  String topic(String key) {
    if (key == null) {
      return "";
    }
    return townhall.domain.topic.DefaultTopics.LIST.stream().filter(t -> t.key().equals(key)).findFirst()
        .map(t -> language == Language.VI ? t.nameVi() : t.nameEn()).orElse(key);
  }

  String column(String name) {
    return words.get("col." + name);
  }

  /** The word for a fate, status, action or category ({@code kind} "fate", "status", "action", "category"), or its wire name. */
  String of(String kind, String wireName) {
    return words.getOrDefault(kind + "." + wireName, wireName);
  }

  String anonymous() {
    return words.get("anonymous");
  }

  /** Who took a step: the organizer (0), a moderator by pseudonym number, or the author ({@code null}). */
  String who(Integer by) {
    return by == null ? words.get("author") : by == 0 ? words.get("organizer")
        : String.format(words.get("moderator"), by);
  }

  String into(String questionId) {
    return String.format(words.get("into"), questionId);
  }

  String votes(int votes) {
    return String.format(words.get("votes"), votes);
  }
}

package townhall.notify.email;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import townhall.mail.Mailer;
import townhall.mail.OutgoingMail;
import townhall.notify.FollowNotice;
import townhall.notify.FollowUpNotifier;

/**
 * {@link FollowUpNotifier} by email, over the node's {@link Mailer} ({@code mail.*}): plain text and the same
 * paragraphs as simple HTML, every piece of text escaped, links the only markup; Vietnamese unless the asker chose
 * English.
 */
public final class EmailFollowUpNotifier implements FollowUpNotifier {
  private final Mailer mailer;

  public EmailFollowUpNotifier(Mailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public String channel() {
    return "email";
  }

  @Override
  public boolean sends() {
    return mailer.sends();
  }

  @Override
  public Future<Void> send(FollowNotice notice) {
    OutgoingMail mail;
    if (notice instanceof FollowNotice.Confirmation c) {
      mail = confirmation(c);
    } else {
      mail = step((FollowNotice.Step) notice);
    }
    return mailer.send(mail);
  }

  private static OutgoingMail confirmation(FollowNotice.Confirmation c) {
    boolean vi = !"en".equals(c.language());
    String subject = vi ? "Xác nhận theo dõi câu hỏi " + c.code() : "Confirm following question " + c.code();
    List<Part> parts = List.of(
        Part.text(vi ? "Xin chào," : "Hello,"),
        Part.text(vi ? "Có người (có lẽ là bạn) muốn nhận thư báo về quá trình xử lý câu hỏi " + c.code()
            + " trên Townhall. Mở liên kết sau để xác nhận:"
            : "Someone (probably you) asked to be told by email what becomes of question " + c.code()
            + " on Townhall. Open this link to confirm:"),
        Part.link(c.confirmLink()),
        Part.text(vi ? "Nếu bạn không yêu cầu, hãy bỏ qua thư này: bạn sẽ không nhận thêm thư nào, và địa chỉ này sẽ"
            + " bị xoá."
            : "If you did not ask for this, ignore this message: nothing more will be sent, and this address will"
            + " be deleted."));
    return mail(c.to(), subject, parts);
  }

  private static OutgoingMail step(FollowNotice.Step s) {
    boolean vi = !"en".equals(s.language());
    String subject = vi ? "Câu hỏi " + s.code() + ": " + stepName(s.step(), true)
        : "Question " + s.code() + ": " + stepName(s.step(), false);
    List<Part> parts = new ArrayList<>();
    parts.add(Part.text(vi ? "Câu hỏi " + s.code() + " của bạn có bước xử lý mới: " + stepName(s.step(), true) + "."
        : "Your question " + s.code() + " has a new step: " + stepName(s.step(), false) + "."));
    if (s.agency() != null) {
      parts.add(Part.text((vi ? "Cơ quan: " : "Agency: ") + s.agency()));
    }
    if (s.due() != null) {
      parts.add(Part.text((vi ? "Hạn: " : "Due: ") + s.due()));
    }
    if (s.note() != null) {
      parts.add(Part.text((vi ? "Ghi chú: " : "Note: ") + s.note()));
    }
    if (s.answer() != null && !s.answer().isEmpty()) {
      parts.add(Part.text((vi ? "Trả lời: " : "Answer: ") + s.answer()));
    }
    parts.add(Part.text(vi ? "Xem toàn bộ quá trình:" : "See the whole follow-up:"));
    parts.add(Part.link(s.followLink()));
    if (s.rateLink() != null) {
      parts.add(Part.text(vi ? "Bạn có hài lòng với câu trả lời? Đánh giá một lần tại:"
          : "Are you satisfied with the answer? Rate it once here:"));
      parts.add(Part.link(s.rateLink()));
    }
    parts.add(Part.text(s.last()
        ? (vi ? "Việc theo dõi câu hỏi này đã kết thúc: đây là thư cuối, và địa chỉ của bạn đã được xoá."
            : "The follow-up of this question has ended: this is the last message, and your address was deleted.")
        : (vi ? "Không muốn nhận thêm thư về câu hỏi này? Huỷ tại:"
            : "No more messages about this question? Unsubscribe here:")));
    if (!s.last()) {
      parts.add(Part.link(s.unsubscribeLink()));
    }
    return mail(s.to(), subject, parts);
  }

  static String stepName(String step, boolean vi) {
    return switch (step) {
      case "promised" -> vi ? "sẽ trả lời bằng văn bản" : "will be answered in writing";
      case "referred" -> vi ? "đã chuyển đến cơ quan chuyên môn" : "referred to an agency";
      case "referredUp" -> vi ? "đã chuyển lên cấp trên" : "referred to a higher level";
      case "noted" -> vi ? "được ghi nhận để xem xét" : "noted for consideration";
      case "outOfRemit" -> vi ? "không thuộc thẩm quyền" : "not within the remit";
      case "answered" -> vi ? "đã có trả lời bằng văn bản" : "answered in writing";
      case "answeredOnStage" -> vi ? "đã được trả lời tại buổi đối thoại" : "answered on stage at the meeting";
      default -> step;
    };
  }

  /** A paragraph, or a link (shown as itself). */
  private record Part(String value, boolean link) {
    static Part text(String value) {
      return new Part(value, false);
    }

    static Part link(String value) {
      return new Part(value, true);
    }
  }

  private static OutgoingMail mail(String to, String subject, List<Part> parts) {
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
    for (Part part : parts) {
      text.append(part.value()).append("\n\n");
      html.append("<p>");
      if (part.link()) {
        html.append("<a href=\"").append(escape(part.value())).append("\">").append(escape(part.value()))
            .append("</a>");
      } else {
        html.append(escape(part.value()));
      }
      html.append("</p>");
    }
    html.append("</body></html>");
    // an agency's or a note's line break must not make a header of its own
    return new OutgoingMail(to, subject.replaceAll("\\p{Cntrl}", " "), text.toString(), html.toString());
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

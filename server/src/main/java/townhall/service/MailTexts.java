package townhall.service;

import java.util.List;
import townhall.domain.org.OrgRole;
import townhall.mail.OutgoingMail;

/**
 * The words of the emails the server sends, in the organization's language (Vietnamese, else English): a plain-text
 * body and the same paragraphs as simple HTML, every piece of text escaped, the link the only markup.
 */
final class MailTexts {
  private MailTexts() {
  }

  static OutgoingMail invitation(String to, String language, String organization, OrgRole role, String link) {
    boolean vi = !"en".equals(language);
    String subject = vi ? "Lời mời tham gia Townhall: " + organization : "Invitation to Townhall: " + organization;
    List<String> before = vi
        ? List.of("Xin chào,", "Bạn được mời nhận vai trò " + roleName(role, true) + " của " + organization
            + " trên Townhall. Mở liên kết sau để đặt mật khẩu và nhận lời mời (liên kết dùng được một lần, trong 7"
            + " ngày):")
        : List.of("Hello,", "You are invited to be " + roleName(role, false) + " of " + organization
            + " on Townhall. Open this link to choose a password and accept (the link works once, within 7 days):");
    String after = vi ? "Nếu bạn không chờ lời mời này, hãy bỏ qua thư này."
        : "If you did not expect this invitation, ignore this message.";
    return mail(to, subject, before, link, after);
  }

  static OutgoingMail passwordReset(String to, String language, String link) {
    boolean vi = !"en".equals(language);
    String subject = vi ? "Đặt lại mật khẩu Townhall" : "Reset your Townhall password";
    List<String> before = vi
        ? List.of("Xin chào,", "Có người (có lẽ là bạn) đã yêu cầu đặt lại mật khẩu cho tài khoản Townhall của địa"
            + " chỉ này. Mở liên kết sau để chọn mật khẩu mới (liên kết dùng được một lần, trong 1 giờ):")
        : List.of("Hello,", "Someone (probably you) asked to reset the password of the Townhall account of this"
            + " address. Open this link to choose a new password (the link works once, within 1 hour):");
    String after = vi ? "Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không đổi."
        : "If you did not ask for this, ignore this message: your password stays as it is.";
    return mail(to, subject, before, link, after);
  }

  private static OutgoingMail mail(String to, String subject, List<String> before, String link, String after) {
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
    for (String paragraph : before) {
      text.append(paragraph).append("\n\n");
      html.append("<p>").append(escape(paragraph)).append("</p>");
    }
    text.append(link).append("\n\n").append(after).append("\n");
    html.append("<p><a href=\"").append(escape(link)).append("\">").append(escape(link)).append("</a></p><p>")
        .append(escape(after)).append("</p></body></html>");
    // a name with a line break must not make a header of its own
    return new OutgoingMail(to, subject.replaceAll("\\p{Cntrl}", " "), text.toString(), html.toString());
  }

  private static String roleName(OrgRole role, boolean vi) {
    return switch (role) {
      case ADMINISTRATOR -> vi ? "quản trị viên" : "an administrator";
      case ORGANIZER -> vi ? "người tổ chức" : "an organizer";
      case MODERATOR -> vi ? "người điều hành" : "a moderator";
      case CLERK -> vi ? "thư ký" : "a clerk";
      case RESPONDER -> vi ? "cán bộ trả lời" : "an agency responder";
    };
  }

  static String escape(String text) {
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

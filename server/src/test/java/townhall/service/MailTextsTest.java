package townhall.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import townhall.domain.org.OrgRole;
import townhall.mail.OutgoingMail;

class MailTextsTest {
  private static final String LINK = "https://townhall.example.vn/login#invite=abc_DEF-123";

  @Test
  void anInvitationIsInTheOrganizationsLanguageWithTheLinkInBothBodies() {
    OutgoingMail vi = MailTexts.invitation("a@example.vn", "vi", "Phường Bến Nghé", OrgRole.CLERK, LINK);
    OutgoingMail en = MailTexts.invitation("a@example.vn", "en", "Ben Nghe Ward", OrgRole.CLERK, LINK);
    assertEquals("Lời mời tham gia Townhall: Phường Bến Nghé", vi.subject());
    assertTrue(vi.text().contains("thư ký") && vi.text().contains(LINK), vi.text());
    assertTrue(en.text().contains("a clerk") && en.text().contains(LINK), en.text());
    assertTrue(en.html().contains("<a href=\"" + LINK + "\">"), en.html());
  }

  @Test
  void organizationNamesAreEscapedInHtmlAndKeptOutOfOtherHeaders() {
    OutgoingMail mail = MailTexts.invitation("a@example.vn", "en", "<b>Ward</b> & \"Co\"\r\nBcc: x@evil.example",
        OrgRole.MODERATOR, LINK);
    assertFalse(mail.html().contains("<b>"), mail.html());
    assertTrue(mail.html().contains("&lt;b&gt;Ward&lt;/b&gt; &amp; &quot;Co&quot;"), mail.html());
    assertFalse(mail.subject().contains("\n") || mail.subject().contains("\r"), mail.subject());
  }

  @Test
  void aResetMailSaysItsLinkWorksOnceWithinAnHour() {
    OutgoingMail vi = MailTexts.passwordReset("a@example.vn", "vi", LINK);
    OutgoingMail en = MailTexts.passwordReset("a@example.vn", "en", LINK);
    assertTrue(vi.text().contains("trong 1 giờ"), vi.text());
    assertTrue(en.text().contains("within 1 hour"), en.text());
  }
}

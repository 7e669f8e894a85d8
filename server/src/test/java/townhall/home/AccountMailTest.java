package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.HomeTestBase;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;
import townhall.testing.TestPostgres;

/**
 * Invitations and password resets by email, through a real SMTP server (GreenMail) started by the test: what is
 * sent, to whom, in which language; reset links used once, refused after their hour; the same answer for an email
 * with and without an account; nothing sent by a node without {@code mail.host}.
 */
class AccountMailTest extends HomeTestBase {
  private static final String PASSWORD = "correct horse battery";
  private static final String NEW_PASSWORD = "a brand new passphrase";
  private static final String PUBLIC_URL = "https://townhall.example.vn";
  private static final String ADMIN = "admin@example.vn";
  private static final Pattern RESET_LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/login#reset=([A-Za-z0-9_-]+)");
  private static final Pattern INVITE_LINK =
      Pattern.compile(Pattern.quote(PUBLIC_URL) + "/login#invite=([A-Za-z0-9_-]+)");

  private GreenMail smtp;
  private TownhallNode mailing;
  private Api mailApi;
  private String mailDatabase;

  @BeforeEach
  void startMailNode() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    mailDatabase = postgres.freshDatabase();
    mailing = startNode(mailDatabase, Map.of("server.publicUrl", PUBLIC_URL, "mail.host", "127.0.0.1",
        "mail.port", smtp.getSmtp().getPort(), "mail.from", "Townhall <no-reply@example.vn>",
        "mail.starttls", false));
    mailApi = new Api(mailing.port());
  }

  @AfterEach
  void stopMailNode() {
    TestNodes.stop(mailing);
    smtp.stop();
  }

  private SignedInClient administrator(TownhallNode on, Api through) {
    return SignedInClient.from(through, on.port(), through.post("/api/setup", new JsonObject()
        .put("token", on.setupToken().orElseThrow()).put("email", ADMIN).put("password", PASSWORD)
        .put("name", "Chị Lan").encode(), null));
  }

  private Api.Reply askReset(String email) {
    return mailApi.post("/api/password-reset", new JsonObject().put("email", email).encode(), null);
  }

  private Api.Reply confirm(String token, String password) {
    return mailApi.post("/api/password-reset/confirm", new JsonObject().put("token", token).put("password", password)
        .encode(), null);
  }

  /** Waits until {@code count} messages have arrived in all; answers them, oldest first. */
  private List<MimeMessage> received(int count) {
    Await.until(() -> smtp.getReceivedMessages().length >= count, 20, count + " message(s) at the SMTP server");
    return Arrays.asList(smtp.getReceivedMessages());
  }

  private static String recipient(MimeMessage message) throws Exception {
    return message.getRecipients(Message.RecipientType.TO)[0].toString();
  }

  /** The plain-text part of a multipart/alternative message, decoded. */
  private static String plainText(MimeMessage message) throws Exception {
    return part(message, "text/plain");
  }

  private static String part(MimeMessage message, String type) throws Exception {
    Object content = message.getContent();
    if (content instanceof String text) {
      return text;
    }
    Multipart parts = (Multipart) content;
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType(type)) {
        return part.getContent().toString();
      }
    }
    throw new AssertionError("No " + type + " part in " + message.getContentType());
  }

  private static String token(Pattern link, String text) {
    Matcher matcher = link.matcher(text);
    assertTrue(matcher.find(), "a link in " + text);
    return matcher.group(1);
  }

  @Test
  void anInvitationIsSentByEmailInTheOrganizationsLanguageAndNotShownToTheInviter() throws Exception {
    SignedInClient admin = administrator(mailing, mailApi);
    Api.Reply invited = admin.post("/api/orgs/main/invitations", new JsonObject().put("email", "Mod@Example.VN")
        .put("role", "moderator").encode());
    assertEquals(201, invited.status(), invited.body());
    assertEquals(true, invited.json().getBoolean("sent"));
    assertNull(invited.json().getValue("link"), "only the invitee holds the link: " + invited.body());

    MimeMessage mail = received(1).get(0);
    assertEquals("mod@example.vn", recipient(mail));
    assertTrue(mail.getSubject().startsWith("Lời mời tham gia Townhall"), mail.getSubject());
    String text = plainText(mail);
    assertTrue(text.contains("người điều hành"), text);
    assertTrue(part(mail, "text/html").contains("<a href=\"" + PUBLIC_URL + "/login#invite="), "html link");
    Api.Reply accepted = mailApi.post("/api/invitations/accept", new JsonObject().put("token", token(INVITE_LINK, text))
        .put("password", PASSWORD).put("name", "Anh Minh").encode(), null);
    assertEquals(200, accepted.status(), accepted.body());
    assertEquals("moderator", accepted.json().getJsonObject("account").getJsonArray("roles").getJsonObject(0)
        .getString("role"));
  }

  @Test
  void aResetLinkSetsANewPasswordOnceAndEndsEveryOtherSignIn() throws Exception {
    SignedInClient before = administrator(mailing, mailApi);
    assertEquals(200, before.get("/api/me").status());

    Api.Reply asked = askReset(" Admin@Example.vn ");
    assertEquals(202, asked.status(), asked.body());
    MimeMessage mail = received(1).get(0);
    assertEquals(ADMIN, recipient(mail));
    assertEquals("Đặt lại mật khẩu Townhall", mail.getSubject());
    String token = token(RESET_LINK, plainText(mail));

    Api.Reply reset = confirm(token, NEW_PASSWORD);
    assertEquals(200, reset.status(), reset.body());
    SignedInClient after = SignedInClient.from(mailApi, mailing.port(), reset);
    assertEquals(200, after.get("/api/me").status());
    assertEquals(401, before.get("/api/me").status(), "the sign-in from before the reset is over");
    assertEquals(401, mailApi.post("/api/login", new JsonObject().put("email", ADMIN).put("password", PASSWORD)
        .encode(), null).status(), "the old password no longer works");
    assertEquals(200, mailApi.post("/api/login", new JsonObject().put("email", ADMIN).put("password", NEW_PASSWORD)
        .encode(), null).status());

    Api.Reply again = confirm(token, "yet another passphrase");
    assertEquals(404, again.status(), "a reset link works once: " + again.body());
    assertEquals(200, mailApi.post("/api/login", new JsonObject().put("email", ADMIN).put("password", NEW_PASSWORD)
        .encode(), null).status(), "the refused reuse changed nothing");
  }

  @Test
  void anExpiredResetLinkIsRefused() throws Exception {
    administrator(mailing, mailApi);
    assertEquals(202, askReset(ADMIN).status());
    String token = token(RESET_LINK, plainText(received(1).get(0)));
    try (var c = postgres.connect(TestPostgres.databaseOf(mailDatabase)); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("UPDATE link_grants SET expires_at = now() - interval '1 second'"
          + " WHERE purpose = 'reset'"));
    }
    assertEquals(404, confirm(token, NEW_PASSWORD).status());
    assertEquals(200, mailApi.post("/api/login", new JsonObject().put("email", ADMIN).put("password", PASSWORD)
        .encode(), null).status(), "the password is unchanged");
  }

  @Test
  void anUnknownEmailGetsTheSameAnswerAndNoMail() throws Exception {
    administrator(mailing, mailApi);
    Api.Reply unknown = askReset("nobody@example.vn");
    Api.Reply known = askReset(ADMIN);
    assertEquals(known.status(), unknown.status());
    assertEquals(known.body(), unknown.body());
    assertEquals(known.raw().headers().map().keySet(), unknown.raw().headers().map().keySet());
    List<MimeMessage> mails = received(1);
    for (MimeMessage mail : mails) {
      assertEquals(ADMIN, recipient(mail), "nothing goes to an address without an account");
    }
    // the limit per account counts requests for any address alike, so it tells nothing either
    for (int i = 0; i < 2; i++) {
      askReset("nobody@example.vn");
      askReset(ADMIN);
    }
    Api.Reply unknownLimited = askReset("nobody@example.vn");
    Api.Reply knownLimited = askReset(ADMIN);
    assertEquals(429, unknownLimited.status(), unknownLimited.body());
    assertEquals(429, knownLimited.status(), knownLimited.body());
    assertEquals(unknownLimited.json().getString("error"), knownLimited.json().getString("error"));
  }

  @Test
  void badResetRequestsAreRefusedAndChangeNothing() {
    administrator(mailing, mailApi);
    assertEquals(400, mailApi.post("/api/password-reset", "{\"email\":\"not an email\"}", null).status());
    assertEquals(400, mailApi.post("/api/password-reset", "{\"email\":\"a@b.vn\",\"x\":1}", null).status());
    assertEquals(400, mailApi.post("/api/password-reset", "[]", null).status());
    assertEquals(404, confirm("no-such-token-0123456789", NEW_PASSWORD).status());
    assertEquals(400, confirm("no-such-token-0123456789", "short").status());
    assertEquals(400, mailApi.post("/api/password-reset/confirm", "{\"token\":1,\"password\":\"x\"}", null).status());
    assertEquals(0, smtp.getReceivedMessages().length);
    assertEquals(200, mailApi.post("/api/login", new JsonObject().put("email", ADMIN).put("password", PASSWORD)
        .encode(), null).status());
  }

  @Test
  void aNodeWithoutMailHostSendsNothingAndShowsTheInvitationLinkOnce() throws Exception {
    SignedInClient admin = administrator(node, api);
    Api.Reply invited = admin.post("/api/orgs/main/invitations", new JsonObject().put("email", "mod@example.vn")
        .put("role", "moderator").encode());
    assertEquals(201, invited.status(), invited.body());
    assertEquals(false, invited.json().getBoolean("sent"));
    assertTrue(invited.json().getString("link").contains("/login#invite="), invited.body());
    Api.Reply reset = api.post("/api/password-reset", new JsonObject().put("email", ADMIN).encode(), null);
    assertEquals(503, reset.status(), reset.body());
    assertEquals("unavailable", reset.json().getString("error"));
    assertEquals(0, smtp.getReceivedMessages().length);
    assertFalse(smtp.getReceivedMessages().length > 0);
  }
}

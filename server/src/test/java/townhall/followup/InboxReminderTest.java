package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import townhall.TownhallNode;
import townhall.config.ConfigLoader;
import townhall.config.TownhallConfig;
import townhall.mail.Mailer;
import townhall.mail.smtp.SmtpMailer;
import townhall.service.InboxReminders;
import townhall.store.pg.PgBackend;
import townhall.testing.Await;
import townhall.testing.HomeTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;
import townhall.testing.TestPostgres;
import townhall.testing.WsClient;

/**
 * Reminders to an agency's responders through a real SMTP server (GreenMail): a question due within
 * {@code inbox.remindDaysBefore} days and an overdue one are reminded once per day to each responder of the agency,
 * in its language; a question due later, or answered, is not. Two sweepers (two connections to PostgreSQL, two
 * mailers, as two nodes have) sweeping at once, three rounds, plus a node's own timer sweeping all along: nothing is
 * sent twice.
 */
class InboxReminderTest extends HomeTestBase {
  private static final String PASSWORD = "reminder password 1";
  private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final LocalDate TODAY = LocalDate.now(ZONE);
  private GreenMail smtp;
  private TownhallNode mailing;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    TestNodes.stop(mailing);
    smtp.stop();
  }

  private Map<String, Object> mailSettings() {
    return Map.of("server.publicUrl", "https://townhall.example.vn", "mail.host", "127.0.0.1",
        "mail.port", smtp.getSmtp().getPort(), "mail.from", "Townhall <no-reply@example.vn>", "mail.starttls", false);
  }

  private static JsonObject followUp(String questionId, String agency, LocalDate due) {
    return new JsonObject().put("type", "moderate").put("questionId", questionId).put("action", "followUp")
        .put("step", "referred").put("agency", agency).put("due", due.toString());
  }

  @Test
  void twoSweepersAtOnceSendEachReminderOnceAndNothingForAnsweredOrLaterItems(Vertx vertx) throws Exception {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    organization("xd-a", "agency", "ward-a");
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "admin@main.vn").put("password", PASSWORD)
        .encode(), null));
    for (String[] who : new String[][] {{"responder", "tnmt-a"}, {"responder", "xd-a"}, {"organizer", "ward-a"}}) {
      invited(admin, who[0], who[1], PASSWORD);
    }
    // a second responder of tnmt-a
    String link = admin.post("/api/orgs/tnmt-a/invitations", new JsonObject().put("email", "second@example.vn")
        .put("role", "responder").encode()).json().getString("link");
    assertEquals(200, api.post("/api/invitations/accept", new JsonObject().put("token",
        link.substring(link.indexOf("#invite=") + 8)).put("password", PASSWORD).encode(), null).status());

    JsonObject session = api.post("/api/sessions", new JsonObject().put("title", "Phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = session.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(session.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      for (int i = 1; i <= 4; i++) {
        resident.act(Msg.ask("Câu hỏi " + i + " về rác thải"));
      }
      moderator.next(f -> "question".equals(f.getString("type"))
          && "4".equals(f.getJsonObject("question").getString("id")), "question 4");
      Moderation.ok(moderator, followUp("1", "tnmt-a", TODAY.plusDays(1)));
      Moderation.ok(moderator, followUp("2", "tnmt-a", TODAY.minusDays(2)));
      Moderation.ok(moderator, followUp("3", "tnmt-a", TODAY.plusDays(10)));
      Moderation.ok(moderator, followUp("4", "xd-a", TODAY));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/questions/4/answer",
        new JsonObject().put("text", "Đã trả lời.").encode(), TestNodes.ADMIN_TOKEN).status());

    // a node with mail whose own timer sweeps every 100 ms, on the same PostgreSQL
    Map<String, Object> settings = new java.util.HashMap<>(mailSettings());
    settings.put("inbox.reminderIntervalMs", 100);
    mailing = startNode(databaseUrl, settings);
    // and two more sweepers, as two more nodes would run them, at once
    TownhallConfig config = ConfigLoader.load(Map.of(), mailSettings());
    List<PgBackend> pgs = List.of(Await.result(PgBackend.connect(vertx, databaseUrl, config.database()), 60),
        Await.result(PgBackend.connect(vertx, databaseUrl, config.database()), 60));
    List<Mailer> mailers = List.of(SmtpMailer.of(vertx, config.mail()), SmtpMailer.of(vertx, config.mail()));
    List<InboxReminders> sweepers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      sweepers.add(new InboxReminders(pgs.get(i).inbox(), pgs.get(i).organizations(), mailers.get(i),
          Clock.systemUTC(), ZONE, 2, "https://townhall.example.vn"));
    }
    try {
      for (int round = 0; round < 3; round++) {
        Await.result(Future.all(sweepers.get(0).sweep(), sweepers.get(1).sweep()), 30);
      }
      Await.until(() -> smtp.getReceivedMessages().length >= 4, 20, "4 reminders");
      // the node's timer keeps sweeping: let it run a few more rounds, then the sweepers once more
      for (int round = 0; round < 3; round++) {
        Await.result(Future.all(sweepers.get(0).sweep(), sweepers.get(1).sweep()), 30);
      }
    } finally {
      for (int i = 0; i < 2; i++) {
        Await.result(mailers.get(i).close(), 10);
        Await.result(pgs.get(i).close(), 10);
      }
    }

    Map<String, List<String>> byRecipient = new TreeMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      byRecipient.computeIfAbsent(message.getRecipients(Message.RecipientType.TO)[0].toString(),
          k -> new ArrayList<>()).add(message.getSubject());
    }
    assertEquals(List.of("responder.tnmt-a@example.vn", "second@example.vn"), List.copyOf(byRecipient.keySet()),
        "tnmt-a's two responders; nothing to xd-a, whose question was answered: " + byRecipient);
    for (List<String> subjects : byRecipient.values()) {
      assertEquals(2, subjects.size(), "one reminder per question and day, whatever the sweepers: " + subjects);
      assertTrue(subjects.stream().anyMatch(s -> s.startsWith("Quá hạn 2 ngày")), subjects::toString);
      assertTrue(subjects.stream().anyMatch(s -> s.startsWith("Sắp đến hạn " + TODAY.plusDays(1))),
          subjects::toString);
    }
    assertEquals(List.of("1/due", "2/overdue"), claims(), "claimed once each, for today");
  }

  private List<String> claims() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = postgres.connect(TestPostgres.databaseOf(databaseUrl)); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT question_id, kind, day FROM inbox_reminders ORDER BY question_id")) {
      while (r.next()) {
        assertEquals(TODAY, r.getObject("day", LocalDate.class));
        rows.add(r.getString("question_id") + "/" + r.getString("kind"));
      }
    }
    return rows;
  }
}

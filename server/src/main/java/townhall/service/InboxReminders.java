package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.logging.Logger;
import townhall.domain.InboxItem;
import townhall.logging.LogLine;
import townhall.mail.Mailer;
import townhall.mail.OutgoingMail;
import townhall.store.InboxStore;
import townhall.store.OrganizationStore;

/**
 * Reminds an agency's responders by email of a question waiting in its inbox: from {@code daysBefore} days before
 * its due date ({@code due}), and once it is overdue ({@code overdue}). Every node runs the sweep on its own timer;
 * a reminder is claimed in PostgreSQL first ({@link InboxStore#claimReminder}: one row per item, day and kind), and
 * only the node whose claim inserted the row sends it: at most once per item and day whatever the number of nodes.
 * An answered question has left the inbox, so nothing is sent for it. A mail server that refuses loses that day's
 * reminder (the claim stays): a reminder is never sent twice, the next day's is tried again.
 */
public final class InboxReminders {
  private static final Logger LOG = Logger.getLogger(InboxReminders.class.getName());

  private final InboxStore store;
  private final OrganizationStore organizations;
  private final Mailer mailer;
  private final Clock clock;
  private final ZoneId zone;
  private final int daysBefore;
  private final String publicUrl;

  /** @param zone the deployment's time zone ({@code record.timeZone}): the day a reminder belongs to */
  public InboxReminders(InboxStore store, OrganizationStore organizations, Mailer mailer, Clock clock, ZoneId zone,
      int daysBefore, String publicUrl) {
    this.store = store;
    this.organizations = organizations;
    this.mailer = mailer;
    this.clock = clock;
    this.zone = zone;
    this.daysBefore = daysBefore;
    this.publicUrl = publicUrl;
  }

  /** One round: answers the number of reminders this node claimed (and sent to the responders it found). */
  public Future<Integer> sweep() {
    if (!mailer.sends()) {
      return Future.succeededFuture(0);
    }
    LocalDate today = LocalDate.now(clock.withZone(zone));
    return store.dueBy(today.plusDays(daysBefore)).compose(items -> {
      Future<Integer> sent = Future.succeededFuture(0);
      for (InboxItem item : items) {
        String kind = item.due().isBefore(today) ? "overdue" : "due";
        sent = sent.compose(count -> store.claimReminder(item.sessionId(), item.questionId(), today, kind)
            .compose(claimed -> claimed ? remind(item, kind, today).map(count + 1) : Future.succeededFuture(count)));
      }
      return sent;
    });
  }

  private Future<Void> remind(InboxItem item, String kind, LocalDate today) {
    return organizations.findBySlug(item.agency()).compose(agency -> store.responderEmails(item.agency())
        .compose(emails -> {
          String language = agency.map(a -> a.language()).orElse("vi");
          String name = agency.map(a -> a.name()).orElse(item.agency());
          Future<Void> each = Future.succeededFuture();
          for (String email : emails) {
            OutgoingMail mail = ReminderTexts.reminder(email, language, name, item, kind, item.daysOverdue(today),
                publicUrl);
            each = each.compose(done -> mailer.send(mail).recover(e -> {
              LogLine.of(LOG).with("sessionId", item.sessionId()).with("questionId", item.questionId())
                  .warning("A reminder was not accepted by the mail server; tomorrow's is tried", e);
              return Future.succeededFuture();
            }));
          }
          return each;
        }));
  }

  /** The words of a reminder, in the agency's language (Vietnamese, else English). */
  static final class ReminderTexts {
    private ReminderTexts() {
    }

    static OutgoingMail reminder(String to, String language, String agency, InboxItem item, String kind,
        long daysOverdue, String publicUrl) {
      boolean vi = !"en".equals(language);
      boolean overdue = "overdue".equals(kind);
      String due = item.due().toString();
      String subject = vi
          ? (overdue ? "Quá hạn " + daysOverdue + " ngày: câu hỏi chờ " + agency + " trả lời"
              : "Sắp đến hạn " + due + ": câu hỏi chờ " + agency + " trả lời")
          : (overdue ? "Overdue by " + daysOverdue + " days: a question waits for " + agency + "'s answer"
              : "Due " + due + ": a question waits for " + agency + "'s answer");
      String link = publicUrl + "/inbox/" + item.agency();
      List<String> paragraphs = vi
          ? List.of("Xin chào,", "Câu hỏi sau được chuyển đến " + agency + ", hạn trả lời " + due
              + (overdue ? " (đã quá hạn " + daysOverdue + " ngày)." : "."), "« " + item.text() + " »",
              "Soạn câu trả lời trong hộp thư của cơ quan:")
          : List.of("Hello,", "This question was referred to " + agency + ", due " + due
              + (overdue ? " (overdue by " + daysOverdue + " days)." : "."), "“" + item.text() + "”",
              "Draft the answer in the agency's inbox:");
      StringBuilder text = new StringBuilder();
      StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
      for (String paragraph : paragraphs) {
        text.append(paragraph).append("\n\n");
        html.append("<p>").append(MailTexts.escape(paragraph)).append("</p>");
      }
      text.append(link).append("\n");
      html.append("<p><a href=\"").append(MailTexts.escape(link)).append("\">").append(MailTexts.escape(link))
          .append("</a></p></body></html>");
      return new OutgoingMail(to, subject.replaceAll("\\p{Cntrl}", " "), text.toString(), html.toString());
    }
  }
}

package townhall.domain;

import java.time.LocalDate;

/**
 * A question that stands referred to an agency with no written answer published since: a line of the agency's inbox.
 *
 * @param referredAt when the latest referral was chained (ms)
 * @param text       the question's text as it stands (the agency's people read it even where the public record
 *                   withholds it)
 * @param followCode its public follow-up code, or {@code null}
 */
public record InboxItem(String sessionId, String questionId, String agency, LocalDate due, long referredAt,
    String text, String followCode) {

  /** Days past the due date on {@code today}; 0 when not overdue. */
  public long daysOverdue(LocalDate today) {
    return Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(due, today));
  }
}

package townhall.domain.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Where a question's follow-up stands, read from its steps ({@link QuestionRecord#followUp()}, oldest first) alone,
 * so the tracker, the record's CSV and anyone re-reading the chain come to the same figures (docs/record.md, "The
 * public tracker"):
 * <ul>
 *   <li>the <b>agency</b> is the one of the latest {@code referred} or {@code referredUp} step (a re-referral moves
 *       it); the <b>due date</b> the one of the latest step that carries one ({@code promised}, {@code referred},
 *       {@code referredUp});</li>
 *   <li>the <b>latest step</b> decides the state: {@code answered} — answered <b>on time</b> when the answer's date,
 *       in the organization's time zone, is on or before the due date in force (or there was none), else
 *       <b>late</b>; {@code promised}, {@code referred}, {@code referredUp} — <b>open</b>, and <b>overdue</b> once
 *       today is after its due date; {@code noted}, {@code outOfRemit} — <b>closed</b> without a written answer.</li>
 * </ul>
 */
public final class FollowUpState {
  private static final String ANSWERED = "answered";

  /** What the latest step says of the item. */
  public enum Kind {
    /** A written answer published on or before the due date in force (or without one). */
    ANSWERED_ON_TIME,
    /** A written answer published after the due date in force. */
    ANSWERED_LATE,
    /** Promised or referred, waiting for an answer. */
    OPEN,
    /** Noted for consideration, or not within the organization's remit: no written answer is due. */
    CLOSED
  }

  private FollowUpState() {
  }

  /** The agency the question stands referred to, or {@code null}. */
  public static String agency(List<QuestionRecord.FollowUp> steps) {
    String agency = null;
    for (QuestionRecord.FollowUp step : steps) {
      if ("referred".equals(step.step()) || "referredUp".equals(step.step())) {
        agency = step.agency();
      }
    }
    return agency;
  }

  /** The due date in force ({@code YYYY-MM-DD}), or {@code null}. */
  public static String due(List<QuestionRecord.FollowUp> steps) {
    String due = null;
    for (QuestionRecord.FollowUp step : steps) {
      if (step.due() != null) {
        due = step.due();
      }
    }
    return due;
  }

  /** When the latest written answer was published (ms), or {@code null}. */
  public static Long answeredAt(List<QuestionRecord.FollowUp> steps) {
    Long at = null;
    for (QuestionRecord.FollowUp step : steps) {
      if (ANSWERED.equals(step.step())) {
        at = step.at();
      }
    }
    return at;
  }

  /** The item's state by its latest step; {@code null} for a question without steps (not followed up). */
  public static Kind kind(List<QuestionRecord.FollowUp> steps, ZoneId zone) {
    if (steps.isEmpty()) {
      return null;
    }
    QuestionRecord.FollowUp last = steps.get(steps.size() - 1);
    return switch (last.step()) {
      case ANSWERED -> {
        String due = due(steps);
        LocalDate answered = LocalDate.ofInstant(Instant.ofEpochMilli(last.at()), zone);
        yield due == null || !answered.isAfter(LocalDate.parse(due)) ? Kind.ANSWERED_ON_TIME : Kind.ANSWERED_LATE;
      }
      case "promised", "referred", "referredUp" -> Kind.OPEN;
      default -> Kind.CLOSED;
    };
  }

  /** Whole days past the due date on {@code today} (0 when not past it, or no due date). */
  public static long daysOverdue(List<QuestionRecord.FollowUp> steps, LocalDate today) {
    String due = due(steps);
    if (due == null) {
      return 0;
    }
    return Math.max(0, ChronoUnit.DAYS.between(LocalDate.parse(due), today));
  }
}

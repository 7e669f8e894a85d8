package townhall.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * A checked follow-up step: {@code promised}, {@code referred} and {@code referredUp} need a due date;
 * {@code referred} and {@code referredUp} an agency (its slug; which agencies a session may refer to is checked
 * against the organizations, not here) and no other step takes one; {@code outOfRemit} needs its reason in
 * {@code note}; {@code note} is optional for the others.
 *
 * @param due  {@code null} when the step takes none
 * @param note {@code null} when none was written
 */
public record FollowUp(FollowUpStep step, String agency, LocalDate due, String note) {
  public static final int NOTE_LENGTH = 500;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(ResolverStyle.STRICT);

  /** The step from its wire fields; {@code bad_request} (or {@code too_long}) for anything else. */
  public static FollowUp of(String stepName, String agency, String due, String note) {
    FollowUpStep step = FollowUpStep.fromWireName(stepName);
    if (step == null) {
      throw DomainException.badRequest("'step' is one of promised, referred, referredUp, noted, outOfRemit");
    }
    if (step.needsAgency() && (agency == null || agency.isBlank())) {
      throw DomainException.badRequest("'" + step.wireName() + "' needs an 'agency' (its slug)");
    }
    if (!step.needsAgency() && agency != null) {
      throw DomainException.badRequest("Only referred and referredUp name an 'agency'");
    }
    LocalDate dueDate = null;
    if (due != null) {
      try {
        dueDate = LocalDate.parse(due, DATE);
      } catch (DateTimeParseException e) {
        throw DomainException.badRequest("'due' is a date written YYYY-MM-DD");
      }
    } else if (step.needsDue()) {
      throw DomainException.badRequest("'" + step.wireName() + "' needs a 'due' date (YYYY-MM-DD)");
    }
    if (dueDate != null && !step.needsDue()) {
      throw DomainException.badRequest("Only promised, referred and referredUp take a 'due' date");
    }
    String cleanNote = null;
    if (step.needsNote() || (note != null && !note.isBlank())) {
      if (step.needsNote() && (note == null || note.isBlank())) {
        throw DomainException.badRequest("'outOfRemit' needs the reason in 'note'");
      }
      cleanNote = TextRules.answer(note, NOTE_LENGTH);
    }
    return new FollowUp(step, agency, dueDate, cleanNote);
  }

  /** The due date as written on the wire and in the record, or {@code null}. */
  public String dueText() {
    return due == null ? null : due.format(DATE);
  }
}

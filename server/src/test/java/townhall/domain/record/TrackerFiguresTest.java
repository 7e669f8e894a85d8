package townhall.domain.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracker's rules on items built by hand: dates in the organization's zone, re-referrals, closing steps. */
class TrackerFiguresTest {
  private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final LocalDate TODAY = LocalDate.of(2027, 3, 10);

  private static long at(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, HCM).toInstant().toEpochMilli();
  }

  private static QuestionRecord.FollowUp step(String step, String agency, String due, long at) {
    return new QuestionRecord.FollowUp(at, step, agency, due, null, "organizer");
  }

  private static TrackedSession.Item item(String id, String topic, QuestionRecord.Satisfaction satisfaction,
      QuestionRecord.FollowUp... steps) {
    return new TrackedSession.Item(id, null, "Câu " + id, topic, List.of(steps), satisfaction);
  }

  @Test
  void anAnswerOnItsDueDayIsOnTimeInTheOrganizationsZoneEvenWhenUtcSaysTheNextDay() {
    List<QuestionRecord.FollowUp> steps = List.of(step("referred", "tnmt", "2027-03-01", at(2027, 2, 1, 9, 0)),
        // 23:30 in Hồ Chí Minh City on the due day is 16:30 UTC the same day; 06:30 the next morning is late
        step("answered", "tnmt", null, at(2027, 3, 1, 23, 30)));
    assertEquals(FollowUpState.Kind.ANSWERED_ON_TIME, FollowUpState.kind(steps, HCM));
    List<QuestionRecord.FollowUp> late = List.of(steps.get(0), step("answered", "tnmt", null, at(2027, 3, 2, 6, 30)));
    assertEquals(FollowUpState.Kind.ANSWERED_LATE, FollowUpState.kind(late, HCM));
    assertEquals(FollowUpState.Kind.ANSWERED_ON_TIME, FollowUpState.kind(late, ZoneId.of("Pacific/Honolulu")),
        "the same instant is still the 1st in Honolulu");
  }

  @Test
  void aReReferralMovesTheAgencyAndTheDueDateAndClosingStepsCloseTheItem() {
    TrackedSession session = new TrackedSession("s1", "Phiên 1", "phuong-a", "tiep-xuc", "Tiếp xúc", List.of(
        item("1", "moi-truong", QuestionRecord.Satisfaction.NONE,
            step("referred", "tnmt", "2027-03-01", 1), step("referredUp", "qldt", "2027-03-20", 2)),
        item("2", null, QuestionRecord.Satisfaction.NONE, step("referred", "tnmt", "2027-03-05", 1)),
        item("3", null, QuestionRecord.Satisfaction.NONE, step("promised", null, "2027-03-09", 1)),
        item("4", null, QuestionRecord.Satisfaction.NONE, step("referred", "tnmt", "2027-03-05", 1),
            step("outOfRemit", null, null, 2)),
        item("5", "moi-truong", new QuestionRecord.Satisfaction(3, 1), step("referred", "tnmt", "2027-04-01", 1),
            step("answered", "tnmt", null, at(2027, 3, 8, 10, 0)))));
    TrackerFigures.Figures all = TrackerFigures.of(List.of(session), TrackerFigures.Filter.NONE, TODAY, HCM);

    assertEquals(List.of("2", "3", "1"), all.open().stream().map(o -> o.item().questionId()).toList(),
        "most overdue first");
    assertEquals(List.of(5L, 1L, 0L), all.open().stream().map(TrackerFigures.OpenItem::daysOverdue).toList());
    assertEquals(List.of("phuong-a", "qldt", "tnmt"), all.open().stream().map(TrackerFigures.OpenItem::agency)
        .sorted().toList(), "a promise without referral counts for the session's organization");
    TrackerFigures.Counts tnmt = all.agencies().stream().filter(c -> c.agency().equals("tnmt")).findFirst()
        .orElseThrow();
    assertEquals(new TrackerFigures.Counts("tnmt", 1, 0, 1, 1, 1, 3, 1), tnmt);
    assertEquals(0.75, tnmt.satisfactionRate());
    assertNull(all.agencies().get(0).satisfactionRate(), "nobody rated phuong-a's item");
    assertEquals(new TrackerFigures.Counts(null, 1, 0, 3, 2, 1, 3, 1), all.totals());
    assertEquals(List.of("moi-truong"), all.choices().topics());
    assertEquals(List.of("phuong-a/tiep-xuc"), List.copyOf(all.choices().series().keySet()));

    TrackerFigures.Figures topic = TrackerFigures.of(List.of(session),
        new TrackerFigures.Filter(null, null, null, "moi-truong"), TODAY, HCM);
    assertEquals(List.of("1"), topic.open().stream().map(o -> o.item().questionId()).toList());
    assertEquals(new TrackerFigures.Counts(null, 1, 0, 1, 0, 0, 3, 1), topic.totals());
    assertEquals(List.of("moi-truong"), topic.choices().topics(), "choices stay whole under a filter");
  }
}

package townhall.domain.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.ModerationAction;
import townhall.domain.QuestionStatus;
import townhall.domain.Session;
import townhall.domain.SessionStatus;

/** How a record is derived from its chain: fates, stage times, the tally, the median and the activity buckets. */
class RecordFoldTest {
  private final List<ChainEntry> entries = new ArrayList<>();

  private long next() {
    return entries.size() + 1;
  }

  private void add(ChainEntry entry) {
    entries.add(entry);
  }

  private ChainEntry.Moderated act(long at, String q, ModerationAction action, int by) {
    return new ChainEntry.Moderated(next(), at, q, action, by, null, null, null, null);
  }

  private SessionRecord fold(Session current) {
    return RecordFold.fold(new RecordFold.Inputs(current, List.of(), entries, Map.of("1", 7), 3, List.of(),
        List.of(), 10_000));
  }

  private void created() {
    add(new ChainEntry.Created(next(), 0, "S1", "Phiên", Moderation.PRE, true, Language.VI));
  }

  @Test
  void restoringAnAnsweredQuestionLeavesItAnsweredAndRestoringARejectedOneClearsTheReason() {
    created();
    add(new ChainEntry.Asked(next(), 100, "1", "Một", null, QuestionStatus.PENDING));
    add(new ChainEntry.Asked(next(), 110, "2", "Hai", "Lan", QuestionStatus.PENDING));
    add(act(200, "1", ModerationAction.APPROVE, 1));
    add(act(300, "1", ModerationAction.ANSWER, 1));
    add(act(400, "1", ModerationAction.ARCHIVE, 2));
    add(act(500, "1", ModerationAction.RESTORE, 2));
    add(new ChainEntry.Moderated(next(), 600, "2", ModerationAction.REJECT, 1, null, "Lạc đề", null, null));
    add(act(700, "2", ModerationAction.RESTORE, 1));
    SessionRecord record = fold(null);
    QuestionRecord one = record.questions().get(0);
    assertEquals(QuestionStatus.ANSWERED, one.status());
    assertEquals(Fate.ANSWERED, one.fate());
    assertEquals(300L, one.answeredAt());
    assertNull(one.answer(), "answered without a written answer");
    QuestionRecord two = record.questions().get(1);
    assertEquals(Fate.OPEN, two.fate());
    assertEquals(QuestionStatus.LIVE, two.status());
    assertNull(two.rejectionReason());
    assertEquals("Lạc đề", two.steps().get(0).reason(), "the step keeps the reason");
    assertFalse(record.votesFinal(), "not closed: the live counts");
    assertEquals(7, one.votes());
    assertEquals(3, record.totals().participants());
  }

  @Test
  void stageTimesFollowTheStageFromQuestionToQuestion() {
    created();
    add(new ChainEntry.Asked(next(), 100, "1", "Một", null, QuestionStatus.LIVE));
    add(new ChainEntry.Asked(next(), 110, "2", "Hai", null, QuestionStatus.LIVE));
    add(new ChainEntry.Staged(next(), 200, "1"));
    add(new ChainEntry.Staged(next(), 300, "2"));
    add(new ChainEntry.Staged(next(), 400, null));
    add(new ChainEntry.Staged(next(), 500, "1"));
    SessionRecord record = fold(null);
    assertEquals(List.of(new QuestionRecord.StageSpell(200, 300L), new QuestionRecord.StageSpell(500, null)),
        record.questions().get(0).stage());
    assertEquals(List.of(new QuestionRecord.StageSpell(300, 400L)), record.questions().get(1).stage());
  }

  @Test
  void closingTakesTheTallyFromTheChainAndReopeningGivesItBack() {
    created();
    add(new ChainEntry.Asked(next(), 100, "1", "Một", null, QuestionStatus.LIVE));
    add(new ChainEntry.StatusChanged(next(), 200, 1, SessionStatus.OPEN, SessionStatus.CLOSED, Map.of("1", 4), 9));
    add(new ChainEntry.Published(next(), 250, 0));
    SessionRecord closed = fold(null);
    assertTrue(closed.votesFinal());
    assertEquals(4, closed.questions().get(0).votes());
    assertEquals(9, closed.totals().participants());
    assertEquals(200L, closed.closedAt());
    assertEquals(250L, closed.publishedAt());

    add(new ChainEntry.StatusChanged(next(), 300, 1, SessionStatus.CLOSED, SessionStatus.OPEN, null, null));
    add(new ChainEntry.Published(next(), 350, 0));
    SessionRecord reopened = fold(null);
    assertFalse(reopened.votesFinal());
    assertEquals(7, reopened.questions().get(0).votes());
    assertNull(reopened.closedAt());
    assertEquals(250L, reopened.publishedAt(), "published the first time");
  }

  @Test
  void aChainWithoutItsCreationNeedsTheStoredSession() {
    add(new ChainEntry.Asked(next(), 100, "1", "Một", null, QuestionStatus.LIVE));
    add(act(200, "9", ModerationAction.APPROVE, 1));
    assertThrows(IllegalArgumentException.class, () -> fold(null));
    Session stored = new Session("S1", "123456", "Phiên cũ", SessionStatus.PAUSED, Moderation.POST, false,
        Language.EN, 500, 50);
    SessionRecord record = fold(stored);
    assertEquals("Phiên cũ", record.title());
    assertEquals(SessionStatus.PAUSED, record.status());
    assertEquals(1, record.questions().size(), "a step on a question asked before the chain is left out");
  }

  @Test
  void medianIsTheMiddleOrTheMeanOfTheTwoMiddles() {
    assertNull(RecordFold.median(List.of()));
    assertEquals(5L, RecordFold.median(List.of(9L, 1L, 5L)));
    assertEquals(4L, RecordFold.median(List.of(1L, 3L, 5L, 100L)));
    assertEquals(2L, RecordFold.median(List.of(2L, 3L)), "rounded down");
  }

  @Test
  void activityKeepsAtMostSixtyBucketsAndCountsTimesOutsideAtTheEdges() {
    RecordActivity halfHour = RecordActivity.of(0, 30 * 60_000, List.of(-5L, 0L, 59_999L, 60_000L),
        List.of(30 * 60_000L + 1), List.of());
    assertEquals(60_000, halfHour.bucketMs());
    assertEquals(30, halfHour.joins().size());
    assertEquals(List.of(3, 1), halfHour.joins().subList(0, 2));
    assertEquals(1, halfHour.questions().get(29));
    RecordActivity day = RecordActivity.of(0, 24 * 3_600_000L, List.of(), List.of(), List.of());
    assertTrue(day.joins().size() <= 60, "buckets: " + day.joins().size());
    assertEquals(1_800_000, day.bucketMs());
  }

  @Test
  void activityBucketsStartAtRoundTimes() {
    long createdAt = 1_796_547_797_000L; // 09:03:17 +07:00
    RecordActivity hour = RecordActivity.of(createdAt, createdAt + 3_600_000L, List.of(createdAt), List.of(),
        List.of());
    assertEquals(0, hour.from() % hour.bucketMs(), "the first bucket starts on a round time");
    assertTrue(hour.from() <= createdAt && createdAt - hour.from() < hour.bucketMs());
    assertEquals(1, hour.joins().get(0), "the creation falls in the first bucket");
    assertTrue(hour.joins().size() <= 60);
  }
}

package townhall.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.Participant;
import townhall.domain.Question;
import townhall.domain.QuestionStatus;
import townhall.domain.Role;
import townhall.domain.Session;
import townhall.domain.SessionEvent;
import townhall.domain.SessionStatus;
import townhall.store.EventLog;

/** Paging through a view meets every question exactly once in both orders, however votes move meanwhile. */
class QuestionPagingTest {
  private static final Session SESSION = new Session("s1", "123456", "Phiên", SessionStatus.OPEN, Moderation.POST,
      true, Language.VI, 500, 1L);
  private static final Participant RESIDENT = new Participant("s1", "reader", Role.RESIDENT);
  private static final Participant MODERATOR = new Participant("s1", "mod", Role.MODERATOR);

  private final QuestionPager pager = new QuestionPager();

  private static SessionView viewOf(int questions, Random random) {
    List<Question> all = new ArrayList<>();
    for (int i = 1; i <= questions; i++) {
      QuestionStatus status = random.nextInt(10) == 0 ? QuestionStatus.PENDING : QuestionStatus.LIVE;
      all.add(new Question(Integer.toString(i), "Câu hỏi " + i, null, "a" + random.nextInt(20), status,
          random.nextInt(30), i, null, null, false, null, 0, false, null));
    }
    return SessionView.of(new EventLog.SessionState(SESSION, questions, "e1", null, 0, 0, all, List.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"popular", "recent"})
  void everyVisibleQuestionComesExactlyOnceWhileVotesChange(String order) {
    Random random = new Random(order.hashCode());
    SessionView view = viewOf(537, random);
    Set<String> visible = new HashSet<>();
    view.questions().forEach(q -> {
      if (q.status().visibleToResidents()) {
        visible.add(q.id());
      }
    });
    List<String> seen = new ArrayList<>();
    long version = 1;
    String cursor = null;
    int pages = 0;
    do {
      QuestionPager.Result page = pager.page(view, RESIDENT, order, cursor, 1 + random.nextInt(40), null);
      page.questions().forEach(q -> seen.add(q.id()));
      cursor = page.cursor();
      // votes move under the reader: some questions shoot up, some drop back
      for (int i = 0; i < 25; i++) {
        String id = Integer.toString(1 + random.nextInt(537));
        view.count(id, new SessionEvent.VoteCount(random.nextInt(100), ++version));
      }
      assertTrue(++pages < 1000, "paging ends");
    } while (cursor != null);

    assertEquals(seen.size(), new HashSet<>(seen).size(), "no question twice");
    assertEquals(visible, new HashSet<>(seen), "every visible question once");
  }

  @Test
  void popularPagesGoFromMostVotesDownAsTheOrderWasWhenPagingBegan() {
    SessionView view = viewOf(120, new Random(7));
    QuestionPager.Result first = pager.page(view, RESIDENT, "popular", null, 50, null);
    for (int i = 1; i < first.questions().size(); i++) {
      assertTrue(first.questions().get(i - 1).votes() >= first.questions().get(i).votes());
    }
  }

  @Test
  void moderatorsPageOneStatus() {
    SessionView view = viewOf(300, new Random(3));
    long pending = view.questions().stream().filter(q -> q.status() == QuestionStatus.PENDING).count();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      QuestionPager.Result page = pager.page(view, MODERATOR, "recent", cursor, 7, "pending");
      page.questions().forEach(q -> {
        assertEquals(QuestionStatus.PENDING, q.status());
        assertTrue(seen.add(q.id()));
      });
      cursor = page.cursor();
    } while (cursor != null);
    assertEquals(pending, seen.size());
  }

  /** The resident page's "answered" filter reads the answered questions the bounded welcome left out. */
  @ParameterizedTest
  @ValueSource(strings = {"popular", "recent"})
  void residentsPageTheAnsweredQuestionsAlone(String order) {
    List<Question> all = new ArrayList<>();
    for (int i = 1; i <= 90; i++) {
      QuestionStatus status = i % 3 == 0 ? QuestionStatus.ANSWERED : i % 3 == 1 ? QuestionStatus.LIVE
          : QuestionStatus.PENDING;
      all.add(new Question(Integer.toString(i), "Câu hỏi " + i, null, "a" + i, status, i % 7, i, null, null, false,
          null, 0, false, null));
    }
    SessionView view = SessionView.of(new EventLog.SessionState(SESSION, 90, "e1", null, 0, 0, all, List.of()));
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      QuestionPager.Result page = pager.page(view, RESIDENT, order, cursor, 8, "answered");
      page.questions().forEach(q -> {
        assertEquals(QuestionStatus.ANSWERED, q.status());
        assertTrue(seen.add(q.id()), "once");
      });
      cursor = page.cursor();
    } while (cursor != null);
    assertEquals(30, seen.size());
  }

  @Test
  void residentsCannotPageByStatusNorWithAForgedCursor() {
    SessionView view = viewOf(10, new Random(1));
    DomainException status = assertThrows(DomainException.class,
        () -> pager.page(view, RESIDENT, "recent", null, 5, "pending"));
    assertEquals(ErrorCode.FORBIDDEN, status.code());
    DomainException cursor = assertThrows(DomainException.class,
        () -> pager.page(view, RESIDENT, "popular", "p99.0", 5, null));
    assertEquals(ErrorCode.CONFLICT, cursor.code());
    assertEquals(ErrorCode.BAD_REQUEST, assertThrows(DomainException.class,
        () -> pager.page(view, RESIDENT, "recent", "rx", 5, null)).code());
  }

  @Test
  void theLastPageHasNoCursor() {
    SessionView view = viewOf(3, new Random(2));
    assertNull(pager.page(view, MODERATOR, "recent", null, 10, null).cursor());
  }
}

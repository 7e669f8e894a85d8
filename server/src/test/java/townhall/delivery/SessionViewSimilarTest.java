package townhall.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.Question;
import townhall.domain.QuestionStatus;
import townhall.domain.Session;
import townhall.domain.SessionEvent;
import townhall.domain.SessionStatus;
import townhall.similar.SimilarQuestions;
import townhall.store.EventLog;

/**
 * The similar-questions index a view keeps holds, after any run of question events, exactly the questions residents
 * may see and are not merged, each with its newest text: a question that becomes public or is edited is indexed;
 * one rejected, withdrawn, merged or pending is not.
 */
class SessionViewSimilarTest {
  private static final Session SESSION = new Session("s1", "123456", "Phiên", SessionStatus.OPEN, Moderation.PRE,
      true, Language.VI, 500, 1L);

  /** What an index was told, as the id → text it would hold. */
  private static final class RecordingIndex implements SimilarQuestions {
    final Map<String, String> held = new HashMap<>();

    @Override
    public void reset(Collection<Indexed> questions) {
      held.clear();
      questions.forEach(q -> held.put(q.id(), q.text()));
    }

    @Override
    public void put(String id, String text) {
      held.put(id, text);
    }

    @Override
    public void remove(String id) {
      held.remove(id);
    }

    @Override
    public Future<List<Match>> similar(String text, int limit) {
      return Future.succeededFuture(List.of());
    }

    @Override
    public void close() {
    }
  }

  private static Question question(int id, QuestionStatus status, String text, String mergedInto) {
    return new Question(Integer.toString(id), text, null, "a" + id, status, 0, id, null, mergedInto, false, null, 0,
        false, null);
  }

  @Test
  void theIndexFollowsThePublicQuestionsThroughAnyRunOfEvents() {
    Random random = new Random(17);
    QuestionStatus[] statuses = QuestionStatus.values();
    List<Question> first = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      first.add(question(i, statuses[random.nextInt(statuses.length)], "Câu hỏi " + i, null));
    }
    SessionView view = SessionView.of(new EventLog.SessionState(SESSION, 10, "e1", null, 0, 0, first, List.of()));
    RecordingIndex index = new RecordingIndex();
    view.keepSimilar(index);
    assertEquals(expected(view), index.held, "rebuilt from the view");

    for (long seq = 11; seq < 500; seq++) {
      int id = 1 + random.nextInt(40);
      String merged = random.nextInt(8) == 0 ? "1" : null;
      String text = "Câu hỏi " + id + (random.nextBoolean() ? " (sửa lại " + seq + ")" : "");
      Question changed = question(id, statuses[random.nextInt(statuses.length)], text, merged);
      view.apply(new SessionEvent.QuestionChanged("s1", seq, changed, changed.status().visibleToResidents()));
      assertEquals(expected(view), index.held, "after the event numbered " + seq);
    }
  }

  private static Map<String, String> expected(SessionView view) {
    Map<String, String> expected = new HashMap<>();
    for (Question q : view.questions()) {
      if (q.status().visibleToResidents() && q.mergedInto() == null) {
        expected.put(q.id(), q.text());
      }
    }
    return expected;
  }
}

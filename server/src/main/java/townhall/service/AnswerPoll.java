package townhall.service;

import io.vertx.core.Future;
import java.util.List;
import townhall.bus.PollAnnouncer;
import townhall.domain.ContentRules;
import townhall.domain.DomainException;
import townhall.domain.NewPoll;
import townhall.domain.Participant;
import townhall.domain.TextRules;
import townhall.domain.WordCloud;
import townhall.store.PollStore;

/**
 * A participant answers an open poll (or changes their answer). A text answer is one line of at most
 * {@link NewPoll#MAX_TEXT_ANSWER} characters; when the content rules flag it, it counts but is not shown (nor are
 * its words in the cloud). A shown text answer's words ({@link WordCloud#wordsOf}) go to the store with it. Changed
 * results are announced, coalesced.
 */
public final class AnswerPoll {
  private final PollStore store;
  private final PollAnnouncer announcer;
  private final ContentRules rules;
  private final WordCloud cloud;

  public AnswerPoll(PollStore store, PollAnnouncer announcer, ContentRules rules, WordCloud cloud) {
    this.store = store;
    this.announcer = announcer;
    this.rules = rules;
    this.cloud = cloud;
  }

  public Future<PollStore.Outcome> answer(Participant participant, String ref, String pollId, List<Integer> choices,
      Integer rating, String text) {
    String checked = null;
    boolean flagged = false;
    List<WordCloud.Found> words = List.of();
    try {
      if (text != null) {
        checked = TextRules.line(text, NewPoll.MAX_TEXT_ANSWER, "answer");
        flagged = rules.screen(checked).isFlagged();
        // found here, once, so the store counts them atomically with the answer (a flagged answer counts none)
        words = flagged ? List.of() : cloud.wordsOf(checked);
      }
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return store.answer(participant, ref, pollId, choices, rating, checked, flagged, words).onSuccess(outcome -> {
      // a repeated ref answers the first answer, which was announced then (or a later answer corrects it)
      if (outcome.changed() && !outcome.duplicate() && outcome.results() != null) {
        announcer.announce(participant.sessionId(), outcome.pollId(), outcome.results());
      }
    });
  }
}

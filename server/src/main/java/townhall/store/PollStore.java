package townhall.store;

import io.vertx.core.Future;
import townhall.domain.NewPoll;
import townhall.domain.Participant;
import townhall.domain.PollResults;

/**
 * The session's polls. Each write is one atomic step in the store that also remembers the participant's {@code ref}
 * (a repeated ref is not applied again and answers the first answer with {@code duplicate} set); refused actions
 * fail with a {@link townhall.domain.DomainException} and change nothing. Every change of a poll itself (prepared,
 * opened, closed, an answer hidden) is logged and published as a {@link townhall.domain.SessionEvent.PollChanged};
 * answers only change the results, which the caller announces (coalesced).
 */
public interface PollStore {

  /** What a poll write answered: the poll's id, and after an answer whether it changed the results and the results. */
  record Outcome(String pollId, boolean changed, PollResults results, boolean duplicate) {
  }

  /** Prepares a poll (a draft only moderators see). */
  Future<Outcome> create(Participant moderator, String ref, NewPoll poll);

  /** Opens a draft ({@code open}) or closes an open poll ({@code close}). */
  Future<Outcome> change(Participant moderator, String ref, String pollId, String action);

  /** Hides text answer number {@code answer} of a text poll from its results. */
  Future<Outcome> hide(Participant moderator, String ref, String pollId, int answer);

  /**
   * Records the participant's answer to an open poll, replacing theirs if they had one. {@code choices} (option
   * indexes) for a choice poll, {@code rating} (1-5) or {@code text} (already checked; {@code flagged} when the
   * content rules flagged it: it counts but is not shown) with its {@code words} (each once, see
   * {@link townhall.domain.WordCloud#wordsOf}), which the poll's word cloud counts while the answer is shown (an
   * answer's earlier words leave it when the answer changes or is hidden).
   */
  Future<Outcome> answer(Participant participant, String ref, String pollId, java.util.List<Integer> choices,
      Integer rating, String text, boolean flagged, java.util.List<townhall.domain.WordCloud.Found> words);
}

package townhall.service;

import io.vertx.core.Future;
import townhall.store.ActionResult;
import townhall.bus.VoteAnnouncer;
import townhall.domain.Participant;
import townhall.domain.SessionEvent;
import townhall.store.DialogueStore;

/** A participant upvotes or takes an upvote back; a changed count is announced, coalesced. */
public final class CastVote {
  private final DialogueStore store;
  private final VoteAnnouncer announcer;

  public CastVote(DialogueStore store, VoteAnnouncer announcer) {
    this.store = store;
    this.announcer = announcer;
  }

  public Future<ActionResult> vote(Participant voter, String ref, String questionId, boolean up) {
    return store.vote(voter, ref, questionId, up).onSuccess(result -> {
      if (!result.changed()) {
        return;
      }
      if (!result.duplicate()) {
        announcer.announce(voter.sessionId(), result.questionId(),
            new SessionEvent.VoteCount(result.votes(), result.voteVersion()));
      } else {
        // the first try may have been applied after its answer was lost (a timeout), and so never announced:
        // announce the count as it is now, never the stored first answer's (it may be stale)
        store.voteCount(voter.sessionId(), result.questionId())
            .onSuccess(count -> announcer.announce(voter.sessionId(), result.questionId(), count));
      }
    });
  }
}

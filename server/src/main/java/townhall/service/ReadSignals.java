package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.VoteSignals;
import townhall.store.SignalStore;

/** A moderator asks for the session's vote signals: read from the store, computed by the domain's rules. */
public final class ReadSignals {
  private final SignalStore store;
  private final VoteSignals.Thresholds thresholds;

  public ReadSignals(SignalStore store, VoteSignals.Thresholds thresholds) {
    this.store = store;
    this.thresholds = thresholds;
  }

  public Future<VoteSignals.Report> read(Participant moderator) {
    if (moderator.role() != Role.MODERATOR) {
      return Future.failedFuture(DomainException.forbidden("Only moderators can see the vote signals"));
    }
    return store.read(moderator.sessionId()).map(input -> VoteSignals.compute(input, thresholds));
  }
}

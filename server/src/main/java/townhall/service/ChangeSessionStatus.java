package townhall.service;

import io.vertx.core.Future;
import java.util.Map;
import townhall.store.ActionResult;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.SessionStatus;
import townhall.store.ModerationStore;

/** A moderator (or the organizer) opens, pauses or closes a session. */
public final class ChangeSessionStatus {
  private static final Map<String, SessionStatus> ACTIONS = Map.of(
      "open", SessionStatus.OPEN, "pause", SessionStatus.PAUSED, "close", SessionStatus.CLOSED);

  private final ModerationStore store;

  public ChangeSessionStatus(ModerationStore store) {
    this.store = store;
  }

  /** {@code action} is a wire name: {@code open}, {@code pause} or {@code close}. */
  public Future<ActionResult> change(Participant moderator, String ref, String action) {
    SessionStatus status = ACTIONS.get(action);
    if (status == null) {
      return Future.failedFuture(DomainException.badRequest("'action' must be open, pause or close"));
    }
    return store.changeStatus(moderator, ref, status);
  }

  /** The same for a target status (the HTTP form: {@code open}, {@code paused}, {@code closed}). */
  public Future<ActionResult> changeTo(Participant moderator, String ref, String status) {
    for (Map.Entry<String, SessionStatus> entry : ACTIONS.entrySet()) {
      if (entry.getValue().wireName().equals(status)) {
        return change(moderator, ref, entry.getKey());
      }
    }
    return Future.failedFuture(DomainException.badRequest("'status' must be open, paused or closed"));
  }
}

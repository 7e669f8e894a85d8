package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.store.AuditLog;
import townhall.store.CatalogStore;

/**
 * Opens sessions for questions and closes them on their schedule, by itself. Each round claims the due transitions
 * in PostgreSQL (one UPDATE each, so of several nodes running rounds at once each transition goes to one), then
 * makes them in Redis with a fixed ref per session and transition (a retry is applied once). A transition Redis
 * refused is given back and tried again next round.
 */
public final class ScheduleSessions {
  private final CatalogStore catalog;
  private final ChangeSessionStatus changeStatus;
  private final AuditLog audit;
  private final Clock clock;

  public ScheduleSessions(CatalogStore catalog, ChangeSessionStatus changeStatus, AuditLog audit, Clock clock) {
    this.catalog = catalog;
    this.changeStatus = changeStatus;
    this.audit = audit;
    this.clock = clock;
  }

  /** The organizer, as whom the schedule acts on a session (the record names the organizer, not a moderator). */
  static Participant organizer(String sessionId) {
    return new Participant(sessionId, "organizer", Role.MODERATOR);
  }

  /** One round; answers how many sessions it opened or closed. */
  public Future<Integer> run() {
    var now = clock.instant();
    return catalog.claimOpenings(now).compose(openings -> apply(openings, "open", true))
        .compose(opened -> catalog.claimClosings(now).compose(closings -> apply(closings, "closed", false))
            .map(closed -> opened + closed));
  }

  private Future<Integer> apply(List<CatalogStore.Claim> claims, String status, boolean opening) {
    List<Future<Boolean>> changes = new ArrayList<>();
    for (CatalogStore.Claim claim : claims) {
      String id = claim.sessionId();
      // noted in the session's organization, so its people see in its audit log what the schedule did
      changes.add(changeStatus.changeTo(organizer(id), "schedule-" + status, status)
          .compose(done -> audit.append("schedule", claim.organizationId(),
              opening ? "session.open" : "session.close", id))
          .map(true)
          .recover(e -> gone(e) ? Future.succeededFuture(false)
              : catalog.releaseClaim(id, opening).transform(released -> Future.succeededFuture(false))));
    }
    return Future.join(changes).transform(all -> Future.succeededFuture(
        (int) changes.stream().filter(f -> f.succeeded() && f.result()).count()));
  }

  /** The session is gone from Redis, or already in that state: nothing to retry. */
  private static boolean gone(Throwable e) {
    return e instanceof DomainException d && (d.code() == ErrorCode.NOT_FOUND || d.code() == ErrorCode.CONFLICT
        || d.code() == ErrorCode.CLOSED);
  }
}

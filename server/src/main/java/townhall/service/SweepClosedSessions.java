package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import townhall.store.Leases;
import townhall.store.SessionStore;
import townhall.store.SlipStore;

/**
 * The retention sweep: deletes every session closed longer than the retention time ago, and what is left of
 * sessions whose deletion was cut short. One node sweeps at a time (a lease that expires, so a node that dies while
 * sweeping does not stop the sweeps); sessions are deleted one after another, each as {@link DeleteSession} does.
 * With an archive, a published record is archived in its final state first, and a session whose record could not be
 * archived is kept for the next sweep: retention never erases a published record.
 */
public final class SweepClosedSessions {
  static final String LEASE = "retention";
  /** A session registered in the index less than this long ago may still be being created: left for later. */
  static final Duration CREATION_GRACE = Duration.ofMinutes(10);

  private final SessionStore sessions;
  private final Leases leases;
  private final Duration retention;
  private final Duration leaseTime;
  private final String owner;
  private final Clock clock;
  /** Null on a node without PostgreSQL. */
  private final RecordArchive archive;
  /** Null on a node without PostgreSQL. */
  private final SlipStore slips;

  public SweepClosedSessions(SessionStore sessions, Leases leases, Duration retention, Duration leaseTime,
      String owner, Clock clock) {
    this(sessions, leases, retention, leaseTime, owner, clock, null);
  }

  /**
   * @param retention how long a closed session is kept after it was closed
   * @param leaseTime how long the lease is held at most (longer than a sweep takes)
   * @param owner     this node's id, as the lease's holder
   * @param archive   where published records are archived before their session is deleted
   */
  public SweepClosedSessions(SessionStore sessions, Leases leases, Duration retention, Duration leaseTime,
      String owner, Clock clock, RecordArchive archive) {
    this(sessions, leases, retention, leaseTime, owner, clock, archive, null);
  }

  /** @param slips whose unpublished photos of paper slips go with their deleted session (null: none kept) */
  public SweepClosedSessions(SessionStore sessions, Leases leases, Duration retention, Duration leaseTime,
      String owner, Clock clock, RecordArchive archive, SlipStore slips) {
    this.slips = slips;
    this.archive = archive;
    this.sessions = sessions;
    this.leases = leases;
    this.retention = retention;
    this.leaseTime = leaseTime;
    this.owner = owner;
    this.clock = clock;
  }

  /** One sweep; answers how many sessions were deleted (0 when another node holds the lease). */
  public Future<Integer> sweep() {
    return leases.acquire(LEASE, owner, leaseTime).compose(held -> held
        ? deleteExpired().eventually(() -> leases.release(LEASE, owner))
        : Future.succeededFuture(0));
  }

  private Future<Integer> deleteExpired() {
    long now = clock.millis();
    long closedBefore = now - retention.toMillis();
    return sessions.registeredBefore(now - CREATION_GRACE.toMillis())
        .compose(ids -> deleteEach(ids, 0, closedBefore, 0));
  }

  private Future<Integer> deleteEach(List<String> ids, int index, long closedBefore, int deleted) {
    if (index == ids.size()) {
      return Future.succeededFuture(deleted);
    }
    return deleteIfDue(ids.get(index), closedBefore)
        .compose(gone -> deleteEach(ids, index + 1, closedBefore, deleted + (gone ? 1 : 0)));
  }

  private Future<Boolean> deleteIfDue(String id, long closedBefore) {
    return deleteSessionIfDue(id, closedBefore).compose(gone -> !gone || slips == null ? Future.succeededFuture(gone)
        // the session is gone whatever happens here; a photo left by a failure is deleted by hand (operations.md)
        : slips.dropUnpublished(id).map(true).otherwise(true));
  }

  private Future<Boolean> deleteSessionIfDue(String id, long closedBefore) {
    if (archive == null) {
      return sessions.deleteIfClosedBefore(id, closedBefore, null);
    }
    return sessions.closedAt(id).compose(closedAt -> {
      if (closedAt.isEmpty() || closedAt.get() >= closedBefore) {
        // open, paused, closed recently (kept by the script) or gone already (what is left of it is deleted)
        return sessions.deleteIfClosedBefore(id, closedBefore, null);
      }
      // deleted only while its chain is the one archived: a follow-up step appended in between keeps the session
      // until the next sweep archives it too (it would be lost otherwise)
      return archive.archive(id)
          .compose(archived -> sessions.deleteIfClosedBefore(id, closedBefore, archived))
          .recover(e -> Future.succeededFuture(false)); // kept until its record is archived
    });
  }
}

package townhall.service;

import io.vertx.core.Future;
import townhall.domain.Participant;
import townhall.domain.RateLimit;
import townhall.domain.Role;
import townhall.store.EventLog;
import townhall.store.RateLimiter;

/**
 * A client says hello: it gets its identity back (or a new one) and either the events it missed since {@code since}
 * or a full snapshot.
 */
public final class JoinSession {
  private final EventLog log;
  private final Tokens tokens;
  private final RandomIds ids;
  private final RateLimiter limiter;
  private final RateLimit newIdentities;
  private final RecordIdentity identities;

  /**
   * @param newIdentities how many new resident identities one client address may get
   * @param identities    where a new resident identity is recorded for the vote signals
   */
  public JoinSession(EventLog log, Tokens tokens, RandomIds ids, RateLimiter limiter, RateLimit newIdentities,
      RecordIdentity identities) {
    this.log = log;
    this.tokens = tokens;
    this.ids = ids;
    this.limiter = limiter;
    this.newIdentities = newIdentities;
    this.identities = identities;
  }

  /**
   * The result of a hello: exactly one of {@code snapshot} and {@code history} is set.
   *
   * @param token the participant's token, to be sent in later hellos
   */
  public record Joined(Participant participant, String token, EventLog.Snapshot snapshot, EventLog.History history) {
    /** The seq the client holds once it has applied this result. */
    public long seq() {
      return snapshot != null ? snapshot.seq() : history.seq();
    }
  }

  /**
   * Joins {@code sessionId} from {@code address}: with a valid token as that participant, without one as a new
   * resident (refused with {@code rate_limited} when the address made too many new identities lately).
   */
  public Future<Joined> join(String sessionId, String token, Long since, String epoch, String address) {
    var known = tokens.verify(token, sessionId);
    if (known.isPresent()) {
      return join(known.get(), since, epoch);
    }
    Participant resident = new Participant(sessionId, ids.participantId(), Role.RESIDENT);
    return limiter.take(RateLimiter.Bucket.IDENTITIES, address, newIdentities)
        .compose(ok -> identities.record(resident, address))
        .compose(recorded -> join(resident, since, epoch));
  }

  private Future<Joined> join(Participant participant, Long since, String epoch) {
    String sessionId = participant.sessionId();
    String ownToken = tokens.sign(participant);
    if (since == null) {
      return snapshot(participant, ownToken);
    }
    return log.since(sessionId, since, epoch, true).compose(history -> history.gone()
        ? snapshot(participant, ownToken)
        : Future.succeededFuture(new Joined(participant, ownToken, null, history)));
  }

  private Future<Joined> snapshot(Participant participant, String token) {
    return log.snapshot(participant).map(snapshot -> new Joined(participant, token, snapshot, null));
  }
}

package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.RateLimit;
import townhall.domain.Role;
import townhall.store.EventLog;
import townhall.store.RateLimiter;

/**
 * A client says hello: it is identified by its token (or made a new resident when it has none), gets a fresh token
 * and either the events it missed since {@code since} or a full snapshot. A token that is refused (forged, expired,
 * of another session, signed with an unknown key, of an older version) is never replaced by a new identity: the
 * hello fails with {@code unauthorized}, so a client cannot silently lose the identity its questions belong to, nor
 * be handed someone else's.
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
   * @param token the participant's token, signed afresh (a new expiry), to be sent in later hellos
   */
  public record Joined(Participant participant, String token, EventLog.Snapshot snapshot, EventLog.History history) {
    /** The seq the client holds once it has applied this result. */
    public long seq() {
      return snapshot != null ? snapshot.seq() : history.seq();
    }
  }

  /**
   * Who says hello in {@code sessionId} from {@code address}: with a token, the participant it stands for (failed
   * with {@code unauthorized} when the token is refused); without one, a new resident (failed with
   * {@code rate_limited} when the address made too many new identities lately).
   */
  public Future<Participant> identify(String sessionId, String token, String address) {
    if (token != null) {
      try {
        return Future.succeededFuture(tokens.require(token, sessionId).participant());
      } catch (DomainException refused) {
        return Future.failedFuture(refused);
      }
    }
    Participant resident = new Participant(sessionId, ids.participantId(), Role.RESIDENT);
    return limiter.take(RateLimiter.Bucket.IDENTITIES, address, newIdentities)
        // the record feeds the vote-stuffing signals only: a Redis too full to keep it must not stop a resident
        .compose(ok -> identities.record(resident, address).otherwiseEmpty())
        .map(recorded -> resident);
  }

  /** The participant's state: the events after {@code since} when the log still has them, else a snapshot. */
  public Future<Joined> join(Participant participant, Long since, String epoch) {
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
